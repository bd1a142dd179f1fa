import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readMapList } from '../../helpers/maps';
import { smartConnectRequest } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { returnAllOrLimit } from '../list';
import { readContext, requestSettings } from '../parameters';
import { catalogFilters, mapsByCatalog, nameMatches, type CatalogFilter } from './catalogFilters';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Get Many',
	description: 'List the SmartConnect maps (processes) the user can run',
	action: 'Get many maps',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			// In alphabetical order. Connections and data sources are SmartConnect.com's; the on-premise
			// server lists Extender maps by type.
			...catalogFilters.map((filter) => ({ ...filter, displayOptions: { hide: { '/authentication': ['smartConnectOnPremApi'] } } })),
			{
				displayName: 'Extender Map Type',
				name: 'extenderType',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2',
				description: "On-premise only: list the Extender maps of this type (getmaplist?type=…) instead of SmartConnect's maps",
				displayOptions: { show: { '/authentication': ['smartConnectOnPremApi'] } },
			},
			{
				displayName: 'ID or Description Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only maps whose map ID or description contains this text (not case-sensitive)',
			},
		],
	},
	optionsCollection(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { name?: string; extenderType?: string } & CatalogFilter;
	const extenderType = String(filters.extenderType ?? '').trim();
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const byCatalog = await mapsByCatalog.call(this, filters, readContext.call(this, 'Map › Get Many', itemIndex, memory));
	let maps: Array<{ mapKey: string; mapId: string; description: string }>;
	if (byCatalog) {
		maps = byCatalog.filter((map) => nameMatches(map, filters.name));
	} else {
		const body = await smartConnectRequest.call(
			this,
			{
				endpoint: 'GetMapList',
				operation: 'Map › Get Many',
				kind: 'read',
				itemIndex,
				...(extenderType === '' ? {} : { qs: { type: extenderType } }),
				memory,
			},
			requestSettings.call(this, itemIndex),
		);
		maps = readMapList(body, filters.name);
	}
	if (!returnAll) maps = maps.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	return maps.map((map) => ({ json: { ...map }, pairedItem: { item: itemIndex } }));
}
