import { type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { downloadOutput, outputJson, readMapOutputs } from '../history';
import { mapLocator, optionsCollection } from '../common.descriptions';
import { getMapKey, readContext } from '../parameters';
import { getRunNumber, runNumberProperty } from './runNumber';
import type { ExecutionMemory } from '../node.type';

export const properties: INodeProperties[] = [
	mapLocator,
	runNumberProperty,
	{
		displayName: 'Download Files',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to download each file as binary data, named as SmartConnect names it',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { download: [true] } },
		description: 'The name of the output binary field to put the file in',
	},
	optionsCollection(),
];

export const option = {
	name: 'Get Outputs',
	description: 'List the files a run produced, and optionally download them',
	action: 'Get outputs of a map run',
};

/** One item per output file; the download link's token is never in the output. */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const runNumber = getRunNumber.call(this, itemIndex);
	const read = readContext.call(this, 'Map Run › Get Outputs', itemIndex, memory);
	const outputs = await readMapOutputs.call(this, mapKey, runNumber, read);
	const download = this.getNodeParameter('download', itemIndex, false) as boolean;
	const field = download ? (this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string) : '';
	const items: INodeExecutionData[] = [];
	for (const output of outputs) {
		const item: INodeExecutionData = { json: outputJson(output), pairedItem: { item: itemIndex } };
		if (download) item.binary = { [field]: await downloadOutput.call(this, output, read) };
		items.push(item);
	}
	return items;
}
