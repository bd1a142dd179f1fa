import { NodeOperationError, type ICredentialDataDecryptedObject, type IHttpRequestOptions, type INodeProperties } from 'n8n-workflow';

import { apiUrlProblem } from '../helpers/identity';
import type { ExecutionMemory } from '../helpers/interfaces';
import type { Context, FullResponse } from './auth';

/** What the auth strategies share: the checked base URL, and sending with the credential data given. */

/** The credential field (all three credentials) that silences the plain-http hint for a trusted network. */
export const trustedNetworkProperty: INodeProperties = {
	displayName: 'Plain HTTP on a Trusted Network',
	name: 'trustedNetwork',
	type: 'boolean',
	default: false,
	description: 'Whether the server is on a network you trust, so an http:// address is used without the warning shown in the output',
};

/** Where a credential keeps its service's address, as its form names it. */
export interface CredentialAddress {
	credentialType: string;
	fallbackName: string;
	field: string;
	example: string;
	/** The address as the credential holds it, normalized. */
	read(credentials: ICredentialDataDecryptedObject): string;
}

/**
 * An auth strategy's `baseUrl`: the credential's address, checked before anything is sent (a
 * NodeOperationError naming the credential and its field, with an example, when it cannot be used).
 * A plain http:// address gets a hint in the output pane, once per credential and execution, unless
 * the credential says the server is on a trusted network.
 */
export function checkedBaseUrl(address: CredentialAddress) {
	return function baseUrl(
		this: Context,
		credentials: ICredentialDataDecryptedObject,
		memory: ExecutionMemory,
		itemIndex?: number,
	): string {
		const url = address.read(credentials);
		const name = this.getNode().credentials?.[address.credentialType]?.name ?? address.fallbackName;
		const problem = apiUrlProblem(url);
		if (problem) {
			throw new NodeOperationError(this.getNode(), `The ${address.field} of credential "${name}" ${problem}`, {
				itemIndex,
				description: address.example,
			});
		}
		if (credentials.trustedNetwork !== true && url.toLowerCase().startsWith('http://')) {
			hintPlainHttp(this, memory, `${address.credentialType}:${name}`, name, address.field);
		}
		return url;
	};
}

function hintPlainHttp(context: Context, memory: ExecutionMemory, key: string, name: string, field: string): void {
	if (!('addExecutionHints' in context) || typeof context.addExecutionHints !== 'function') return;
	const hinted = (memory.plainHttpHinted ??= []);
	if (hinted.includes(key)) return;
	hinted.push(key);
	context.addExecutionHints({
		message: `The ${field} of credential "${name}" uses plain http://, so the data travels unencrypted. Use https://, or turn on '${trustedNetworkProperty.displayName}' in the credential if the server is on a network you trust.`,
		location: 'outputPane',
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
