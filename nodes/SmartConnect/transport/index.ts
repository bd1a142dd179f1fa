import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import type {
	AcceptType,
	ContentType,
	ExecutionMemory,
	RequestKind,
	RequestSent,
	RequestSettings,
} from '../helpers/interfaces';
import { networkErrorCode } from '../helpers/login';
import { bodyText, redactSecrets } from '../helpers/responses';
import { credentialName, strategyFor, type AuthStrategy, type Context } from './auth';
import { classify, renewal, type Attempt, type Failure } from './classify';
import { endpointNamed, resolveRoute, type Endpoint } from './endpoints';

/**
 * The one place that talks HTTP to SmartConnect, in four parts that each do one thing:
 * - `endpoints.ts`, the endpoint table: each call's path per service, whether it may be resent,
 *   its content and accept types;
 * - `auth.ts`, an auth strategy per credential type: base URL, sending with the credential (which
 *   logs in), recognising a failed login, the secrets to hide;
 * - `classify.ts`, the pure classifier: one attempt's outcome → ok, retry, renew the token, or fail;
 *   and, for a refused token, whether to resend with a newer stored one or log in again;
 * - here, the send–classify–retry loop, which turns a failure into a NodeApiError that names the
 *   operation and holds no token or password.
 */

export type { ExecutionMemory, RequestSent, RequestSettings } from '../helpers/interfaces';

export interface SmartConnectRequest {
	/** The call, by its name in the endpoint table (SmartConnect.com's endpoint, e.g. `GetMapList`). */
	endpoint: string;
	/** What the user asked for, for error messages, e.g. `Map Run › Run With Data Table`. */
	operation: string;
	/** The endpoint table decides these; when given, they must agree with it. */
	kind?: RequestKind;
	contentType?: ContentType;
	accept?: AcceptType;
	qs?: IDataObject;
	/** A string, or its UTF-8 bytes (large data-table bodies: sent without another conversion). */
	body?: string | Buffer;
	itemIndex?: number;
	/** Log in again before sending, whatever token is stored. */
	forceLogin?: boolean;
	/** The memory of the node's run (one per execution of the node, trigger poll or editor call). */
	memory: ExecutionMemory;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	timeoutMs: 300000,
	retries: 2,
	retryBaseDelayMs: 500,
};

/** Request settings from a node's Options (Timeout in seconds, Retries for Reads), the defaults where unset. */
export function requestSettingsFrom(options: { timeout?: number; retries?: number }): RequestSettings {
	return {
		...DEFAULT_REQUEST_SETTINGS,
		timeoutMs: Math.max(1, options.timeout ?? DEFAULT_REQUEST_SETTINGS.timeoutMs / 1000) * 1000,
		retries: Math.max(0, Math.floor(options.retries ?? DEFAULT_REQUEST_SETTINGS.retries)),
	};
}

export function requestSentOf(error: unknown): RequestSent {
	if (error instanceof NodeOperationError) return false;
	const context = (error as { context?: { requestSent?: unknown } } | undefined)?.context;
	return context?.requestSent === false ? false : 'unknown';
}

/** The table's row for the request; what the caller states about it must agree with the table. */
function endpointOf(request: SmartConnectRequest): Endpoint {
	const endpoint = endpointNamed(request.endpoint);
	for (const key of ['kind', 'contentType', 'accept'] as const) {
		if (request[key] !== undefined && request[key] !== endpoint[key]) {
			throw new Error(`SmartConnect ${request.endpoint}: ${key} "${request[key]}" disagrees with the endpoint table`);
		}
	}
	return endpoint;
}

/** The credential of the node's auth strategy, decrypted (with the token n8n stored). */
export async function serviceCredentials(this: Context): Promise<ICredentialDataDecryptedObject> {
	return await this.getCredentials(strategyFor(this).credentialType);
}

/** A failed verdict as the NodeApiError the node throws: no HTTP client error inside (it carries the URL). */
function failure(
	context: Context,
	request: SmartConnectRequest,
	verdict: Failure,
	secrets: string[],
): NodeApiError {
	const details = {
		message: redactSecrets(verdict.message, secrets),
		description: redactSecrets(
			`${verdict.description} (SmartConnect endpoint ${request.endpoint}, operation ${request.operation})`,
			secrets,
		),
		httpCode: verdict.httpCode === undefined ? undefined : String(verdict.httpCode),
	};
	const error = new NodeApiError(context.getNode(), details as JsonObject, { ...details, itemIndex: request.itemIndex });
	error.context.requestSent = verdict.sent;
	return error;
}

