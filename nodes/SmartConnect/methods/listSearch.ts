import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readMapList } from '../helpers/maps';
import { smartConnectRequest } from '../transport';

/** "From List" for the Map locator: GetMapList, filtered by what the user types. */
export async function searchMaps(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const body = await smartConnectRequest.call(this, { endpoint: 'GetMapList', operation: 'Map list search', kind: 'read' });
	const maps = readMapList(body, filter);
	return {
		results: maps
			.sort((a, b) => a.mapId.localeCompare(b.mapId))
			.map((map) => ({
				name: map.description ? `${map.mapId} — ${map.description}` : map.mapId,
				value: map.mapKey,
			})),
	};
}
