/* eslint-disable @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The on-premise SmartConnect WCF REST service (API "B", `smartconnect-api.md` §2) as a mode of the
 * one simulator: `/SmartConnect.svc/<method>/{MapId}` on the same server, over the same maps and
 * run numbers as SmartConnect.com, with anonymous or Basic access and the documented security
 * refusals. Everything eOne leaves open is a setting here (§6: "Basic-auth stand-in for Windows
 * auth, and the §2.1 message strings").
 */
import { BodyError, parseRequestData, parseVariablesBody } from './bodies';
import type { SimRequest, SimResponse, SimState } from './endpoints';
import { executeRun, sourceRows } from './runs';
import type { SimMap, SimRow, Variable } from './types';

/** The on-premise methods, as the request log names them. */
export type OnPremMethod =
	| 'getmaplist'
	| 'getmapcolumns'
	| 'runmap'
	| 'runmap/var'
	| 'runmapdatatable'
	| 'runmapxml'
	| 'getmapxml/datatable'
	| 'getmapxml/var';

/** The documented refusals (§2.1); their exact strings and HTTP statuses are not documented. */
export const ON_PREM_REFUSALS = {
	disabledOnServer: 'operation disabled on this server',
	disabledInSmartConnect: 'operation disabled within SmartConnect',
	invalidUser: 'Invalid user for this operation',
	ipFilter: 'invalid client endpoint for this operation',
	timeFilter: 'invalid service request configuration',
	mapUnavailable: 'map is unavailable or does not exist',
	realTime: 'Real-Time maps cannot be run via the SmartConnect web service',
} as const;

export interface OnPremSettings {
	/** 'none': anonymous IIS (eOne's default). 'basic': the user below, as `Authorization: Basic`. */
	auth: 'none' | 'basic';
	user: string;
	password: string;
	/** Methods switched off in web.config (AllowGetMaps, AllowRunMapDataTable, …). */
	disabledOnServer: OnPremMethod[];
	/** Methods switched off in SmartConnect's Request Security. */
	disabledInSmartConnect: OnPremMethod[];
	/** Methods only these users may call (Request Security › specific users); others are refused. */
	allowedUsers: Partial<Record<OnPremMethod, string[]>>;
	/** The IP filter refuses every caller. */
	ipFilterRefuses: boolean;
	/** The time filter refuses every request now. */
	timeFilterRefuses: boolean;
	/** The HTTP status a refusal is answered with (undocumented). Default 400. */
	refusalStatus: number;
	/** Extender maps per `?type=` value. */
	extenderMaps: Record<string, Array<{ MapId: string; MapDescription: string }>>;
}

export const ON_PREM_USER = 'GP\\svc-n8n';
export const ON_PREM_PASSWORD = 'OnPrem-Passw0rd!';

export function defaultOnPremSettings(): OnPremSettings {
	return {
		auth: 'none',
		user: ON_PREM_USER,
		password: ON_PREM_PASSWORD,
		disabledOnServer: [],
		disabledInSmartConnect: [],
		allowedUsers: {},
		ipFilterRefuses: false,
		timeFilterRefuses: false,
		refusalStatus: 400,
		extenderMaps: { '2': [{ MapId: 'EXT_CUSTOMER', MapDescription: 'Extender customer window' }] },
	};
}

export interface OnPremRoute {
	method: OnPremMethod;
	/** The decoded Map ID from the path (or `?mapId=`), for methods that take one. */
	mapId?: string;
}

/**
 * Routes `/SmartConnect.svc/…` (any case). Get Columns is accepted in the plausible forms, as its
 * URI is undocumented: `getmapcolumns/{id}`, `getcolumns/{id}`, `mapcolumns/{id}` and
 * `getmapcolumns?mapId={id}`.
 */
