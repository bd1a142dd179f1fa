import type { LoginFailure, RequestKind, RequestSent, RequestSettings } from '../helpers/interfaces';
import {
	BLANK,
	decodeBody,
	isTokenRejection,
	isUnreadable,
	retryAfterMs,
	serviceMessage,
	type ResponseHeaders,
} from '../helpers/responses';

/**
 * The transport's one decision: what one attempt's outcome means. It is pure (no I/O, no n8n):
 * the send loop acts on its verdict, the unit tests try every branch.
 */

/** What one attempt came back with. */
export type Attempt =
	| { response: { statusCode: number; headers: ResponseHeaders; text: string } }
	/** The credential's login failed (the auth strategy recognised it). */
	| { login: LoginFailure }
	/** No answer: the network error code, or `unknown`. */
	| { network: string };

export interface AttemptState {
	/** SmartConnect's name for the call, for messages. */
	endpoint: string;
	kind: RequestKind;
	settings: RequestSettings;
	/** Attempts made before this one that were retried (0 on the first). */
	retried: number;
	/** Resends this request made after its token was refused (with a newer stored token or a new login). */
	tokenResends: number;
	/** Logins this request made of its own to replace a token (a first login for an empty token does not count). */
	ownLogins: number;
	/** The n8n credential's name, for messages. */
	credentialName: string;
	/**
	 * The service's own refusals (the auth strategy's `explainRefusal`): a message found in an error
	 * answer that says what the user must change. Such a request was refused before anything ran.
	 */
	explainRefusal?: (message: string) => Refusal | undefined;
	/** Whether a refused login can be renewed (a token); false for user name and password sent each time. */
	renewable?: boolean;
}

/** What the retry rules read of a request: every read follows them, in and outside the token transport. */
export type RetryState = Pick<AttemptState, 'endpoint' | 'kind' | 'settings' | 'retried'>;

/** A refusal the service explains: what happened, and what the user must change. */
export interface Refusal {
	message: string;
	description: string;
}

export type Verdict =
	| { action: 'ok'; value: unknown }
	/** Send again after `delayMs`; `sent` says whether the failed attempt may have reached SmartConnect. */
	| { action: 'retry'; delayMs: number; sent: RequestSent }
	/**
	 * The token was refused (the request never ran, so it may be resent): look for a newer stored token,
	 * waiting about `waitMs` for one to turn up when there is none, then let `renewal` decide; `otherwise`
	 * is the failure when it finds no way to resend.
	 */
	| { action: 'renewToken'; waitMs: number; otherwise: Failure }
	| Failure;

export type Failure = { action: 'fail'; sent: RequestSent; message: string; description: string; httpCode?: number };

/** How a request whose token was refused is resent, or its failure. */
export type Renewal = { action: 'useStoredToken' } | { action: 'login' } | Failure;

/**
 * Resends one request may make after refused tokens. In queue mode another worker may already have
 * renewed the token (n8n keeps it in the shared database); where the service keeps only the newest
 * token per user, each login invalidates the others' tokens, so logins are few and come last.
 */
export const MAX_TOKEN_RESENDS = 4;
/** Logins of its own one request may make after its token was refused. */
export const MAX_OWN_LOGINS = 2;

/** Longest wait between two attempts, whatever Retry-After asks for. */
export const MAX_RETRY_DELAY_MS = 60000;

/** Errors where the request provably never reached SmartConnect. */
const NOTHING_SENT: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

const RUN_MAY_HAVE_RUN = '. The map may have run; it was not sent again. Check its run history before running it again';

/**
 * A retry when the rules allow one: reads are retried, runs only when nothing was sent, and no
 * more than `retries` times. Backoff doubles from the base delay unless Retry-After says otherwise.
 */
function retry(state: RetryState, sent: RequestSent, retryAfter?: number): Verdict | undefined {
	if ((state.kind === 'run' && sent !== false) || state.retried >= state.settings.retries) return undefined;
	const delay = retryAfter ?? state.settings.retryBaseDelayMs * 2 ** state.retried;
	return { action: 'retry', delayMs: Math.min(delay, MAX_RETRY_DELAY_MS), sent };
}

function classifyLogin(login: LoginFailure, state: AttemptState): Verdict {
	// A failed GetToken never reached the map: safe to try again for reads and runs alike.
	const again = login.retryable ? retry(state, false, login.retryAfterMs) : undefined;
	return (
		again ?? {
			action: 'fail',
			sent: false,
			// A refusal (wrong email, password or Customer ID) says so; a login service that kept failing does not.
			message: login.retryable
				? `SmartConnect could not log in with credential "${state.credentialName}"`
				: `SmartConnect refused the login for credential "${state.credentialName}"`,
			description: login.networkCode ? `${login.message} (network error ${login.networkCode})` : login.message,
		}
	);
}

function classifyNetwork(code: string, state: RetryState): Verdict {
	const sent: RequestSent = NOTHING_SENT.includes(code) ? false : 'unknown';
	const again = retry(state, sent);
	if (again) return again;
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	const what = timedOut
		? `no answer within ${Math.round(state.settings.timeoutMs / 1000)} s`
		: sent === false
			? 'could not connect'
			: 'the connection was lost';
	return {
		action: 'fail',
		sent,
		message: `SmartConnect ${state.endpoint}: ${what}`,
		description:
			state.kind === 'run' && sent !== false
				? `The request may have reached SmartConnect, so the map may have run; it was not sent again. Check the map's run history in SmartConnect.com before running it again (network error ${code})`
				: `Network error ${code} after ${state.retried + 1} attempt(s)`,
	};
}

