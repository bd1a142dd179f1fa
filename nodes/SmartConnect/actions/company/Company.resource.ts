import { resourceDescription } from '../resource';
import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description = resourceDescription('company', operations, 'getMany');
