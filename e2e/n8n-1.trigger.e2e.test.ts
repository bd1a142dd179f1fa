/** The SmartConnect Trigger in a running n8n 1.123.81 (Node 20). */
import { describeTrigger } from './trigger.suite';

describeTrigger('n8n-1');
