import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { apiUrlProblem, normalizeApiUrl, tokenIdentity } from '../helpers/identity';
import { findLoginError, networkErrorCode, retryAfterMs } from '../helpers/login';
import { hmacPassword } from '../helpers/password';
import { BLANK, decodeBody, isTokenRejection, isUnreadable, redactSecrets, serviceMessage } from '../helpers/responses';

/**
 * The one place that talks HTTP to SmartConnect. It joins the API URL and endpoint, sends
 * through n8n's httpRequestWithAuthentication (the credential logs in and adds `?token=`),
 * decodes the body, renews a rejected token exactly once, retries reads (never runs), and turns
 * every failure into a NodeApiError that names the operation and holds no token or password.
 */

export const CREDENTIAL_TYPE = 'smartConnectApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface SmartConnectRequest {
	/** SmartConnect's endpoint name, e.g. `GetMapList`, `runmapdatatable`. */
	endpoint: string;
	/** What the user asked for, for error messages, e.g. `Map Run › Run With Data Table`. */
	operation: string;
	/** Reads are idempotent and retried; a run is never sent twice once it may have arrived. */
	kind: 'read' | 'run';
	qs?: IDataObject;
	body?: string;
	contentType?: 'application/json' | 'text/xml';
	accept?: 'json' | 'xml';
	itemIndex?: number;
	/** Log in again before sending, whatever token is stored. */
	forceLogin?: boolean;
}

export interface RequestSettings {
	timeoutMs: number;
	/** Further attempts for reads after the first (and for runs only when nothing was sent). */
	retries: number;
	retryBaseDelayMs: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	timeoutMs: 300000,
	retries: 2,
	retryBaseDelayMs: 500,
};

/** Longest wait between two attempts, whatever Retry-After asks for. */
const MAX_RETRY_DELAY_MS = 60000;

/** Errors where the request provably never reached SmartConnect. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined || body === null ? '' : String(body);
}

function retryAfterHeader(headers: FullResponse['headers']): string | undefined {
	const raw = headers['retry-after'];
	return Array.isArray(raw) ? raw[0] : raw;
}

function backoffMs(settings: RequestSettings, attempt: number, retryAfter?: number): number {
	const delay = retryAfter ?? settings.retryBaseDelayMs * 2 ** (attempt - 1);
	return Math.min(delay, MAX_RETRY_DELAY_MS);
}

function credentialName(context: Context): string {
	return context.getNode().credentials?.[CREDENTIAL_TYPE]?.name ?? 'SmartConnect';
}

/**
 * Whether a failed request reached SmartConnect: `false` when it provably did not (connection
 * refused, login failed, the service refused it), `'unknown'` when it may have (timeout, reset, 5xx).
 * Map runs report this per item, so nothing is lost and nothing is resent blindly.
 */
export type RequestSent = false | 'unknown';

export function requestSentOf(error: unknown): RequestSent {
	if (error instanceof NodeOperationError) return false;
	const context = (error as { context?: { requestSent?: unknown } } | undefined)?.context;
	return context?.requestSent === false ? false : 'unknown';
}

function failure(
	context: Context,
	request: SmartConnectRequest,
	secrets: string[],
	sent: RequestSent,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	const details = {
		message: redactSecrets(message, secrets),
		description: redactSecrets(
			`${description} (SmartConnect endpoint ${request.endpoint}, operation ${request.operation})`,
			secrets,
		),
		httpCode: httpCode === undefined ? undefined : String(httpCode),
	};
	// A plain object, not the HTTP client's error: that one carries the URL and query (token).
	const error = new NodeApiError(context.getNode(), details as JsonObject, { ...details, itemIndex: request.itemIndex });
	error.context.requestSent = sent;
	return error;
}

/** The secret values a message must never show: the token and the password in every form sent. */
function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const password = String(credentials.password ?? '');
	const values = [String(credentials.sessionToken ?? ''), password, password === '' ? '' : hmacPassword(password)];
	return values.filter((value) => value.length >= 4);
}

/**
 * One request through n8n's httpRequestWithAuthentication with the credential data given. An
 * empty session token makes n8n run the credential's preAuthentication (GetToken) and store the
 * new token in the credential (the shared database in queue mode); n8n also writes it into
 * `data`, so afterwards `data.sessionToken` is the token this request carried.
 */
