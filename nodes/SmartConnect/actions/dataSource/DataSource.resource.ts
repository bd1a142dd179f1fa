import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataSource'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the data sources set up in SmartConnect',
				action: 'Get many data sources',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
