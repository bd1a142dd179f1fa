import { resourceDescription } from '../resource';
import * as save from './save.operation';

export const operations = { save };

export const description = resourceDescription('processErrors', operations, 'save');
