import { resourceDescription } from '../resource';
import * as get from './get.operation';
import * as validate from './validate.operation';

export const operations = { get, validate };

export const description = resourceDescription('token', operations, 'validate');
