import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['map'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the SmartConnect maps (processes) the user can run',
				action: 'Get many maps',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