async function sendOnce(this: Context, options: IHttpRequestOptions, data: ICredentialDataDecryptedObject): Promise<FullResponse> {
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
	})) as FullResponse;
}

/**
 * Token refusals one request may recover from, by another worker's newer token or by a login of
 * its own. A refused request never ran (SmartConnect checks the token first), so resending is safe.
 */
const MAX_TOKEN_RESENDS = 4;
/** Logins of its own one request may make after its token was refused. */
const MAX_OWN_LOGINS = 2;

/** A stored token this request has not had refused, issued for the credential's current identity. */
function isFreshToken(stored: ICredentialDataDecryptedObject, refused: Set<string>): boolean {
	const token = String(stored.sessionToken ?? '');
	return token !== '' && !refused.has(token) && stored.loggedInAs === tokenIdentity(stored);
}

/** Executions already told that their API URL is plain http (one hint per execution, not per request). */
const warnedAboutHttp = new WeakSet<object>();

function checkApiUrl(this: Context, apiUrl: string, itemIndex: number | undefined): void {
	const problem = apiUrlProblem(apiUrl);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `The API URL of credential "${credentialName(this)}" ${problem}`, {
			itemIndex,
			description: 'Copy it from SmartConnect.com › System › API Settings › API Url, e.g. https://…azurewebsites.net/API',
		});
	}
	if (apiUrl.toLowerCase().startsWith('http://') && 'addExecutionHints' in this && !warnedAboutHttp.has(this)) {
		warnedAboutHttp.add(this);
		this.addExecutionHints({
			message: `The API URL of credential "${credentialName(this)}" uses plain http://: the token and your data travel unencrypted. Use https:// unless this is an on-premise server on a trusted network.`,
			location: 'outputPane',
		});
	}
}

