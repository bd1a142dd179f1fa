import { updateDisplayOptions, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import * as map from './map/Map.resource';
import * as getMapXml from './mapRun/getMapXml.operation';
import * as mapRun from './mapRun/MapRun.resource';
import type { Operation } from './resource';

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

/** The Map Run operations only the on-premise server has, registered once here. */
export const onPremOnlyOperations = { getMapXml } satisfies Record<string, Operation>;

/** Their parameters, scoped to their operation. */
export const onPremOnlyDescription: INodeProperties[] = Object.entries(onPremOnlyOperations).flatMap(([value, operation]) =>
	updateDisplayOptions({ show: { resource: ['mapRun'], operation: [value] } }, operation.properties),
);

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
	onPremOperations(map.description, ['getMany', 'getColumns']),
	onPremOperations(
		mapRun.description,
		['run', 'runWithDataTable', 'runWithVariables', 'runWithXml'],
		Object.entries(onPremOnlyOperations).map(([value, operation]) => ({ ...operation.option, value })),
	),
	// The REST API: only its integration run is public (its operations: integration/Integration.resource.ts).
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { authentication: [REST_API] } },
		options: [{ name: 'Integration', value: 'integration' }],
		default: 'integration',
	},
];

/** A SmartConnect.com resource or operation selector, hidden for the on-premise server. */
export function smartConnectComOnly(property: INodeProperties): INodeProperties {
	if (property.name !== 'resource' && property.name !== 'operation') return property;
	const hide = { ...property.displayOptions?.hide, authentication: [ON_PREM, REST_API] };
	return { ...property, displayOptions: { ...property.displayOptions, hide } };
}

/** A REST API operation selector, shown for the REST API only. */
export function restApiOnly(property: INodeProperties): INodeProperties {
	if (property.name !== 'operation') return property;
	return { ...property, displayOptions: { show: { ...property.displayOptions?.show, authentication: [REST_API] } } };
}
