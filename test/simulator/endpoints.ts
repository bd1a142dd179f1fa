/* eslint-disable @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The SmartConnect.com endpoints (API "A"): pure request → response functions over the simulator state.
 * HTTP plumbing, logging and faults live in server.ts.
 */
import { BodyError, parseRequestData, parseVariablesBody } from './bodies';
import { RUN_ENDPOINTS } from './faults';
import type { RsaKeyPair } from './rsa';
import { executeRun, sourceRows, type RunBook, type RunMapResponse } from './runs';
import type { TokenInfo, TokensPerUser, TokenStore, UserStore } from './tokens';
import type {
	BadLoginResponse,
	ErrorsFormat,
	GetAllDataVariablesForm,
	InvalidTokenResponse,
	RunRecord,
	SimMap,
	SimRow,
	UnknownRouteResponse,
	Variable,
} from './types';
import { watchHandlers, type WatchState } from './watch';
import { booleanXml, columnListXml, dataContractArray, dataContractObject, getAllDataXml, stringXml } from './xml';

export interface SimSettings {
	tokenLifeMs: number;
	invalidTokenResponse: InvalidTokenResponse;
	badLoginResponse: BadLoginResponse;
	getAllDataVariables: GetAllDataVariablesForm;
	unknownRouteResponse: UnknownRouteResponse;
	tokensPerUser: TokensPerUser;
	now: () => number;
	errorsFormat?: ErrorsFormat;
}

export interface SimState extends WatchState {
	settings: SimSettings;
	users: UserStore;
	tokens: TokenStore;
	rsa: RsaKeyPair;
	maps: SimMap[];
	runs: RunRecord[];
	runBook: RunBook;
	/** Owner of maps without a companyId. */
	defaultCompanyId: string;
}

export interface SimRequest {
	method: string;
	/** Lower-case endpoint name; '' when the path has no endpoint shape. */
	endpoint: string;
	/** Whether the path has a valid shape: /API/<name>, /<name> or /v1/public-key. */
	routable: boolean;
	/** Query value by case-insensitive name. */
	param(name: string): string | undefined;
	body: string;
	wantsXml: boolean;
	/** Absolute request URI with token/password values masked, for error messages. */
	maskedUri: string;
	/** The URL path as received, and the request headers (lower-case names): the on-premise mode reads them. */
	path?: string;
	headers?: Record<string, string>;
}