/** Sends one SmartConnect request and returns the decoded body. */
export async function smartConnectRequest(
	this: Context,
	request: SmartConnectRequest,
	settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const apiUrl = normalizeApiUrl(credentials.apiUrl);
	checkApiUrl.call(this, apiUrl, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${apiUrl}/${request.endpoint}`,
		qs: request.qs,
		headers: {
			Accept: request.accept === 'xml' ? 'application/xml' : 'application/json',
			...(request.body === undefined ? {} : { 'Content-Type': request.contentType ?? 'application/json' }),
		},
		body: request.body,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};

	// Re-read after a new login, so its token is redacted too.
	const secrets = async () => secretsOf(await this.getCredentials(CREDENTIAL_TYPE));
	const storedToken = String(credentials.sessionToken ?? '');
	const relogin = request.forceLogin === true || (storedToken !== '' && credentials.loggedInAs !== tokenIdentity(credentials));
	// What the next attempt sends with: the stored credential, or with no token (n8n logs in first).
	let sendWith: ICredentialDataDecryptedObject = relogin ? { ...credentials, sessionToken: '' } : { ...credentials };
	// Tokens SmartConnect refused to this request; a refused request never ran, so it may be resent.
	const refusedTokens = new Set<string>();
	let tokenResends = 0;
	// This request's own logins after a refusal (a first login for an empty token does not count).
	let ownLogins = relogin ? 1 : 0;
	let attempt = 0;
	const canRetry = (nothingSent: boolean) =>
		(request.kind === 'read' || nothingSent) && attempt < settings.retries;

	for (;;) {
		let response: FullResponse;
		try {
			response = await sendOnce.call(this, { ...options }, sendWith);
		} catch (error) {
			const login = findLoginError(error);
			if (login) {
				// A failed GetToken never reached the map: safe to try again for reads and runs alike.
				if (login.retryable && canRetry(true)) {
					attempt++;
					await sleep(backoffMs(settings, attempt, login.retryAfterMs));
					continue;
				}
				throw failure(
					this,
					request,
					await secrets(),
					false,
					`SmartConnect login failed for credential "${credentialName(this)}"`,
					login.networkCode ? `${login.message} (network error ${login.networkCode})` : login.message,
				);
			}
			const code = networkErrorCode(error) ?? 'unknown';
			const nothingSent = NOTHING_SENT.has(code);
			if (canRetry(nothingSent)) {
				attempt++;
				await sleep(backoffMs(settings, attempt));
				continue;
			}
			const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
			const what = timedOut
				? `no answer within ${Math.round(settings.timeoutMs / 1000)} s`
				: nothingSent
					? 'could not connect'
					: 'the connection failed';
			throw failure(
				this,
				request,
				await secrets(),
				nothingSent ? false : 'unknown',
				`SmartConnect ${request.endpoint}: ${what}`,
				request.kind === 'run' && !nothingSent
					? `The request may have reached SmartConnect, so the map may have run; it was not sent again. Check the map's run history in SmartConnect.com before running it again (network error ${code})`
					: `Network error ${code} after ${attempt + 1} attempt(s)`,
			);
		}
		const sentToken = String(sendWith.sessionToken ?? '');

		const value = decodeBody(bodyText(response.body));
		if (isUnreadable(value)) {
			const transient = response.statusCode === 429 || response.statusCode >= 500 || response.statusCode < 300;
			if (transient && canRetry(false)) {
				attempt++;
				await sleep(backoffMs(settings, attempt));
				continue;
			}
			throw failure(
				this,
				request,
				await secrets(),
				transient ? 'unknown' : false,
				`SmartConnect ${request.endpoint} sent an unreadable response (HTTP ${response.statusCode})`,
				request.kind === 'run'
					? `${value.unreadable}. The map may have run; check its run history before running it again`
					: value.unreadable,
				response.statusCode,
			);
		}

		if (isTokenRejection(response.statusCode, value)) {
			if (sentToken !== '') refusedTokens.add(sentToken);
			if (tokenResends < MAX_TOKEN_RESENDS) {
				// In queue mode another worker may already have renewed the token: n8n keeps it in the
				// shared database. Use that one when it is new to this request. Otherwise wait a random,
				// growing while for one to turn up, and only then log in (at most MAX_OWN_LOGINS times):
				// where the service keeps only the newest token per user, each login invalidates the
				// tokens the other workers hold, so logging in at once would feed a storm.
				let stored = await this.getCredentials(CREDENTIAL_TYPE);
				if (!isFreshToken(stored, refusedTokens)) {
					await sleep(settings.retryBaseDelayMs * 2 ** tokenResends * (0.5 + Math.random()));
					stored = await this.getCredentials(CREDENTIAL_TYPE);
				}
				const adopt = isFreshToken(stored, refusedTokens);
				if (adopt || ownLogins < MAX_OWN_LOGINS) {
					tokenResends++;
					if (!adopt) ownLogins++;
					sendWith = adopt ? { ...stored } : { ...stored, sessionToken: '' };
					continue;
				}
			}
			throw failure(
				this,
				request,
				await secrets(),
				false,
				`SmartConnect rejected the token of credential "${credentialName(this)}" right after a new login`,
				serviceMessage(value) ?? `HTTP ${response.statusCode}`,
				response.statusCode,
			);
		}

		const { statusCode } = response;
		if (statusCode === 429 || statusCode >= 500) {
			if (canRetry(false)) {
				attempt++;
				await sleep(backoffMs(settings, attempt, retryAfterMs(retryAfterHeader(response.headers))));
				continue;
			}
			throw failure(
				this,
				request,
				await secrets(),
				'unknown',
				`SmartConnect ${request.endpoint} failed with HTTP ${statusCode}`,
				`${serviceMessage(value) ?? 'The service reported an error'}${
					request.kind === 'run'
						? '. The map may have run; it was not sent again. Check its run history before running it again'
						: ` after ${attempt + 1} attempt(s)`
				}`,
				statusCode,
			);
		}
		if (statusCode < 200 || statusCode > 299) {
			throw failure(
				this,
				request,
				await secrets(),
				false,
				`SmartConnect ${request.endpoint} failed with HTTP ${statusCode}`,
				serviceMessage(value) ?? (typeof value === 'string' ? value.slice(0, 300) : 'No message from SmartConnect'),
				statusCode,
			);
		}
		if (value === BLANK) {
			throw failure(
				this,
				request,
				await secrets(),
				// Documented for an unknown map key, but a blank 200 proves nothing about a run.
				'unknown',
				`SmartConnect ${request.endpoint} returned a blank response`,
				'SmartConnect answers with nothing when the map key is unknown or your user has no access to it, or when the API URL is wrong',
				statusCode,
			);
		}
		return value;
	}
}
