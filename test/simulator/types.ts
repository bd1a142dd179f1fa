/**
 * Public types of the SmartConnect.com simulator. Other test, demo and benchmark code is written
 * against these names; add optional fields only.
 */

export type InvalidTokenResponse = 'http401' | 'body200';
export type BadLoginResponse = 'emptyString' | 'http401';
/**
 * Which form(s) of Get Source Rows with variables the service serves: the seed's `POST GetAllData` with the
 * variables in the body ('seed'), eOne's later `POST GetAllDataWithVariables` ('later'), or both.
 */
export type GetAllDataVariablesForm = 'seed' | 'later' | 'both';
/** How a route the service does not serve is answered: ASP.NET's 404 `{"Message": …}`, or SmartConnect's blank 200. */
export type UnknownRouteResponse = 'http404' | 'blank';

export interface SimulatorOptions {
	/** Token lifetime. Default 90 days ("valid for 3 months"). Checked at use time, so changing it expires existing tokens. */
	tokenLifeMs?: number;
	/** How a bad, expired or revoked token is reported on token-protected endpoints. Default 'http401'. */
	invalidTokenResponse?: InvalidTokenResponse;
	/** GetToken with a wrong email, password or company. Default 'emptyString' (HTTP 200, body `""`). */
	badLoginResponse?: BadLoginResponse;
	/** Which form(s) of Get Source Rows with variables are served. Default 'both'. */
	getAllDataVariables?: GetAllDataVariablesForm;
	/** The answer for an unknown route (also a form of Get Source Rows with variables not served). Default 'http404'. */
	unknownRouteResponse?: UnknownRouteResponse;
	/**
	 * 'many' (default): every issued token is valid for its life. 'newest': the service keeps only the
	 * newest token per user, so each GetToken invalidates the tokens issued to that user before it.
	 */
	tokensPerUser?: 'many' | 'newest';
	/** Default 0 (any free port). */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Maps of the demo company. Default: seedMaps(). */
	maps?: SimMap[];
	/** Clock used for token issue/expiry and log times. Default Date.now. */
	now?: () => number;
	/** Called once per request after its response status is known (the CLI prints its one-line log from this). */
	onLog?: (entry: RequestLogEntry) => void;
	/**
	 * How GetErrorsForProcessRun answers: 'json' (default, the documented runTenants object) or
	 * 'dataTableXml' (a string holding the DataTable XML, the format of a run's `Errors` field).
	 */
	errorsFormat?: ErrorsFormat;
}

export type ErrorsFormat = 'json' | 'dataTableXml';

export interface SimColumn {
	ColumnName: string;
	IsRequired: boolean;
}

export type SimRow = Record<string, string | null>;

export interface SimMap {
	mapKey: string;
	mapId: string;
	description: string;
	/** GetMapColumns: data-source columns. IsRequired drives run validation. */
	columns: SimColumn[];
	/** GetMappedMapColumns: source columns mapped to the target. */
	mappedColumns: SimColumn[];
	/** Source data for GetAllData and runmap. A null (or absent) value is a DB null. */
	rows: SimRow[];
	/** The source query is filtered by a GBL_ variable: rows where row[column] === value. No variable: no filter. */
	variableFilter?: { variable: string; column: string };
	/** Real-time data-source map: not listed by GetMapList, and GetAllData / runs answer blank (documented). */
	realTime?: boolean;
	/** Owning company (Customer Id). Default: the demo company. */
	companyId?: string;
	/** RunNumber of the first run. Default 1. */
	firstRunNumber?: number;
	/** Output files each run leaves (GetOutputsForProcess). Default 1. */
	outputFiles?: number;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	/** Lower-case endpoint name as requested, e.g. 'gettoken', 'runmapdatatable', 'public-key'. */
	endpoint: string;
	/** Query parameters with their names as received (first value wins), including token and password. */
	query: Record<string, string>;
	/** Request headers, lower-case names. */
	headers: Record<string, string>;
	body: string;
	/** Response status; 0 while the response is pending and for a 'reset' fault (no response at all). */
	status: number;
	time: number;
}

export interface Variable {
	Key: string;
	Value: string;
}

export interface RunRecord {
	mapKey: string;
	endpoint: string;
	runNumber: number;
	rows: SimRow[];
	variables: Variable[];
	recordCount: number;
	errorCount: number;
}

export type Fault =
	| { kind: 'status'; status: number; body?: string; headers?: Record<string, string>; contentType?: string }
	| { kind: 'delay'; ms: number }
	| { kind: 'empty' }
	| { kind: 'malformed' }
	| { kind: 'reset' }
	| { kind: 'resetMidBody' }
	| { kind: 'tokenRejected'; as: InvalidTokenResponse };

export interface FaultRule {
	/** Lower-case endpoint name or '*'. */
	endpoint: string;
	fault: Fault;
	/** Default 1; Infinity allowed. */
	times?: number;
	/**
	 * The endpoint's normal action happens first (for run endpoints: the map runs, is recorded and consumes
	 * a run number) and the fault then replaces the response. Default true for every fault kind except
	 * 'tokenRejected' on run endpoints, false elsewhere.
	 */
	afterAction?: boolean;
	/**
	 * Other clients (a schedule, another workflow) run the requested map this many times while the
	 * request is handled: each is recorded in its run history like any run, before the fault answers.
	 * Run endpoints of SmartConnect.com only (the map is the request's `mapKey`). Default 0.
	 */
	foreignRuns?: number;
}
