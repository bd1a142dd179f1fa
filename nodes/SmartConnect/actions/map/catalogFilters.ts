import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readProcessesByConnection, readProcessesForDataSource, type ListedMap } from '../../helpers/history';
import { getRead, type ReadContext } from '../history';

/** Map › Get Many's filters by connection and by data source (their IDs from Connection / Data Source › Get Many). */
export const catalogFilters: INodeProperties[] = [
	{
		displayName: 'Connection ID',
		name: 'connectionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
		description: 'Only maps that write to this connection (its ID from Connection › Get Many)',
	},
	{
		displayName: 'Data Source ID',
		name: 'dataSourceId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
		description: 'Only maps that read from this data source (its ID from Data Source › Get Many)',
	},
];

export interface CatalogFilter {
	connectionId?: string;
	dataSourceId?: string;
}

/**
 * The maps of the connection and/or data source filter (both: the maps in both lists), in the
 * order SmartConnect lists them; undefined when neither filter is set (use the map list then).
 */
export async function mapsByCatalog(
	this: IExecuteFunctions,
	filters: CatalogFilter,
	read: ReadContext,
): Promise<ListedMap[] | undefined> {
	const connectionId = String(filters.connectionId ?? '').trim();
	const dataSourceId = String(filters.dataSourceId ?? '').trim();
	const lists: ListedMap[][] = [];
	if (connectionId !== '') lists.push(readProcessesByConnection(await getRead.call(this, 'GetProcessesByConnection', { connectionId }, read)));
	if (dataSourceId !== '') lists.push(readProcessesForDataSource(await getRead.call(this, 'GetProcessesForDatasource', { dataSourceId }, read)));
	if (lists.length === 0) return undefined;
	const [first, ...others] = lists;
	return first
		.filter((map) => others.every((list) => list.some((other) => other.mapKey.toLowerCase() === map.mapKey.toLowerCase())))
		.map((map) => Object.assign({}, map, ...others.map((list) => list.find((o) => o.mapKey.toLowerCase() === map.mapKey.toLowerCase()))));
}

/** Keeps maps whose map ID or description contains `name` (not case-sensitive), as the map list's filter does. */
export function nameMatches(map: { mapId: string; description: string }, name: string | undefined): boolean {
	const needle = (name ?? '').trim().toLowerCase();
	return needle === '' || map.mapId.toLowerCase().includes(needle) || map.description.toLowerCase().includes(needle);
}
