import type { INodeProperties } from 'n8n-workflow';

import * as company from './company/Company.resource';
import * as connection from './connection/Connection.resource';
import * as dataSource from './dataSource/DataSource.resource';
import * as integration from './integration/Integration.resource';
import * as map from './map/Map.resource';
import * as mapRun from './mapRun/MapRun.resource';
import { authenticationProperty, onPremOnlyDescription, onPremSelectors, restApiOnly, smartConnectComOnly } from './services.description';
import * as token from './token/Token.resource';

/** SmartConnect.com's resources and operations, each scoped by displayOptions. */
const smartConnectCom: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Connection', value: 'connection' },
			{ name: 'Data Source', value: 'dataSource' },
			{ name: 'Map', value: 'map' },
			{ name: 'Map Run', value: 'mapRun' },
			{ name: 'Token', value: 'token' },
		],
		default: 'mapRun',
	},
	...map.description,
	...mapRun.description,
	...token.description,
	...connection.description,
	...dataSource.description,
	...company.description,
];

/**
 * The Authentication parameter, the selectors of the other services, SmartConnect.com's selectors
 * (hidden for the others), and every operation's parameters.
 */
export const properties: INodeProperties[] = [
	authenticationProperty,
	...onPremSelectors,
	...smartConnectCom.map(smartConnectComOnly),
	...onPremOnlyDescription,
	...integration.description.map(restApiOnly),
];
