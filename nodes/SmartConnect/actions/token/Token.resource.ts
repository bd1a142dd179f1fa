import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as validate from './validate.operation';

export { get, validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the SmartConnect session token of the credential (GetToken when none is stored)',
				action: 'Get the session token',
				// Not offered to AI agents: the token opens every map of the company.
				displayOptions: { hide: { '@tool': [true] } },
			},
			{
				name: 'Validate',
				value: 'validate',
				description: 'Check whether the stored SmartConnect token is still valid',
				action: 'Validate the session token',
			},
		],
		default: 'validate',
	},
	...get.description,
	...validate.description,
];
