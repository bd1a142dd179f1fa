import type { INodeProperties } from 'n8n-workflow';

import * as getAllData from './getAll.operation';

export { getAllData };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mapData'] } },
		options: [
			{
				name: 'Get All',
				value: 'getAllData',
				description: "Read the current rows of a map's data source, one item per row",
				action: 'Get all source data of a map',
			},
		],
		default: 'getAllData',
	},
	...getAllData.description,
];
