import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the companies the credential's email can log in to, with their Customer IDs",
				action: 'Get many companies',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