export function onPremRoute(pathname: string, param: (name: string) => string | undefined): OnPremRoute | undefined {
	const segments = pathname.split('/').filter((s) => s !== '');
	const svc = segments.findIndex((s) => s.toLowerCase() === 'smartconnect.svc');
	if (svc < 0) return undefined;
	const rest = segments.slice(svc + 1);
	const name = rest.map((s) => s.toLowerCase());
	const id = (at: number) => (rest[at] === undefined ? undefined : decodeURIComponent(rest[at]));
	if (name.length === 1 && name[0] === 'getmaplist') return { method: 'getmaplist' };
	if (['getmapcolumns', 'getcolumns', 'mapcolumns'].includes(name[0] ?? '')) {
		return { method: 'getmapcolumns', mapId: id(1) ?? param('mapId') };
	}
	if (name[0] === 'runmap' && name[1] === 'var' && rest.length === 3) return { method: 'runmap/var', mapId: id(2) };
	if (name[0] === 'runmap' && rest.length === 2) return { method: 'runmap', mapId: id(1) };
	if (name[0] === 'runmapdatatable' && rest.length === 2) return { method: 'runmapdatatable', mapId: id(1) };
	if (name[0] === 'runmapxml' && rest.length === 2) return { method: 'runmapxml', mapId: id(1) };
	if (name[0] === 'getmapxml' && name[1] === 'datatable' && rest.length === 3) return { method: 'getmapxml/datatable', mapId: id(2) };
	if (name[0] === 'getmapxml' && name[1] === 'var' && rest.length === 3) return { method: 'getmapxml/var', mapId: id(2) };
	return undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function json(value: unknown, status = 200): SimResponse {
	return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}

/** WCF answers a refusal with the message as a JSON string (the status is a setting). */
function refuse(settings: OnPremSettings, text: string): SimResponse {
	return json(text, settings.refusalStatus);
}

function basicUser(authorization: string | undefined): { user: string; password: string } | undefined {
	const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const IIS_401 =
	'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"><html><head><title>401 - Unauthorized: Access is denied due to invalid credentials.</title></head><body></body></html>';

/** Runs that write their input rows' failures into `Errors` (as RunMapDataTableWithErrors does in the cloud). */
const WITH_ERROR_TABLE = new Set<OnPremMethod>(['runmapdatatable', 'runmapxml', 'getmapxml/datatable']);

/** The map's rows as the XML document its XML destination would write. */
function outputXml(map: SimMap, rows: SimRow[]): string {
	const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const body = rows
		.map((row) => `<${map.mapId.replace(/\W/g, '_')}>${Object.entries(row).map(([k, v]) => (v === null ? '' : `<${k}>${escape(v)}</${k}>`)).join('')}</${map.mapId.replace(/\W/g, '_')}>`)
		.join('');
	return `<Output>${body}</Output>`;
}

/** Handles one on-premise request; `headers` are the request's, with lower-case names. */
export function handleOnPrem(
	state: SimState,
	settings: OnPremSettings,
	route: OnPremRoute,
	req: SimRequest,
	headers: Record<string, string>,
): SimResponse {
	const caller = basicUser(headers['authorization']);
	if (settings.auth === 'basic' && (!caller || caller.user.toLowerCase() !== settings.user.toLowerCase() || caller.password !== settings.password)) {
		return { status: 401, body: IIS_401, contentType: 'text/html', headers: { 'www-authenticate': 'Basic realm="gp-app01"' } };
	}
	const { method } = route;
	if (settings.disabledOnServer.includes(method)) return refuse(settings, ON_PREM_REFUSALS.disabledOnServer);
	if (settings.disabledInSmartConnect.includes(method)) return refuse(settings, ON_PREM_REFUSALS.disabledInSmartConnect);
	const allowed = settings.allowedUsers[method];
	if (allowed && !allowed.some((user) => user.toLowerCase() === (caller?.user ?? '').toLowerCase())) {
		return refuse(settings, ON_PREM_REFUSALS.invalidUser);
	}
	if (settings.ipFilterRefuses) return refuse(settings, ON_PREM_REFUSALS.ipFilter);
	if (settings.timeFilterRefuses) return refuse(settings, ON_PREM_REFUSALS.timeFilter);

	if (method === 'getmaplist') {
		const type = req.param('type');
		if (type !== undefined) return json(settings.extenderMaps[type] ?? []);
		return json(state.maps.filter((m) => !m.realTime && !m.companyId).map((m) => ({ MapId: m.mapId, MapDescription: m.description })));
	}
	const id = (route.mapId ?? '').trim().toLowerCase();
	const map = state.maps.find((m) => !m.companyId && m.mapId.toLowerCase() === id);
	if (!map) return refuse(settings, ON_PREM_REFUSALS.mapUnavailable);
	if (method === 'getmapcolumns') return json(map.columns);
	if (map.realTime) return refuse(settings, ON_PREM_REFUSALS.realTime);

	let rows: SimRow[];
	let variables: Variable[] = [];
	try {
		if (method === 'runmap/var' || method === 'getmapxml/var') {
			variables = parseVariablesBody(req.body);
			rows = sourceRows(map, variables);
		} else if (method === 'runmap') {
			rows = sourceRows(map, []);
		} else {
			rows = parseRequestData(req.body).rows;
		}
	} catch (e) {
		if (e instanceof BodyError) return json({ Message: e.message }, 400);
		throw e;
	}
	const { record, response } = executeRun(
		map,
		WITH_ERROR_TABLE.has(method) ? 'runmapdatatablewitherrors' : 'runmap',
		state.runBook.take(map),
		rows,
		variables,
	);
	state.runs.push({ ...record, endpoint: method });
	// On-premise RunMapResponse has no MapKey (§2.3).
	const onPremResponse: Partial<typeof response> = { ...response };
	delete onPremResponse.MapKey;
	if (method.startsWith('getmapxml/')) return json({ ...onPremResponse, OutputXml: [outputXml(map, rows)] });
	return json(onPremResponse);
}
