import { resourceDescription } from '../resource';
import * as run from './run.operation';

/** The REST API's resource: only its integration run is public. */
export const operations = { run };

export const description = resourceDescription('integration', operations, 'run');
