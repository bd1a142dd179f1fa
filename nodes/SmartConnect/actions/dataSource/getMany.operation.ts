import { readDataSources } from '../../helpers/history';
import { listOperation } from '../list';

export const { properties, description, execute } = listOperation({
	resource: 'dataSource',
	endpoint: 'GetDataSources',
	operation: 'Data Source › Get Many',
	read: readDataSources,
});
