/**
 * Login (GetToken) answers and login errors, shared by the credential's preAuthentication and the
 * transport's auth strategy. A login error carries no request details: GetToken's query string
 * holds the password.
 *
 * n8n-core wraps whatever preAuthentication throws in a NodeApiError. n8n-workflow 2.x keeps the
 * thrown error as `cause`; 1.x drops it (its ExecutionBaseError declares `cause` as a class field,
 * which resets the value Error's constructor set, and it re-assigns only non-Error causes). Both
 * keep the thrown error's `message` and `description`, so a login error writes what the transport
 * needs to know into its description (LOGIN_DESCRIPTION), where it survives the wrapping on both lines.
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import type { LoginFailure } from './interfaces';
import { BLANK, bodyText, decodeBody, isUnreadable, retryAfterMs, serviceMessage, type ResponseHeaders } from './responses';

export const LOGIN_ERROR_MARK = 'smartConnectLoginError';

export interface LoginError extends Error, LoginFailure {
	[LOGIN_ERROR_MARK]: true;
	/** The facts above as text (see LOGIN_DESCRIPTION): what a NodeApiError keeps of this error. */
	description: string;
}

/** A network error code (ECONNREFUSED, …) on the error or one of its causes. */
export function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; httpCode?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		// NodeApiError keeps the HTTP client's code as httpCode on both lines; n8n-workflow 1.x drops `cause`.
		if (typeof current.httpCode === 'string' && /^E[A-Z_]+$/.test(current.httpCode)) return current.httpCode;
		current = current.cause as typeof current;
	}
	return undefined;
}

/**
 * `SmartConnect login error (retry: no)`, `… (retry: yes; network error ECONNRESET; wait 2000 ms)`.
 * Readable if n8n ever shows it, and exact enough to read back.
 */
const LOGIN_DESCRIPTION = /^SmartConnect login error \(retry: (yes|no)(?:; network error (E[A-Z_]+))?(?:; wait (\d+) ms)?\)$/;

function describeLogin(failure: Omit<LoginFailure, 'message'>): string {
	const parts = [`retry: ${failure.retryable ? 'yes' : 'no'}`];
	if (failure.networkCode) parts.push(`network error ${failure.networkCode}`);
	if (failure.retryAfterMs !== undefined) parts.push(`wait ${Math.round(failure.retryAfterMs)} ms`);
	return `SmartConnect login error (${parts.join('; ')})`;
}

export function loginError(message: string, cause?: unknown, retryable?: boolean, retryAfter?: number): LoginError {
	const networkCode = networkErrorCode(cause);
	// The code stays out of the message: n8n replaces messages that mention ECONNREFUSED & co.
	const error = new Error(message) as LoginError;
	error[LOGIN_ERROR_MARK] = true;
	error.retryable = retryable ?? cause !== undefined;
	if (networkCode) error.networkCode = networkCode;
	if (retryAfter !== undefined) error.retryAfterMs = retryAfter;
	error.description = describeLogin(error);
	return error;
}

/** What a login request answered, whatever its status. */
export interface LoginAnswer {
	statusCode: number;
	text: string;
	headers: ResponseHeaders;
}

/**
 * One request of a credential's login (GetToken, the RSA public key, an OAuth grant), as text,
 * whatever its status. A failure to send becomes `loginError(unreachable, error)`, rebuilt from
 * scratch: the request may hold the password, and an HTTP client error would carry it into n8n's
 * error output.
 */
export async function loginRequest(helper: IHttpRequestHelper, options: IHttpRequestOptions, unreachable: string): Promise<LoginAnswer> {
	let response: { statusCode: number; body: unknown; headers?: ResponseHeaders };
	try {
		response = (await helper.helpers.httpRequest({
			...options,
			headers: { Accept: 'application/json', ...options.headers },
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60000,
		})) as typeof response;
	} catch (error) {
		throw loginError(unreachable, error);
	}
	return { statusCode: response.statusCode, text: bodyText(response.body), headers: response.headers ?? {} };
}

/** The login failure an error holds, read from its own fields: the mark, or the description a wrapper kept. */
function ownLoginFailure(error: Partial<LoginError>): LoginFailure | undefined {
	if (error[LOGIN_ERROR_MARK] === true) return error as LoginError;
	const described = typeof error.description === 'string' ? LOGIN_DESCRIPTION.exec(error.description) : null;
	if (!described || typeof error.message !== 'string') return undefined;
	const [, retry, networkCode, wait] = described;
	return {
		message: error.message,
		retryable: retry === 'yes',
		...(networkCode ? { networkCode } : {}),
		...(wait !== undefined ? { retryAfterMs: Number(wait) } : {}),
	};
}

/**
 * Finds a login failure in an error n8n may have wrapped: on the error itself (its mark, or the
 * description a NodeApiError copied from it, as n8n 1.x and 2.x both do), or on one of its causes.
 */
export function findLoginError(error: unknown): LoginFailure | undefined {
	let current = error as (Partial<LoginError> & { cause?: unknown }) | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const found = ownLoginFailure(current);
		if (found) return found;
		current = current.cause as typeof current;
	}
	return undefined;
}

const REJECTED =
	'The login was refused: SmartConnect did not accept the email, password or Customer ID. Check them, and the Password Encoding, in the credential.';

/** A token as GetToken may send it without quotes. */
const BARE_TOKEN = /^[A-Za-z0-9+/=_-]+$/;

/** The token from a GetToken answer (a JSON-quoted string), or a login error that says why not. */
export function readGetTokenResponse(statusCode: number, text: string, headers: ResponseHeaders = {}): string {
	if (statusCode === 401 || statusCode === 403) throw loginError(REJECTED, undefined, false);
	if (statusCode === 429 || statusCode >= 500) {
		throw loginError(`GetToken answered with HTTP ${statusCode}`, undefined, true, retryAfterMs(headers));
	}
	const body = text.replace(/^\uFEFF/, '').trim();
	if (BARE_TOKEN.test(body) && statusCode >= 200 && statusCode <= 299) return body;
	const value = decodeBody(body);
	const message = isUnreadable(value) || value === BLANK ? undefined : serviceMessage(value);
	if (statusCode < 200 || statusCode > 299) {
		throw loginError(`GetToken answered with HTTP ${statusCode}${message ? `: ${message}` : ''}`, undefined, false);
	}
	if (isUnreadable(value)) {
		throw loginError(`GetToken sent an unreadable answer (${text.length} characters)`, undefined, true);
	}
	// The token itself: a JSON-quoted string, or the text of an XML <string> wrapper.
	const wrapped = typeof value === 'string' && (body.startsWith('"') || body.startsWith('<'));
	if (!wrapped) {
		throw loginError(message ? `${REJECTED} SmartConnect said: ${message}` : `${REJECTED} (GetToken returned no token)`, undefined, false);
	}
	if (value.trim() === '') throw loginError(REJECTED, undefined, false);
	return value.trim();
}
