import { readConnections } from '../../helpers/history';
import { listOperation } from '../list';

export const { properties, description, execute } = listOperation({
	resource: 'connection',
	endpoint: 'GetConnections',
	operation: 'Connection › Get Many',
	read: readConnections,
});
