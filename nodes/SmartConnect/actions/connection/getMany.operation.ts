import { readConnections } from '../../helpers/history';
import { listOperation } from '../list';

export const { properties, execute } = listOperation({
	endpoint: 'GetConnections',
	operation: 'Connection › Get Many',
	read: readConnections,
});

export const option = {
	name: 'Get Many',
	description: 'List the connections (destinations) set up in SmartConnect',
	action: 'Get many connections',
};
