import type { AcceptType, ContentType, RequestKind } from '../helpers/interfaces';

/**
 * The endpoint table: every call the node makes, what it is called on each SmartConnect service,
 * whether it may be sent again, and what it sends and asks for. Adding a call of an existing
 * service is one row here; adding a service is one column (and an auth strategy, see auth.ts).
 */

/**
 * The services a credential can reach (`smartconnect-api.md` §0):
 * - `smartConnectCom`: the SmartConnect.com web service (API A), `{API Url}/<Endpoint>?token=…`.
 *
 * To come: the on-premise WCF REST service (API B, `…/SmartConnect.svc/<method>/{MapId}`) and the
 * OAuth REST API (API C, `{service}/v1/run-integration/{id}`).
 */
export type Service = 'smartConnectCom';

export interface Route {
	/** Relative to the service's base URL. */
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
 * Keyed by the call's name, which is SmartConnect.com's endpoint in the casing its documentation
 * or eOne's own client uses (the service matches paths case-insensitively).
 */
export const ENDPOINTS = {
	validate: { routes: { smartConnectCom: post('validate') }, kind: 'read', accept: 'json' },
	GetMapList: { routes: { smartConnectCom: post('GetMapList') }, kind: 'read', accept: 'json' },
	GetMapColumns: { routes: { smartConnectCom: post('GetMapColumns') }, kind: 'read', accept: 'json' },
	GetMappedMapColumns: { routes: { smartConnectCom: post('GetMappedMapColumns') }, kind: 'read', accept: 'json' },
	// GetAllData answers XML only: a <string> wrapping the escaped dataset.
	GetAllData: { routes: { smartConnectCom: post('GetAllData') }, kind: 'read', contentType: 'application/json', accept: 'xml' },
	GetAllDataWithVariables: { routes: { smartConnectCom: post('GetAllDataWithVariables') }, kind: 'read', contentType: 'application/json', accept: 'xml' },
	runmap: { routes: { smartConnectCom: post('runmap') }, kind: 'run', accept: 'json' },
	RunMapWithVariables: { routes: { smartConnectCom: post('RunMapWithVariables') }, kind: 'run', contentType: 'application/json', accept: 'json' },
	runmapdatatable: { routes: { smartConnectCom: post('runmapdatatable') }, kind: 'run', contentType: 'text/xml', accept: 'json' },
	RunMapDataTableWithErrors: { routes: { smartConnectCom: post('RunMapDataTableWithErrors') }, kind: 'run', contentType: 'text/xml', accept: 'json' },
	runmapxml: { routes: { smartConnectCom: post('runmapxml') }, kind: 'run', contentType: 'text/xml', accept: 'json' },
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
