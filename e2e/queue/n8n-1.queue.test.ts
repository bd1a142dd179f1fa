/** Queue mode on n8n 1.123.81 (Node 20). */
import { describeQueueMode } from './queue.suite';

describeQueueMode('n8n-1');
