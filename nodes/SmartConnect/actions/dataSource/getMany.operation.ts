import { readDataSources } from '../../helpers/history';
import { listOperation } from '../list';

export const { properties, execute } = listOperation({
	endpoint: 'GetDataSources',
	operation: 'Data Source › Get Many',
	read: readDataSources,
});

export const option = {
	name: 'Get Many',
	description: 'List the data sources set up in SmartConnect',
	action: 'Get many data sources',
};
