/** n8n 1.123.81 on this machine's Node 20 (legacy expression engine). */
import { describeExamples } from './examples.suite';

describeExamples('n8n-1');
