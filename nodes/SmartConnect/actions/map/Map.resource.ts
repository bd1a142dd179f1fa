import { resourceDescription } from '../resource';
import * as getColumns from './getColumns.operation';
import * as getMany from './getMany.operation';
import * as getMappedColumns from './getMappedColumns.operation';
import * as getSourceRows from './getSourceRows.operation';

export const operations = { getColumns, getMany, getMappedColumns, getSourceRows };

export const description = resourceDescription('map', operations, 'getMany');
