import { sleep, type IExecuteFunctions, type IHttpRequestOptions, type IPollFunctions } from 'n8n-workflow';

import type { RequestSettings } from '../helpers/interfaces';
import { networkErrorCode } from '../helpers/login';
import { strategyFor } from './auth';
import { classifyPlainRead, type PlainAttempt } from './classify';

/**
 * Requests that do not fit the token transport's send loop: a run output's download link (which
 * SmartConnect issues with its own token) and GetCompanyList (email and password, no token). Their
 * retries are decided by the same classifier as every read (classify.ts).
 */

type Context = IExecuteFunctions | IPollFunctions;

export interface RawAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/** One send, its answer whatever the status, or the network error code when none came. */
async function attempt(this: Context, request: IHttpRequestOptions, authenticated: boolean): Promise<PlainAttempt<RawAnswer>> {
	try {
		const response = (await (authenticated
			? this.helpers.httpRequestWithAuthentication.call(this, strategyFor(this).credentialType, request)
			: this.helpers.httpRequest(request))) as RawAnswer;
		return { response: { ...response, headers: response.headers ?? {} } };
	} catch (error) {
		return { network: networkErrorCode(error) ?? 'unknown' };
	}
}

/**
 * A read outside the token transport (a file download, GetCompanyList), retried as every read is:
 * on network errors, 429 and 5xx, honouring Retry-After (at most 60 s), else with backoff, at most
 * `settings.retries` times. Returns the last answer whatever its status; a network failure on the
 * last attempt becomes `networkFailure(code, attempts)`, which must not carry the request (its URL
 * may hold a token or password).
 */
export async function rawRead(
	this: Context,
	options: IHttpRequestOptions,
	settings: RequestSettings,
	authenticated: boolean,
	networkFailure: (code: string, attempts: number) => Error,
): Promise<RawAnswer> {
	const request: IHttpRequestOptions = { ...options, json: false, returnFullResponse: true, ignoreHttpStatusErrors: true };
	let retried = 0;
	for (;;) {
		const outcome = await attempt.call(this, request, authenticated);
		const verdict = classifyPlainRead(outcome, { endpoint: 'read', kind: 'read', settings, retried });
		switch (verdict.action) {
			case 'ok':
				return verdict.value as RawAnswer;
			case 'retry':
				retried++;
				await sleep(verdict.delayMs);
				break;
			default:
				throw networkFailure('network' in outcome ? outcome.network : 'unknown', retried + 1);
		}
	}
}
