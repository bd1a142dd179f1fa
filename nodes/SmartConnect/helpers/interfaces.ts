/**
 * The types the node's parts share: the operations, the transport, the credential and the tests
 * agree on these, so each is defined here once.
 */

/** A global variable as SmartConnect reads it; the XML module writes it, so it is defined there. */
export type { Variable } from '../xml';

/** Reads are idempotent and retried; a run is never sent twice once it may have reached SmartConnect. */
export type RequestKind = 'read' | 'run';

/** What a request body is sent as. */
export type ContentType = 'application/json' | 'text/xml';

/** What the answer is asked for as (ASP.NET's content negotiation: JSON by default, DataContract XML). */
export type AcceptType = 'json' | 'xml';

/**
 * Whether a failed request reached SmartConnect: `false` when it provably did not (connection
 * refused, login failed, the service refused it), `'unknown'` when it may have (timeout, reset, 5xx).
 * Map runs report this per item, so nothing is lost and nothing is resent blindly.
 */
export type RequestSent = false | 'unknown';

export interface RequestSettings {
	timeoutMs: number;
	/** Further attempts for reads after the first (and for runs only when nothing was sent). */
	retries: number;
	retryBaseDelayMs: number;
}

/** A GetToken (or other login) failure, as the credential reports it and the transport reads it back. */
export interface LoginFailure {
	/** What went wrong, for the user; holds no password or token. */
	message: string;
	/** True when nothing proves SmartConnect saw the request (network failure, 5xx, 429): worth retrying. */
	retryable: boolean;
	/** Network error code (ECONNREFUSED, …) when the request never got an answer. */
	networkCode?: string;
	/** How long SmartConnect asked to wait (Retry-After), when it did. */
	retryAfterMs?: number;
}

/**
 * What one run of a node remembers between its requests and items: never module memory, as n8n runs
 * many executions in one process (and, in queue mode, on many workers). The node's router, the
 * trigger's poll and each editor call make one and pass it down.
 */
export interface ExecutionMemory {
	/** The form of Get Source Rows with variables that SmartConnect answered, once one did. */
	sourceRowsForm?: 'GetAllData' | 'GetAllDataWithVariables';
	/**
	 * A login SmartConnect refused (a wrong password): later requests of the run, for more items or
	 * more runs, fail the same way without asking again, as repeated bad logins can lock the account.
	 */
	refusedLogin?: LoginFailure;
	/** The credentials the run was told use plain http:// (one hint per credential, not per request). */
	plainHttpHinted?: string[];
	/** Whether the run was told about variable names without GBL_ (one hint per run, not per item). */
	warnedAboutVariableNames?: boolean;
}
