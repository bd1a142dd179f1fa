/** Queue mode on n8n 2.41.1 (Node 24). */
import { describeQueueMode } from './queue.suite';

describeQueueMode('n8n-2');
