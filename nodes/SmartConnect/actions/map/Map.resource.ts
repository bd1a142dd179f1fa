import type { INodeProperties } from 'n8n-workflow';

import * as getColumns from './getColumns.operation';
import * as getAll from './getMany.operation';

export { getAll, getColumns };
export const getMappedColumns = getColumns;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['map'] } },
		options: [
			{
				name: 'Get Columns',
				value: 'getColumns',
				description: "List the source columns of a map's data source, with which are required",
				action: 'Get the source columns of a map',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the SmartConnect maps (processes) the user can run',
				action: 'Get many maps',
			},
			{
				name: 'Get Mapped Columns',
				value: 'getMappedColumns',
				description: "List the source columns mapped to the map's destination",
				action: 'Get the mapped columns of a map',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getColumns.description,
];
