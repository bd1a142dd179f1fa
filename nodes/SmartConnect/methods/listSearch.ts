import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { mapChoices } from './mapChoices';

/** "From List" for the Map locator: GetMapList, filtered by what the user types. */
export async function searchMaps(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return { results: await mapChoices.call(this, 'Map list search', filter) };
}
