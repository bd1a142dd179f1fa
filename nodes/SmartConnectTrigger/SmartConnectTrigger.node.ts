import {
	NodeConnectionTypes,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { optionsCollection } from '../SmartConnect/actions/common.descriptions';
import { mapChoices } from '../SmartConnect/methods/mapChoices';
import { optionSubtitle } from '../SmartConnect/helpers/subtitle';
import { pollRuns } from './poll';

/** Trigger On: which runs start the workflow. */
const triggerOn: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	default: 'runFailed',
	options: [
		{ name: 'Run Failed', value: 'runFailed', description: 'A run of a watched map ended with at least one error' },
		{ name: 'Run Finished', value: 'runFinished', description: 'A run of a watched map ended, with or without errors' },
		{ name: 'Run Succeeded', value: 'runSucceeded', description: 'A run of a watched map ended without errors' },
	],
};

export class SmartConnectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartConnect Trigger',
		name: 'smartConnectTrigger',
		icon: { light: 'file:smartConnect.svg', dark: 'file:smartConnect.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle(triggerOn),
		description: 'Starts the workflow when a SmartConnect map run finishes, fails or succeeds',
		defaults: { name: 'SmartConnect Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartConnectApi', required: true }],
		properties: [
			triggerOn,
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				default: 'maps',
				options: [
					{ name: 'All Maps', value: 'all', description: 'Every map of the company, up to Max Maps (one history read per map and poll)' },
					{ name: 'Chosen Maps', value: 'maps', description: 'The maps picked from the list below' },
				],
			},
			{
				displayName: 'Map Names or IDs',
				name: 'maps',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMaps' },
				default: [],
				required: true,
				displayOptions: { show: { watch: ['maps'] } },
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Max Maps',
				name: 'maxMaps',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 20,
				displayOptions: { show: { watch: ['all'] } },
				description: 'How many maps to watch at most, in the order SmartConnect lists them; each costs one request per poll',
			},
			{
				displayName:
					'SmartConnect keeps the last 10 runs of each map. If a map can run more than 10 times between two polls, poll more often: runs in between are reported as possibly missed.',
				name: 'historyNotice',
				type: 'notice',
				default: '',
			},
			// The node's request options (Timeout, Retries for Reads), described for a trigger's reads.
			optionsCollection(
				[
					{
						displayName: 'Attach Failed Rows',
						name: 'attachErrors',
						type: 'boolean',
						default: false,
						description: 'Whether to add the failed rows of each failed run (at most the first 1,000), each with its error, as failedRows',
					},
					{
						displayName: 'Download Outputs',
						name: 'downloadOutputs',
						type: 'boolean',
						default: false,
						description: 'Whether to download the files each run produced as binary data (output0, output1, …), named as SmartConnect names them',
					},
				],
				{
					retries: 'How often a read is tried again after a network error, HTTP 429 or 5xx',
					timeout: 'How long to wait for SmartConnect to answer each request',
				},
			),
		],
	};

	methods = {
		loadOptions: {
			async getMaps(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await mapChoices.call(this, 'Map list');
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollRuns.call(this);
	}
}
