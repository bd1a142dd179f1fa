import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readColumns } from '../../helpers/maps';
import { smartConnectRequest } from '../../transport';
import { mapLocator, optionsCollection } from '../common.descriptions';
import { getMapKey, requestSettings } from '../parameters';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Get Columns',
	description: "List the source columns of a map's data source, with which are required",
	action: 'Get columns of a map',
};

export const properties: INodeProperties[] = [mapLocator, optionsCollection()];

/** One output item per column of the map, from `endpoint` (GetMapColumns or GetMappedMapColumns). */
export async function readMapColumns(
	this: IExecuteFunctions,
	itemIndex: number,
	memory: ExecutionMemory,
	endpoint: string,
	operation: string,
): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const body = await smartConnectRequest.call(
		this,
		{ endpoint, operation, kind: 'read', itemIndex, qs: { mapKey }, memory },
		requestSettings.call(this, itemIndex),
	);
	return readColumns(body).map((column) => ({ json: { mapKey, ...column }, pairedItem: { item: itemIndex } }));
}

/** GetMapColumns: the columns of the map's data source. */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	return await readMapColumns.call(this, itemIndex, memory, 'GetMapColumns', 'Map › Get Columns');
}
