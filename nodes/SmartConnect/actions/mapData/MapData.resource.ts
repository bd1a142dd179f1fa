import { resourceDescription } from '../resource';
import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description = resourceDescription('mapData', operations, 'getAll');