export interface SimResponse {
	status: number;
	body: string;
	contentType?: string;
	headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';
const DENIED = 'Authorization has been denied for this request.';

export function jsonResponse(value: unknown, status = 200): SimResponse {
	return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}

export function message(status: number, text: string): SimResponse {
	return jsonResponse({ Message: text }, status);
}

/** The documented "blank response" for a mapKey the token cannot see. */
export const BLANK: SimResponse = { status: 200, body: '' };

/** ASP.NET Web API content negotiation: JSON unless XML is asked for. */
export function negotiate(req: SimRequest, value: unknown, xml: () => string): SimResponse {
	return req.wantsXml ? { status: 200, body: xml(), contentType: XML_TYPE } : jsonResponse(value);
}

export function invalidTokenResponse(mode: InvalidTokenResponse): SimResponse {
	return mode === 'http401' ? message(401, DENIED) : message(200, `${DENIED} The token is invalid or has expired.`);
}

type Handler = (state: SimState, req: SimRequest) => SimResponse;
type AuthedHandler = (state: SimState, req: SimRequest, token: TokenInfo) => SimResponse;
type MapHandler = (state: SimState, req: SimRequest, map: SimMap) => SimResponse;

/** Wraps a handler that needs a valid token. */
export function authed(handler: AuthedHandler): Handler {
	return (state, req) => {
		const s = state.settings;
		const token = state.tokens.verify(req.param('token'), s.now(), s.tokenLifeMs);
		return token ? handler(state, req, token) : invalidTokenResponse(s.invalidTokenResponse);
	};
}

/** Wraps a handler that needs a valid token and a mapKey of the token's company (else: blank response). */
function withMap(handler: MapHandler, opts: { allowRealTime: boolean }): Handler {
	return authed((state, req, token) => {
		const map = findMap(state, token.companyId, req.param('mapKey'));
		if (!map || (map.realTime && !opts.allowRealTime)) return BLANK;
		return handler(state, req, map);
	});
}

export function companyMaps(state: SimState, companyId: string): SimMap[] {
	const company = companyId.toLowerCase();
	return state.maps.filter((m) => (m.companyId ?? state.defaultCompanyId).toLowerCase() === company);
}

export function findMap(state: SimState, companyId: string, mapKey: string | undefined): SimMap | undefined {
	if (!mapKey) return undefined;
	const key = mapKey.trim().toLowerCase();
	return companyMaps(state, companyId).find((m) => m.mapKey.toLowerCase() === key);
}

/** Runs a body parser; a BodyError becomes the 400 the endpoint answers without acting. */
function withBody<T>(parse: () => T, use: (parsed: T) => SimResponse): SimResponse {
	let parsed: T;
	try {
		parsed = parse();
	} catch (e) {
		if (e instanceof BodyError) return message(400, e.message);
		throw e;
	}
	return use(parsed);
}

// ---------------------------------------------------------------- authentication

const getToken: Handler = (state, req) => {
	const email = req.param('email') ?? '';
	const password = req.param('password') ?? '';
	const companyId = req.param('companyId') ?? '';
	const user = state.users.authenticate(email, password, companyId);
	if (!user) {
		return state.settings.badLoginResponse === 'http401' ? message(401, DENIED) : negotiate(req, '', () => stringXml(''));
	}
	const canonical = user.companyIds.find((c) => c.toLowerCase() === companyId.toLowerCase()) ?? companyId;
	const token = state.tokens.issue(canonical, user.userId, user.email, state.settings.now(), state.settings.tokensPerUser);
	return negotiate(req, token, () => stringXml(token));
};

const validate: Handler = (state, req) => {
	const s = state.settings;
	const ok = state.tokens.verify(req.param('token'), s.now(), s.tokenLifeMs) !== undefined;
	return negotiate(req, ok, () => booleanXml(ok));
};

const publicKey: Handler = (state, req) => negotiate(req, state.rsa.publicKeyXml, () => stringXml(state.rsa.publicKeyXml));

// ---------------------------------------------------------------- map information

const getMapList = authed((state, req, token) => {
	const items = companyMaps(state, token.companyId)
		.filter((m) => !m.realTime)
		.map((m) => ({ MapKey: m.mapKey, MapId: m.mapId, MapDescription: m.description }));
	return negotiate(req, items, () => dataContractArray('MapListItem', items));
});

const getMapColumns = withMap((_s, req, map) => negotiate(req, map.columns, () => columnListXml(map.columns)), {
	allowRealTime: true,
});

const getMappedMapColumns = withMap((_s, req, map) => negotiate(req, map.mappedColumns, () => columnListXml(map.mappedColumns)), {
	allowRealTime: true,
});

/** GetAllData[WithVariables]: always XML, whatever Accept says (documented). */
const getAllData = withMap(
	(_s, req, map) =>
		withBody(
			() => parseVariablesBody(req.body),
			(variables) => ({ status: 200, body: getAllDataXml(sourceRows(map, variables)), contentType: XML_TYPE }),
		),
	{ allowRealTime: false },
);

// ---------------------------------------------------------------- runs

function run(state: SimState, req: SimRequest, map: SimMap, rows: SimRow[], variables: Variable[]): SimResponse {
	const { record, response } = executeRun(map, req.endpoint, state.runBook.take(map), rows, variables);
	state.runs.push(record);
	state.history.add(map, record, state.settings.now());
	return negotiate(req, response, () => dataContractObject('RunMapResponse', response));
}

/** runmap documents no body; variables are honoured if one is sent, an unreadable body is ignored. */
const runMap = withMap(
	(state, req, map) => {
		let variables: Variable[] = [];
		try {
			variables = parseVariablesBody(req.body);
		} catch {
			variables = [];
		}
		return run(state, req, map, sourceRows(map, variables), variables);
	},
	{ allowRealTime: false },
);

const runMapWithVariables = withMap(
	(state, req, map) =>
		withBody(
			() => parseVariablesBody(req.body),
			(variables) => run(state, req, map, sourceRows(map, variables), variables),
		),
	{ allowRealTime: false },
);

/** runmapdatatable, RunMapDataTableWithErrors and runmapxml share the RequestData body reader. */
const runWithRequestData = withMap(
	(state, req, map) =>
		withBody(
			() => parseRequestData(req.body),
			({ rows, variables }) => run(state, req, map, rows, variables),
		),
	{ allowRealTime: false },
);

// ---------------------------------------------------------------- error processing

const SAVE_PARAMS = ['mapKey', 'tenantServer', 'tenantTechnicalName', 'runNumber'];

/** SaveProcessErrors: true when that run of that map exists and had errors to save. */
const saveProcessErrors = authed((state, req, token) => {
	const missing = SAVE_PARAMS.filter((p) => !req.param(p));
	if (missing.length > 0) return message(400, `The request is invalid. Missing parameter(s): ${missing.join(', ')}.`);
	const runNumber = Number(req.param('runNumber'));
	if (!Number.isInteger(runNumber)) return message(400, "The request is invalid. 'runNumber' must be an integer.");
	const map = findMap(state, token.companyId, req.param('mapKey'));
	if (!map) return BLANK;
	const ok = state.runs.some((r) => r.mapKey === map.mapKey && r.runNumber === runNumber && r.errorCount > 0);
	return negotiate(req, ok, () => booleanXml(ok));
});

// ---------------------------------------------------------------- routing

const HANDLERS: Record<string, Handler> = {
	gettoken: getToken,
	validate,
	getmaplist: getMapList,
	getmapcolumns: getMapColumns,
	getmappedmapcolumns: getMappedMapColumns,
	getalldata: getAllData,
	getalldatawithvariables: getAllData,
	runmap: runMap,
	runmapwithvariables: runMapWithVariables,
	runmapdatatable: runWithRequestData,
	runmapdatatablewitherrors: runWithRequestData,
	runmapxml: runWithRequestData,
	saveprocesserrors: saveProcessErrors,
	'public-key': publicKey,
	...watchHandlers(),
};

// Every run endpoint must have a handler; a typo here would silently turn runs into 404s.
for (const e of RUN_ENDPOINTS) if (!HANDLERS[e]) throw new Error(`no handler for run endpoint ${e}`);

/**
 * Whether this request is a form of Get Source Rows with variables the service does not serve: the seed's
 * (GetAllData with variables in the body) or the later docs' (GetAllDataWithVariables).
 */
function unservedGetAllForm(state: SimState, req: SimRequest): boolean {
	const served = state.settings.getAllDataVariables;
	if (req.endpoint === 'getalldatawithvariables') return served === 'seed';
	return req.endpoint === 'getalldata' && served === 'later' && req.body.trim() !== '';
}

export function handleRequest(state: SimState, req: SimRequest): SimResponse {
	const handler = req.routable && !unservedGetAllForm(state, req) ? HANDLERS[req.endpoint] : undefined;
	if (!handler) {
		if (state.settings.unknownRouteResponse === 'blank') return BLANK;
		return message(404, `No HTTP resource was found that matches the request URI '${req.maskedUri}'.`);
	}
	if (req.method !== 'GET' && req.method !== 'POST') {
		return message(405, `The requested resource does not support http method '${req.method}'.`);
	}
	return handler(state, req);
}

export type { RunMapResponse };
