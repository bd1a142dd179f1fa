/** Map keys are GUIDs (GetMapList's MapKey), optionally in braces; the editor validates with this pattern. */
export const MAP_KEY_PATTERN = '^\\s*\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?\\s*$';

const MAP_KEY = new RegExp(MAP_KEY_PATTERN);

/** The map key in the form SmartConnect takes (no spaces or braces), or undefined when it is not a GUID. */
export function parseMapKey(value: unknown): string | undefined {
	if (typeof value !== 'string' || !MAP_KEY.test(value)) return undefined;
	return value.trim().replace(/^\{|\}$/g, '');
}

/** On-premise SmartConnect addresses a map by its Map ID (e.g. GP_ACC), which goes into the URL path. */
export function parseMapId(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const id = String(value).trim();
	return id === '' || id.length > 100 ? undefined : id;
}

/** The map as the credential's service takes it: a MapKey GUID (SmartConnect.com) or a Map ID (on-premise). */
export function parseMapReference(byMapId: boolean, value: unknown): string | undefined {
	return byMapId ? parseMapId(value) : parseMapKey(value);
}

/** A map (SmartConnect "process") as GetMapList lists it, in the node's output names. */
export interface MapListItem {
	mapKey: string;
	mapId: string;
	description: string;
}

/**
 * Reads GetMapList's `[{MapKey, MapId, MapDescription}]`, optionally keeping names that contain
 * `filter`. On-premise lists have no MapKey: the Map ID is the key there.
 */
export function readMapList(body: unknown, filter?: string): MapListItem[] {
	if (!Array.isArray(body)) throw new Error('GetMapList did not return a list of maps');
	const needle = (filter ?? '').trim().toLowerCase();
	return body
		.map((entry: Record<string, unknown>) => ({
			mapKey: String(entry?.MapKey ?? entry?.MapId ?? ''),
			mapId: String(entry?.MapId ?? ''),
			description: String(entry?.MapDescription ?? ''),
		}))
		.filter(
			(map) =>
				needle === '' ||
				map.mapId.toLowerCase().includes(needle) ||
				map.description.toLowerCase().includes(needle),
		);
}

/** A map column as GetMapColumns / GetMappedMapColumns list it. */
export interface MapColumn {
	columnName: string;
	isRequired: boolean;
}

/** Reads `[{ColumnName, IsRequired}]`. */
export function readColumns(body: unknown): MapColumn[] {
	if (!Array.isArray(body)) throw new Error('SmartConnect did not return a list of columns');
	return body.map((entry: Record<string, unknown>) => ({
		columnName: String(entry?.ColumnName ?? ''),
		isRequired: entry?.IsRequired === true || String(entry?.IsRequired).toLowerCase() === 'true',
	}));
}
