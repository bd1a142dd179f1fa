import type { IDataObject } from 'n8n-workflow';

import type { AcceptType, ContentType, RequestKind } from '../helpers/interfaces';

/**
 * The endpoint table: every call the node makes, what it is called on each SmartConnect service,
 * whether it may be sent again, and what it sends and asks for. Adding a call of an existing
 * service is one row here; adding a service is one column (and an auth strategy, see auth.ts).
 */

/**
 * The services a credential can reach (`smartconnect-api.md` §0):
 * - `smartConnectCom`: the SmartConnect.com web service (API A), `{API Url}/<Endpoint>?token=…`.
 * - `onPrem`: the on-premise WCF REST service (API B), `{Server URL}/<method>/{MapId}`, addressed by
 *   the human Map ID (§2).
 * - `oauth`: the OAuth REST API (API C), `{service}/v1/…` with `Authorization: Bearer`; only the
 *   integration run is public (`next-frontier.md` §4), more of it becomes more rows.
 */
export type Service = 'smartConnectCom' | 'onPrem' | 'oauth';

export interface Route {
	/**
	 * Relative to the service's base URL. `{map}` stands for the map: the request's `mapKey` query
	 * value goes there instead (percent-encoded), for services that take the map in the path.
	 */
	path: string;
	method: 'GET' | 'POST';
}

export interface Endpoint {
	/** The route per service; a service that lacks the call has none. */
	routes: Partial<Record<Service, Route>>;
	/** `read`: retried on network errors, 429 and 5xx. `run`: never resent once it may have arrived. */
	kind: RequestKind;
	/** What a body is sent as, for calls that send one. */
	contentType?: ContentType;
	/** What the answer is asked for as. */
	accept: AcceptType;
}

/** SmartConnect.com takes most calls as a POST, its parameters in the query string (§1.1). */
const post = (path: string): Route => ({ path, method: 'POST' });
/** The history, run error, output and catalog calls are GETs (§1.3–§1.4). */
const get = (path: string): Route => ({ path, method: 'GET' });

/**
 * On-premise Get Columns: eOne documents the method (it returns a MapColumnList) but not its URI
 * (§2.2). This is the node's choice, inferred from the other method names; change it here only.
 */
export const ON_PREM_COLUMNS_PATH = 'getmapcolumns/{map}';

/**
 * Keyed by the call's name, which is SmartConnect.com's endpoint in the casing its documentation
 * or eOne's own client uses (the service matches paths case-insensitively).
 */
