import type { INodeProperties } from 'n8n-workflow';

/** Parameters the run operations share; each operation scopes them with updateDisplayOptions. */

export const columnsMapper: INodeProperties = {
	displayName: 'Columns',
	name: 'columns',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'autoMapInputData', value: null },
	required: true,
	description: "How input items become rows of the map's data table",
	typeOptions: {
		loadOptionsDependsOn: ['map.value'],
		resourceMapper: {
			resourceMapperMethod: 'getMapColumns',
			mode: 'map',
			fieldWords: { singular: 'column', plural: 'columns' },
			addAllFields: true,
			multiKeyMatch: false,
			supportAutoMap: true,
		},
	},
};

export const batchingProperties: INodeProperties[] = [
	{
		displayName: 'Batching',
		name: 'batching',
		type: 'options',
		options: [
			{
				name: 'Run Once for All Items',
				value: 'allItems',
				description: 'All items become one data table and the map runs once (or once per Rows per Run)',
			},
			{
				name: 'Run Once per Item',
				value: 'perItem',
				description: 'Each item is a data table of one row and a run of its own',
			},
		],
		default: 'allItems',
	},
	{
		displayName: 'Rows per Run',
		name: 'rowsPerRun',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Split large inputs into several runs of at most this many rows, each reported. 0 sends all rows in one run.',
		displayOptions: { show: { batching: ['allItems'] } },
	},
];

export const onMapErrorsProperty: INodeProperties = {
	displayName: 'On Map Errors',
	name: 'onMapErrors',
	type: 'options',
	options: [
		{
			name: 'Return the Run Result',
			value: 'returnResult',
			description: 'Output the result with its failed rows; the workflow goes on',
		},
		{
			name: 'Stop With an Error',
			value: 'stop',
			description:
				'Treat failed rows as an error. With Continue (Using Error Output) each failed item goes to the error output with SmartConnect\'s message and the run number (error.runNumber).',
		},
	],
	default: 'returnResult',
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		"Whether to return a compact result (status, run number, counts, failed rows) instead of SmartConnect's raw response",
};

export const valueOptions: INodeProperties[] = [
	{
		displayName: 'Characters XML Cannot Carry',
		name: 'invalidCharacters',
		type: 'options',
		options: [
			{ name: 'Stop With an Error', value: 'error', description: 'Name the item and field that holds them' },
			{ name: 'Remove Them', value: 'drop', description: 'Drop control characters from the values' },
		],
		default: 'error',
	},
	{
		displayName: 'Objects and Arrays',
		name: 'nestedValues',
		type: 'options',
		options: [
			{ name: 'Stop With an Error', value: 'error', description: 'A column value must be text, a number, a boolean or a date' },
			{ name: 'Send as JSON Text', value: 'json', description: 'Write the value as JSON in the column' },
		],
		default: 'error',
	},
];