function classifyResponse(
	{ statusCode, headers, text }: { statusCode: number; headers: ResponseHeaders; text: string },
	state: AttemptState,
): Verdict {
	const value = decodeBody(text);
	// The service's own refusals, and a refused user where there is no token to renew, come first:
	// their answers may be HTML pages (IIS, WCF's "Request Error"), which are otherwise unreadable.
	const refused = refusalOf(statusCode, text, value, state);
	if (refused) return { action: 'fail', sent: false, ...refused, httpCode: statusCode };
	if (statusCode === 401 && state.renewable === false) {
		return {
			action: 'fail',
			sent: false,
			message: `The server refused the user of credential "${state.credentialName}" (HTTP 401)`,
			description:
				"Check the credential's Authentication, User Name (DOMAIN\\user) and Password. A server that asks for Windows authentication (NTLM/Negotiate) cannot be used from n8n: allow Basic or anonymous access to SmartConnect.svc in IIS",
			httpCode: statusCode,
		};
	}
	if (isUnreadable(value)) {
		const transient = statusCode === 429 || statusCode >= 500 || statusCode < 300;
		return (
			(transient ? retry(state, 'unknown') : undefined) ?? {
				action: 'fail',
				sent: transient ? 'unknown' : false,
				message: `SmartConnect ${state.endpoint} sent an unreadable response (HTTP ${statusCode})`,
				description:
					state.kind === 'run'
						? `${value.unreadable}. The map may have run; check its run history before running it again`
						: value.unreadable,
				httpCode: statusCode,
			}
		);
	}
	if (isTokenRejection(statusCode, value)) {
		const otherwise: Failure = {
			action: 'fail',
			sent: false,
			message: `SmartConnect rejected the token of credential "${state.credentialName}" ${
				state.ownLogins > 0 ? 'right after a new login' : `after ${state.tokenResends + 1} tokens`
			}`,
			description: serviceMessage(value) ?? `HTTP ${statusCode}`,
			httpCode: statusCode,
		};
		if (state.tokenResends >= MAX_TOKEN_RESENDS) return otherwise;
		return { action: 'renewToken', waitMs: state.settings.retryBaseDelayMs * 2 ** state.tokenResends, otherwise };
	}
	if (statusCode === 429 || statusCode >= 500) {
		return (
			retry(state, 'unknown', retryAfterMs(headers)) ?? {
				action: 'fail',
				sent: 'unknown',
				message: `SmartConnect ${state.endpoint} answered with HTTP ${statusCode}`,
				description: `${serviceMessage(value) ?? 'The service reported an error'}${
					state.kind === 'run' ? RUN_MAY_HAVE_RUN : ` after ${state.retried + 1} attempt(s)`
				}`,
				httpCode: statusCode,
			}
		);
	}
	if (statusCode < 200 || statusCode > 299) {
		return {
			action: 'fail',
			sent: false,
			message: `SmartConnect ${state.endpoint} answered with HTTP ${statusCode}`,
			description:
				serviceMessage(value) ?? (typeof value === 'string' ? value.slice(0, 300) : 'No message from SmartConnect'),
			httpCode: statusCode,
		};
	}
	if (value === BLANK) {
		return {
			action: 'fail',
			// Documented for an unknown map key, but a blank 200 proves nothing about a run.
			sent: 'unknown',
			message: `SmartConnect ${state.endpoint} returned a blank response`,
			description:
				'SmartConnect answers with nothing when the map key is unknown or your user has no access to it, or when the API URL is wrong',
			httpCode: statusCode,
		};
	}
	return { action: 'ok', value };
}

/** The service's explanation of an error answer, or of a 2xx answer that is only a message. */
function refusalOf(statusCode: number, text: string, value: unknown, state: AttemptState): Refusal | undefined {
	if (!state.explainRefusal) return undefined;
	if (statusCode >= 200 && statusCode <= 299) return typeof value === 'string' ? state.explainRefusal(value) : undefined;
	return state.explainRefusal(text);
}

/**
 * After `renewToken`, once the stored credential was read: resend with the stored token when it is one
 * this request has not had refused (for the credential's current identity), else log in, at most
 * MAX_OWN_LOGINS times; else fail.
 */
export function renewal(
	verdict: Extract<Verdict, { action: 'renewToken' }>,
	state: Pick<AttemptState, 'ownLogins'>,
	freshStoredToken: boolean,
): Renewal {
	if (freshStoredToken) return { action: 'useStoredToken' };
	return state.ownLogins < MAX_OWN_LOGINS ? { action: 'login' } : verdict.otherwise;
}

/** What to do after one attempt: return its value, try again, renew the token, or fail. */
export function classify(attempt: Attempt, state: AttemptState): Verdict {
	if ('login' in attempt) return classifyLogin(attempt.login, state);
	if ('network' in attempt) return classifyNetwork(attempt.network, state);
	return classifyResponse(attempt.response, state);
}

/** One attempt of a read outside the token transport: the answer as it came, or no answer (the network error code). */
export type PlainAttempt<Answer> = { response: Answer } | { network: string };

/**
 * A read outside the token transport (an output file's link, GetCompanyList), whose answer the caller
 * reads whatever its status: no answer, 429 and 5xx are retried under the same rules as every read
 * (Retry-After honoured, else backoff; at most `retries` times); then the answer is `ok` as it came,
 * and no answer fails.
 */
export function classifyPlainRead<Answer extends { statusCode: number; headers: ResponseHeaders }>(
	attempt: PlainAttempt<Answer>,
	state: RetryState,
): Verdict {
	if ('network' in attempt) return classifyNetwork(attempt.network, state);
	const { statusCode, headers } = attempt.response;
	const again = statusCode === 429 || statusCode >= 500 ? retry(state, 'unknown', retryAfterMs(headers)) : undefined;
	return again ?? { action: 'ok', value: attempt.response };
}
