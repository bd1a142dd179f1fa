/** The SmartConnect Trigger in a running n8n 2.41.1 (Node 24). */
import { describeTrigger } from './trigger.suite';

describeTrigger('n8n-2');
