/**
 * Login (GetToken) response handling, shared by the credential's preAuthentication and the
 * transport. A login error carries no request details: GetToken's query string holds the password.
 */

export const LOGIN_ERROR_MARK = 'smartConnectLoginError';

export interface LoginError extends Error {
	[LOGIN_ERROR_MARK]: true;
	/** True when nothing proves SmartConnect saw the request (network failure, 5xx, 429): worth retrying. */
	retryable: boolean;
	/** Network error code (ECONNREFUSED, …) when the request never got an answer. */
	networkCode?: string;
	/** How long SmartConnect asked to wait (Retry-After), when it did. */
	retryAfterMs?: number;
}

/** A network error code (ECONNREFUSED, …) of an error n8n may have wrapped. */
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
 * What a login error says about itself, in its `description`. n8n-core wraps an error thrown by
 * preAuthentication in a NodeApiError, which copies the wrapped error's message and description on
 * both n8n lines; n8n-workflow 1.x drops `cause` (its ExecutionBaseError redeclares the field), so the
 * mark on the error itself is found on 2.x only. The description is read back by findLoginError.
 */
const DETAIL_PREFIX = 'SmartConnect login error:';

function loginDetail(error: LoginError): string {
	const parts = [error.retryable ? 'may be retried' : 'not retried'];
	if (error.networkCode) parts.push(`network error ${error.networkCode}`);
	if (error.retryAfterMs !== undefined) parts.push(`retry after ${error.retryAfterMs} ms`);
	return `${DETAIL_PREFIX} ${parts.join('; ')}`;
}

function markedLoginError(message: string, retryable: boolean, networkCode?: string, retryAfterMs?: number): LoginError {
	// The code stays out of the message: n8n replaces messages that mention ECONNREFUSED & co.
	const error = new Error(message) as LoginError & { description: string };
	error[LOGIN_ERROR_MARK] = true;
	error.retryable = retryable;
	if (networkCode) error.networkCode = networkCode;
	if (retryAfterMs !== undefined) error.retryAfterMs = retryAfterMs;
	error.description = loginDetail(error);
	return error;
}

export function loginError(message: string, cause?: unknown, retryable?: boolean, retryAfterMs?: number): LoginError {
	return markedLoginError(message, retryable ?? cause !== undefined, networkErrorCode(cause), retryAfterMs);
}

/** The login error an n8n wrapper without `cause` (n8n-workflow 1.x) still describes, if it is one. */
function fromDescription(error: { description?: unknown; message?: unknown; messages?: unknown }): LoginError | undefined {
	const { description } = error;
	if (typeof description !== 'string' || !description.startsWith(DETAIL_PREFIX)) return undefined;
	const detail = description.slice(DETAIL_PREFIX.length);
	// NodeApiError keeps the wrapped error's own message first in `messages`.
	const messages = Array.isArray(error.messages) ? (error.messages as unknown[]) : [];
	const message = typeof messages[0] === 'string' ? messages[0] : String(error.message ?? '');
	const retryAfter = /; retry after ([\d.]+) ms/.exec(detail)?.[1];
	return markedLoginError(
		message,
		detail.startsWith(' may be retried'),
		/; network error (E[A-Z_]+)/.exec(detail)?.[1],
		retryAfter === undefined ? undefined : Number(retryAfter),
	);
}

/** Finds a login error in an error n8n may have wrapped: as `cause` (2.x), or by its description (1.x). */
export function findLoginError(error: unknown): LoginError | undefined {
	let current = error as (Partial<LoginError> & { cause?: unknown; description?: unknown; messages?: unknown }) | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current[LOGIN_ERROR_MARK] === true) return current as LoginError;
		const described = fromDescription(current);
		if (described) return described;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** A body that is neither a token nor an answer SmartConnect meant: cut short, or an HTML page. */
const UNREADABLE = Symbol('unreadable');

function unwrapStringBody(text: string): string | undefined | typeof UNREADABLE {
	const body = text.replace(/^\uFEFF/, '').trim();
	if (body.startsWith('"')) {
		try {
			const value: unknown = JSON.parse(body);
			return typeof value === 'string' ? value : undefined;
		} catch {
			return UNREADABLE;
		}
	}
	if (/^<(!doctype|html)/i.test(body)) return UNREADABLE;
	if (body.startsWith('{') || body.startsWith('[')) {
		try {
			JSON.parse(body);
		} catch {
			return UNREADABLE;
		}
	}
	const xml = /^(?:<\?xml[^>]*\?>\s*)?<string\b[^>]*>([^<]*)<\/string>$/.exec(body);
	if (xml) return xml[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
	if (/^[A-Za-z0-9+/=_-]+$/.test(body)) return body;
	return undefined;
}

function messageOf(text: string): string | undefined {
	try {
		const value = JSON.parse(text) as { Message?: unknown; message?: unknown };
		const message = value?.Message ?? value?.message;
		// ASP.NET may echo the request URI, whose query holds the (encoded) password.
		return typeof message === 'string' ? message.replace(/\b(password|token)=[^&\s'"<>]*/gi, '$1=***') : undefined;
	} catch {
		return undefined;
	}
}

const REJECTED =
	'SmartConnect did not accept the email, password or Customer ID. Check them, and the Password Encoding, in the credential.';

/** Retry-After in milliseconds (seconds or an HTTP date), if present and readable. */
export function retryAfterMs(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The token from a GetToken answer (a JSON-quoted string), or a login error that says why not. */
export function readGetTokenResponse(statusCode: number, text: string, retryAfter?: string): string {
	if (statusCode === 401 || statusCode === 403) throw loginError(REJECTED, undefined, false);
	if (statusCode === 429 || statusCode >= 500) {
		throw loginError(`GetToken failed with HTTP ${statusCode}`, undefined, true, retryAfterMs(retryAfter));
	}
	if (statusCode < 200 || statusCode > 299) {
		const message = messageOf(text);
		throw loginError(`GetToken failed with HTTP ${statusCode}${message ? `: ${message}` : ''}`, undefined, false);
	}
	const token = unwrapStringBody(text);
	if (token === UNREADABLE) {
		throw loginError(`GetToken sent an unreadable answer (${text.length} characters)`, undefined, true);
	}
	if (token === undefined) {
		const message = messageOf(text);
		throw loginError(message ? `${REJECTED} SmartConnect said: ${message}` : `${REJECTED} (GetToken returned no token)`, undefined, false);
	}
	if (token.trim() === '') throw loginError(REJECTED, undefined, false);
	return token.trim();
}
