/** Lengths of the five hex groups of a GUID (8-4-4-4-12). */
const GUID_GROUPS = [8, 4, 4, 4, 12];

function isHex(code: number): boolean {
	return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** Whether `text` is exactly a GUID: one pass over the characters, no regular expression. */
function isGuid(text: string): boolean {
	if (text.length !== 36) return false;
	let position = 0;
	for (const [group, length] of GUID_GROUPS.entries()) {
		if (group > 0 && text[position++] !== '-') return false;
		for (const end = position + length; position < end; position++) {
			if (!isHex(text.charCodeAt(position))) return false;
		}
	}
	return true;
}

/**
 * The map key in the form SmartConnect takes (no surrounding spaces or braces), or undefined when
 * it is not a GUID (GetMapList's MapKey). Checked here rather than by a regular expression in the
 * parameter's description: n8n checks those before every execution in a VM with a 250 ms limit,
 * which a busy server can run out of ("Regular expression execution timed out").
 */
export function parseMapKey(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	let key = value.trim();
	if (key.startsWith('{') && key.endsWith('}')) key = key.slice(1, -1);
	return isGuid(key) ? key : undefined;
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
