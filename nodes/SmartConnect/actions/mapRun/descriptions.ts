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
				description: 'All items become one data table and the map runs once (or once per Options › Rows per Run)',
			},
			{
				name: 'Run Once per Item',
				value: 'perItem',
				description: 'Each item is a data table of one row and a run of its own',
			},
		],
		default: 'allItems',
	},
];

/** Options › Rows per Run, for data-table and XML runs built from items with Run Once for All Items. */
export const rowsPerRunOption: INodeProperties = {
	displayName: 'Rows per Run',
	name: 'rowsPerRun',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'Split large inputs into several runs of at most this many rows, each reported. 0 sends all rows in one run.',
	displayOptions: { show: { '/batching': ['allItems'] } },
};

/**
 * Options › Check Run History After a Failure. Shown for SmartConnect.com only: the on-premise server
 * and the REST API have no run history to read, so for them the node never reads one (settle.ts).
 */
export const checkRunHistoryOption: INodeProperties = {
	displayName: 'Check Run History After a Failure',
	name: 'checkRunHistory',
	type: 'boolean',
	default: true,
	description:
		"Whether a run request that fails after it may have reached SmartConnect (no answer in time, a dropped connection, HTTP 5xx) is settled from the map's run history: when exactly one new run appears there, it is reported as sent with its run number and counts; otherwise the outcome stays unknown, with the reason. The run is never sent again. Costs one run history read before each run request.",
	displayOptions: { show: { '/authentication': ['smartConnectApi'] } },
};

/** Options every map run offers: what it outputs, and what rows SmartConnect rejected do. */
export const runOutputOptions: INodeProperties[] = [
	checkRunHistoryOption,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Input Items With Status',
				value: 'items',
				description:
					'One item per input item, in input order, with a smartConnect object: run number, map key, status (success, failed, not sent) and the error',
			},
			{
				name: 'Run Summary',
				value: 'summary',
				description: 'One item per run: counts, the failed rows and which input items went in',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Input Fields to Include',
		name: 'inputFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. accountnumber, name',
		description:
			'Comma-separated fields of each input item to keep on its output item. Empty keeps them all.',
		displayOptions: { show: { output: ['items'] } },
	},
	{
		displayName: 'Stop on Rejected Rows',
		name: 'stopOnRejectedRows',
		type: 'boolean',
		default: true,
		description:
			"Whether rows SmartConnect rejected stop the workflow with an error naming them. With Settings › On Error › Continue (using error output) they leave by the error output instead; with Continue (regular output), or when this is off, they stay in the output with status failed.",
	},
];

export const valueOptions: INodeProperties[] = [
	{
		displayName: 'Unsupported Characters',
		name: 'invalidCharacters',
		type: 'options',
		options: [
			{ name: 'Remove Them', value: 'drop', description: 'Leave those characters out of the values and send the rest' },
			{ name: 'Stop With an Error', value: 'error', description: 'Stop and name the item and field that holds them' },
		],
		default: 'error',
		description:
			"What to do when a value holds characters SmartConnect can't receive, such as invisible control characters copied from another system",
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