/** One send with `data` (n8n writes a new login's token into it), its outcome as the classifier reads it. */
async function attempt(this: Context, auth: AuthStrategy, options: IHttpRequestOptions, data: ICredentialDataDecryptedObject): Promise<Attempt> {
	try {
		const response = await auth.send.call(this, { ...options }, data);
		return { response: { statusCode: response.statusCode, headers: response.headers ?? {}, text: bodyText(response.body) } };
	} catch (error) {
		const login = auth.loginFailure(error);
		return login ? { login } : { network: networkErrorCode(error) ?? 'unknown' };
	}
}

/** Sends one SmartConnect request and returns the decoded body. */
export async function smartConnectRequest(
	this: Context,
	request: SmartConnectRequest,
	settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
): Promise<unknown> {
	const endpoint = endpointOf(request);
	const auth = strategyFor(this);
	const credentials = await this.getCredentials(auth.credentialType);
	const { memory } = request;
	const baseUrl = auth.baseUrl.call(this, credentials, memory, request.itemIndex);
	const route = endpoint.routes[auth.service];
	if (!route) throw new NodeOperationError(this.getNode(), `${request.operation} is not available with this credential`);
	const target = resolveRoute(route, request.qs);
	const options: IHttpRequestOptions = {
		method: route.method,
		url: `${baseUrl}/${target.path}`,
		qs: target.qs,
		headers: {
			Accept: endpoint.accept === 'xml' ? 'application/xml' : 'application/json',
			...(request.body === undefined ? {} : { 'Content-Type': endpoint.contentType ?? 'application/json' }),
		},
		body: request.body,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};

	let newLogin = request.forceLogin === true || auth.loginOutdated(credentials);
	// The credential data the next attempt sends with: the stored one, or a newer token found later.
	let sendWith = credentials;
	// Tokens SmartConnect refused to this request; a refused request never ran, so it may be resent.
	const refusedTokens = new Set<string>();
	/** The stored credential when it holds a token, for its current identity, that this request has not had refused. */
	const freshStored = async (): Promise<ICredentialDataDecryptedObject | undefined> => {
		const stored = await this.getCredentials(auth.credentialType);
		const token = auth.token(stored);
		return token !== '' && !refusedTokens.has(token) && !auth.loginOutdated(stored) ? stored : undefined;
	};
	let retried = 0;
	let tokenResends = 0;
	let ownLogins = newLogin ? 1 : 0;
	for (;;) {
		const data = newLogin ? auth.withoutToken(sendWith) : { ...sendWith };
		// A run whose login SmartConnect refused fails the same way without asking again (see ExecutionMemory).
		const outcome: Attempt = memory.refusedLogin ? { login: memory.refusedLogin } : await attempt.call(this, auth, options, data);
		if ('login' in outcome && !outcome.login.retryable) memory.refusedLogin = outcome.login;
		// n8n wrote the token of a login that succeeded into `data`: later attempts send with it. A login
		// that failed is tried again.
		if (auth.token(data) !== '') {
			newLogin = false;
			sendWith = data;
		}
		const state = {
			endpoint: request.endpoint,
			kind: endpoint.kind,
			settings,
			retried,
			tokenResends,
			ownLogins,
			credentialName: credentialName(this, auth),
			explainRefusal: auth.explainRefusal,
			renewable: auth.renewable,
		};
		const verdict = classify(outcome, state);
		switch (verdict.action) {
			case 'ok':
				return verdict.value;
			case 'retry':
				retried++;
				await sleep(verdict.delayMs);
				break;
			case 'renewToken': {
				const refused = auth.token(sendWith);
				if (refused !== '') refusedTokens.add(refused);
				// In queue mode another worker may already have stored a newer token; when none is there yet,
				// wait a random, growing while for one to turn up before logging in.
				let stored = await freshStored();
				if (stored === undefined) {
					await sleep(verdict.waitMs * (0.5 + Math.random()));
					stored = await freshStored();
				}
				const next = renewal(verdict, state, stored !== undefined);
				if (next.action === 'fail') {
					throw failure(this, request, next, auth.secrets(await this.getCredentials(auth.credentialType)));
				}
				tokenResends++;
				if (next.action === 'login') {
					ownLogins++;
					newLogin = true;
					// Log in with the credential as stored now (its email, company and URL).
					sendWith = await this.getCredentials(auth.credentialType);
				} else if (stored !== undefined) {
					sendWith = stored;
				}
				break;
			}
			case 'fail':
				// Re-read after a new login, so its token is redacted too.
				throw failure(this, request, verdict, auth.secrets(await this.getCredentials(auth.credentialType)));
		}
	}
}
