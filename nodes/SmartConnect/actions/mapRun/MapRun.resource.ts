import { resourceDescription } from '../resource';
import * as run from './run.operation';
import * as runWithDataTable from './runWithDataTable.operation';
import * as runWithVariables from './runWithVariables.operation';
import * as runWithXml from './runWithXml.operation';

export const operations = { run, runWithDataTable, runWithVariables, runWithXml };

export const description = resourceDescription('mapRun', operations, 'runWithDataTable');
