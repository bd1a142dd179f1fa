import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readMapList } from '../helpers/maps';
import { smartConnectRequest } from '../transport';

/**
 * The maps to choose from in the editor (the node's Map locator, the trigger's Maps): GetMapList,
 * filtered by what the user types, by map ID, each named "ID — description".
 */
export async function mapChoices(this: ILoadOptionsFunctions, operation: string, filter?: string): Promise<INodePropertyOptions[]> {
	// An editor call is a run of its own: a memory of its own.
	const body = await smartConnectRequest.call(this, { endpoint: 'GetMapList', operation, kind: 'read', memory: {} });
	return readMapList(body, filter)
		.sort((a, b) => a.mapId.localeCompare(b.mapId))
		.map((map) => ({ name: map.description ? `${map.mapId} — ${map.description}` : map.mapId, value: map.mapKey }));
}
