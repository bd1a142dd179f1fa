import type { INodeProperties } from 'n8n-workflow';

import * as company from './company/Company.resource';
import * as connection from './connection/Connection.resource';
import * as dataSource from './dataSource/DataSource.resource';
import * as map from './map/Map.resource';
import * as mapData from './mapData/MapData.resource';
import * as mapRun from './mapRun/MapRun.resource';
import * as processErrors from './processErrors/ProcessErrors.resource';
import * as token from './token/Token.resource';

/** Resource selector and every operation's parameters, each scoped by displayOptions. */
export const properties: INodeProperties[] = [
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
			{ name: 'Map Data', value: 'mapData' },
			{ name: 'Map Run', value: 'mapRun' },
			{ name: 'Process Error', value: 'processErrors' },
			{ name: 'Token', value: 'token' },
		],
		default: 'mapRun',
	},
	...map.description,
	...mapData.description,
	...mapRun.description,
	...processErrors.description,
	...token.description,
	...connection.description,
	...dataSource.description,
	...company.description,
];