export const ENDPOINTS = {
	validate: { routes: { smartConnectCom: post('validate') }, kind: 'read', accept: 'json' },
	// On-premise: `getmaplist` is documented without a verb, and eOne's sample sends a plain GET (§2.2).
	GetMapList: { routes: { smartConnectCom: post('GetMapList'), onPrem: get('getmaplist') }, kind: 'read', accept: 'json' },
	GetMapColumns: {
		routes: { smartConnectCom: post('GetMapColumns'), onPrem: get(ON_PREM_COLUMNS_PATH) },
		kind: 'read',
		accept: 'json',
	},
	GetMappedMapColumns: { routes: { smartConnectCom: post('GetMappedMapColumns') }, kind: 'read', accept: 'json' },
	// GetAllData answers XML only: a <string> wrapping the escaped dataset.
	GetAllData: { routes: { smartConnectCom: post('GetAllData') }, kind: 'read', contentType: 'application/json', accept: 'xml' },
	GetAllDataWithVariables: { routes: { smartConnectCom: post('GetAllDataWithVariables') }, kind: 'read', contentType: 'application/json', accept: 'xml' },
	// On-premise runmap has no body; its verb is undocumented, eOne shows it as a URL to open (GET).
	runmap: { routes: { smartConnectCom: post('runmap'), onPrem: get('runmap/{map}') }, kind: 'run', accept: 'json' },
	RunMapWithVariables: {
		routes: { smartConnectCom: post('RunMapWithVariables'), onPrem: post('runmap/var/{map}') },
		kind: 'run',
		contentType: 'application/json',
		accept: 'json',
	},
	// On-premise the body is a .NET DataSet with its inline schema (`WriteXml(…, WriteSchema)`), not <RequestData>.
	runmapdatatable: {
		routes: { smartConnectCom: post('runmapdatatable'), onPrem: post('runmapdatatable/{map}') },
		kind: 'run',
		contentType: 'text/xml',
		accept: 'json',
	},
	RunMapDataTableWithErrors: { routes: { smartConnectCom: post('RunMapDataTableWithErrors') }, kind: 'run', contentType: 'text/xml', accept: 'json' },
	// On-premise the body is the XML document itself ("any Xml that is in a valid Xml format").
	runmapxml: { routes: { smartConnectCom: post('runmapxml'), onPrem: post('runmapxml/{map}') }, kind: 'run', contentType: 'text/xml', accept: 'json' },
	// Get Map XML runs the map (its destination must write XML) and answers its OutputXml documents.
	GetMapXmlDataTable: { routes: { onPrem: post('getmapxml/datatable/{map}') }, kind: 'run', contentType: 'text/xml', accept: 'json' },
	GetMapXmlWithVariables: { routes: { onPrem: post('getmapxml/var/{map}') }, kind: 'run', contentType: 'application/json', accept: 'json' },
	// REST API: the run answers its errors with it (`returnErrors=true`), body `{"Variables":[{"Name","Value"}]}`.
	RunIntegration: {
		routes: { oauth: post('v1/run-integration/{map}?returnErrors=true') },
		kind: 'run',
		contentType: 'application/json',
		accept: 'json',
	},
	// Saving the same run's errors again changes nothing, so it is retried as a read.
	SaveProcessErrors: { routes: { smartConnectCom: post('SaveProcessErrors') }, kind: 'read', accept: 'json' },
	GetHistoryForProcess: { routes: { smartConnectCom: get('GetHistoryForProcess') }, kind: 'read', accept: 'json' },
	GetErrorsForProcessRun: { routes: { smartConnectCom: get('GetErrorsForProcessRun') }, kind: 'read', accept: 'json' },
	GetOutputsForProcess: { routes: { smartConnectCom: get('GetOutputsForProcess') }, kind: 'read', accept: 'json' },
	GetConnections: { routes: { smartConnectCom: get('GetConnections') }, kind: 'read', accept: 'json' },
	GetDataSources: { routes: { smartConnectCom: get('GetDataSources') }, kind: 'read', accept: 'json' },
	GetProcessesByConnection: { routes: { smartConnectCom: get('GetProcessesByConnection') }, kind: 'read', accept: 'json' },
	GetProcessesForDatasource: { routes: { smartConnectCom: get('GetProcessesForDatasource') }, kind: 'read', accept: 'json' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

export function isEndpointName(name: string): name is EndpointName {
	return Object.prototype.hasOwnProperty.call(ENDPOINTS, name);
}

/** The table's row for a call; an unknown name is a mistake in the node's code. */
export function endpointNamed(name: string): Endpoint {
	if (!isEndpointName(name)) throw new Error(`SmartConnect endpoint "${name}" is not in the endpoint table`);
	return ENDPOINTS[name];
}

/**
 * The URL path and query of a route: a `{map}` in the path takes the `mapKey` query value (which
 * then leaves the query); other routes keep the query as it is.
 */
export function resolveRoute(route: Route, qs: IDataObject | undefined): { path: string; qs: IDataObject | undefined } {
	if (!route.path.includes('{map}')) return { path: route.path, qs };
	const { mapKey, ...rest } = qs ?? {};
	const map = String(mapKey ?? '');
	if (map === '') throw new Error(`SmartConnect route "${route.path}" needs a map`);
	return { path: route.path.replace('{map}', encodeURIComponent(map)), qs: Object.keys(rest).length > 0 ? rest : undefined };
}
