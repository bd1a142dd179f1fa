import type { INodeProperties } from 'n8n-workflow';


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

/**
 * The Options collection: `extra` options and the request options, by name; `describe` words a
 * request option for another use (the trigger's reads), its name and limits stay the same.
 */
export const optionsCollection = (
	extra: INodeProperties[] = [],
	describe: Partial<Record<'timeout' | 'retries', string>> = {},
): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...extra,
		...requestOptions.map((option) => ({ ...option, description: describe[option.name as 'timeout' | 'retries'] ?? option.description })),
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

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
			// Not "id": n8n labels a mode of that name "By ID", which invites the map ID, not the key.
			displayName: 'By Key',
			name: 'mapKey',
			type: 'string',
			placeholder: 'e.g. 364fde19-0748-4d10-886f-a95300a506c5',
			// No `validation` regex: n8n would run it before every execution in a VM with a 250 ms
			// limit. parseMapKey (helpers/maps.ts) checks the key and names the item instead.
		},
		{
			// The on-premise server addresses maps by their Map ID.
			displayName: 'By Map ID (On-Premise)',
			name: 'mapId',
			type: 'string',
			placeholder: 'e.g. GP_ACC',
		},
	],
};

/**
 * Global variables as a list of names and values or as JSON, in n8n's "Specify …" convention.
 * The same parameters work at the top level and inside an Options collection: the list shows
 * unless JSON is chosen, so it is there before "Specify Global Variables" is added.
 */
export const variableProperties: INodeProperties[] = [
	{
		displayName: 'Specify Global Variables',
		name: 'specifyVariables',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'keypair', description: 'Enter each variable below' },
			{ name: 'Using JSON', value: 'json', description: 'An object, or a list of {"Key", "Value"}' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Global Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { hide: { specifyVariables: ['json'] } },
		description: "Values for the map's global variables. Names are sent exactly as given; SmartConnect's start with GBL_.",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. GBL_CUSTOMER' },
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
		displayOptions: { show: { specifyVariables: ['json'] } },
		description: 'For example {"GBL_COUNTY": "GA"} or [{"Key": "GBL_COUNTY", "Value": "GA"}]',
	},
];
