import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAP_KEY_PATTERN } from '../helpers/maps';
import { DEFAULT_REQUEST_SETTINGS, type RequestSettings } from '../transport';

/** Request settings every operation offers, in an "Options" collection of its own. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description:
			'How long to wait for SmartConnect to answer. Map runs are synchronous: a long map needs a long timeout.',
	},
	{
		displayName: 'Retries for Reads',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 2,
		description:
			'How often a read (token, map list, columns, data) is tried again after a network error, HTTP 429 or 5xx. Map runs are never sent twice.',
	},
];

export const optionsCollection = (extra: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...extra, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

export function requestSettings(this: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as { timeout?: number; retries?: number };
	return {
		...DEFAULT_REQUEST_SETTINGS,
		timeoutMs: Math.max(1, options.timeout ?? DEFAULT_REQUEST_SETTINGS.timeoutMs / 1000) * 1000,
		retries: Math.max(0, Math.floor(options.retries ?? DEFAULT_REQUEST_SETTINGS.retries)),
	};
}


export const mapLocator: INodeProperties = {
	displayName: 'Map',
	name: 'map',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The SmartConnect map (process) to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchMaps', searchable: true },
		},
		{
			displayName: 'By Key',
			name: 'id',
			type: 'string',
			placeholder: '364fde19-0748-4d10-886f-a95300a506c5',
			validation: [
				{
					type: 'regex',
					properties: { regex: MAP_KEY_PATTERN, errorMessage: 'A map key is a GUID, like 364fde19-0748-4d10-886f-a95300a506c5' },
				},
			],
		},
		{
			// The on-premise server addresses maps by their Map ID.
			displayName: 'By Map ID (On-Premise)',
			name: 'mapId',
			type: 'string',
			placeholder: 'GP_ACC',
		},
	],
};

/** Global variables as a name/value list or as JSON. */
export const variableProperties: INodeProperties[] = [
	{
		displayName: 'Global Variables Input',
		name: 'variablesInput',
		type: 'options',
		options: [
			{ name: 'Name/Value List', value: 'fields', description: 'Enter each variable below' },
			{ name: 'JSON', value: 'json', description: 'An object, or a list of {"Key", "Value"}' },
		],
		default: 'fields',
	},
	{
		displayName: 'Global Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { variablesInput: ['fields'] } },
		description: "Values for the map's global variables. Names are sent exactly as given; SmartConnect's start with GBL_.",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'GBL_CUSTOMER' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Global Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { variablesInput: ['json'] } },
		description: 'For example {"GBL_COUNTY": "GA"} or [{"Key": "GBL_COUNTY", "Value": "GA"}]',
	},
];
