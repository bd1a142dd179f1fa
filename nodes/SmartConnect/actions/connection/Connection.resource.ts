import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connection'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the connections (destinations) set up in SmartConnect',
				action: 'Get many connections',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
