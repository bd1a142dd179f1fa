import { sleep, type IExecuteFunctions, type IHttpRequestOptions, type IPollFunctions } from 'n8n-workflow';

import type { RequestSettings } from '../helpers/interfaces';
import { networkErrorCode } from '../helpers/login';
import { retryAfterMs } from '../helpers/responses';
import { strategyFor } from './auth';

/**
 * Requests that do not fit the token transport's send loop: a run output's download link (which
 * SmartConnect issues with its own token) and GetCompanyList (email and password, no token).
 */

type Context = IExecuteFunctions | IPollFunctions;

export interface RawAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/**
 * A read outside the token transport (a file download, GetCompanyList), retried on network errors,
 * 429 and 5xx (honouring Retry-After, at most 60 s). Returns the last answer whatever its status;
 * a network failure on the last attempt becomes `networkFailure(code, attempts)`, which must not
 * carry the request (its URL may hold a token or password).
 */
export async function rawRead(
	this: Context,
	options: IHttpRequestOptions,
	settings: RequestSettings,
	authenticated: boolean,
	networkFailure: (code: string, attempts: number) => Error,
): Promise<RawAnswer> {
	const request: IHttpRequestOptions = { ...options, json: false, returnFullResponse: true, ignoreHttpStatusErrors: true };
	for (let attempt = 0; ; attempt++) {
		const wait = (retryAfter?: number) => sleep(Math.min(retryAfter ?? settings.retryBaseDelayMs * 2 ** attempt, 60000));
		let response: RawAnswer;
		try {
			response = (await (authenticated
				? this.helpers.httpRequestWithAuthentication.call(this, strategyFor(this).credentialType, request)
				: this.helpers.httpRequest(request))) as RawAnswer;
		} catch (error) {
			if (attempt < settings.retries) {
				await wait();
				continue;
			}
			throw networkFailure(networkErrorCode(error) ?? 'unknown', attempt + 1);
		}
		if ((response.statusCode === 429 || response.statusCode >= 500) && attempt < settings.retries) {
			await wait(retryAfterMs(response.headers ?? {}));
			continue;
		}
		return { ...response, headers: response.headers ?? {} };
	}
}
