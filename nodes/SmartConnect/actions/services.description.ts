import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as map from './map/Map.resource';
import * as mapRun from './mapRun/MapRun.resource';

/**
 * Choosing the SmartConnect service: the Authentication parameter (its values are the credential
 * types) and, for the on-premise server, the resources and operations it offers. The SmartConnect.com
 * selectors are hidden for it with `smartConnectComOnly`, so an operation the server lacks is never
 * offered (`smartconnect-api.md` §2.2).
 */

export const ON_PREM = 'smartConnectOnPremApi';
export const REST_API = 'smartConnectOAuth2Api';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'SmartConnect.com', value: 'smartConnectApi', description: "The cloud web service of eOne, with a session token" },
		{ name: 'On-Premise Server', value: ON_PREM, description: 'The SmartConnect web service on your own server (SmartConnect.svc)' },
		{ name: 'REST API (OAuth2)', value: REST_API, description: 'The SmartConnect REST API of eOne, with a client ID and secret' },
	],
	// Workflows saved before this parameter existed use SmartConnect.com, as they always did.
	default: 'smartConnectApi',
};

const onPremOnly = { show: { authentication: [ON_PREM] } };

/**
 * A resource's operation selector for the on-premise server: the SmartConnect.com operations it
 * also has (same names and descriptions), plus its own.
 */
function onPremOperations(resource: INodeProperties[], values: string[], own: INodePropertyOptions[] = []): INodeProperties {
	const selector = resource.find((property) => property.name === 'operation') as INodeProperties;
	const options = [...(selector.options as INodePropertyOptions[]).filter((option) => values.includes(String(option.value))), ...own];
	return {
		...selector,
		displayOptions: { show: { ...selector.displayOptions?.show, ...onPremOnly.show } },
		options: options.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

export const onPremSelectors: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: onPremOnly,
		options: [
			{ name: 'Map', value: 'map' },
			{ name: 'Map Run', value: 'mapRun' },
		],
		default: 'mapRun',
	},
	onPremOperations(map.description, ['getAll', 'getColumns']),
	onPremOperations(mapRun.description, ['run', 'runWithDataTable', 'runWithVariables', 'runWithXml'], [
		{
			name: 'Get Map XML',
			value: 'getMapXml',
			description: 'Run a map with an XML destination and return the documents it wrote (getmapxml)',
			action: 'Run a map and get its XML',
		},
	]),
	// The REST API: only its integration run is public.
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { authentication: [REST_API] } },
		options: [{ name: 'Integration', value: 'integration' }],
		default: 'integration',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { authentication: [REST_API], resource: ['integration'] } },
		options: [
			{
				name: 'Run',
				value: 'run',
				description: 'Run an integration with global variables (v1/run-integration)',
				action: 'Run an integration',
			},
		],
		default: 'run',
	},
];

/** A SmartConnect.com resource or operation selector, hidden for the on-premise server. */
export function smartConnectComOnly(property: INodeProperties): INodeProperties {
	if (property.name !== 'resource' && property.name !== 'operation') return property;
	const hide = { ...property.displayOptions?.hide, authentication: [ON_PREM, REST_API] };
	return { ...property, displayOptions: { ...property.displayOptions, hide } };
}
