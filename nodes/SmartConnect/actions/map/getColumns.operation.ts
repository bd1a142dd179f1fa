import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readColumns } from '../../helpers/maps';
import { smartConnectRequest } from '../../transport';
import { mapLocator, optionsCollection, requestSettings } from '../common.descriptions';
import { getMapKey } from '../parameters';

const properties: INodeProperties[] = [mapLocator, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['map'], operation: ['getColumns', 'getMappedColumns'] } },
	properties,
);

const ENDPOINTS = {
	getColumns: { endpoint: 'GetMapColumns', operation: 'Map › Get Columns' },
	getMappedColumns: { endpoint: 'GetMappedMapColumns', operation: 'Map › Get Mapped Columns' },
};

/** One output item per column: the data source's columns, or those mapped to the map's destination. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const which = this.getNodeParameter('operation', itemIndex) as keyof typeof ENDPOINTS;
	const mapKey = getMapKey.call(this, itemIndex);
	const body = await smartConnectRequest.call(
		this,
		{ ...ENDPOINTS[which], kind: 'read', itemIndex, qs: { mapKey } },
		requestSettings.call(this, itemIndex),
	);
	return readColumns(body).map((column) => ({ json: { mapKey, ...column }, pairedItem: { item: itemIndex } }));
}
