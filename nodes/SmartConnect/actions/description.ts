import type { INodeProperties } from 'n8n-workflow';

import * as map from './map/Map.resource';
import * as token from './token/Token.resource';

/** Resource selector and every operation's parameters, each scoped by displayOptions. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Map', value: 'map' },
			{ name: 'Token', value: 'token' },
		],
		default: 'map',
	},
	...map.description,
	...token.description,
];
