import { NodeOperationError, type ICredentialDataDecryptedObject, type IHttpRequestOptions } from 'n8n-workflow';

import { apiUrlProblem } from '../helpers/identity';
import type { Context, FullResponse } from './auth';

/** What the auth strategies share: the checked base URL, and sending with the credential data given. */

/**
 * A credential's base URL, checked before anything is sent: a NodeOperationError naming the
 * credential and its field, with an example, when it cannot be used.
 */
export function checkedBaseUrl(
	context: Context,
	url: string,
	where: { credentialType: string; fallbackName: string; field: string; example: string },
	itemIndex?: number,
): string {
	const problem = apiUrlProblem(url);
	if (!problem) return url;
	const name = context.getNode().credentials?.[where.credentialType]?.name ?? where.fallbackName;
	throw new NodeOperationError(context.getNode(), `The ${where.field} of credential "${name}" ${problem}`, {
		itemIndex,
		description: where.example,
	});
}

/**
 * Sends through n8n with the credential data given (not the stored credential): when it holds no
 * token, n8n logs in first and writes the new token into it, so afterwards the data holds the token
 * the request carried. The data is passed even when it holds the stored token, for the same reason.
 */
export async function sendWithCredentialData(
	context: Context,
	credentialType: string,
	options: IHttpRequestOptions,
	data: ICredentialDataDecryptedObject,
): Promise<FullResponse> {
	const reference = context.getNode().credentials?.[credentialType];
	return (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options, {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: credentialType, data },
	})) as FullResponse;
}
