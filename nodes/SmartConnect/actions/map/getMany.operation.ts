import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readMapList } from '../../helpers/maps';
import { smartConnectRequest } from '../../transport';
import { optionsCollection, requestSettings } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only maps whose map ID or description contains this text (not case-sensitive)',
			},
			{
				displayName: 'Extender Map Type',
				name: 'extenderType',
				type: 'string',
				default: '',
				placeholder: '2',
				description: "On-premise only: list the Extender maps of this type (getmaplist?type=…) instead of SmartConnect's maps",
				displayOptions: { show: { '/authentication': ['smartConnectOnPremApi'] } },
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['map'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { name?: string; extenderType?: string };
	const extenderType = String(filters.extenderType ?? '').trim();
	const body = await smartConnectRequest.call(
		this,
		{
			endpoint: 'GetMapList',
			operation: 'Map › Get Many',
			kind: 'read',
			itemIndex,
			...(extenderType === '' ? {} : { qs: { type: extenderType } }),
		},
		requestSettings.call(this, itemIndex),
	);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let maps = readMapList(body, filters.name);
	if (!returnAll) maps = maps.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	return maps.map((map) => ({ json: { ...map }, pairedItem: { item: itemIndex } }));
}
