import { resourceDescription } from '../resource';
import * as getErrors from './getErrors.operation';
import * as getMany from './getMany.operation';
import * as getOutputs from './getOutputs.operation';
import * as run from './run.operation';
import * as runWithDataTable from './runWithDataTable.operation';
import * as runWithVariables from './runWithVariables.operation';
import * as runWithXml from './runWithXml.operation';
import * as saveErrors from './saveErrors.operation';

export const operations = { getErrors, getMany, getOutputs, run, runWithDataTable, runWithVariables, runWithXml, saveErrors };

export const description = resourceDescription('mapRun', operations, 'runWithDataTable');
