import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import { apiUrlProblem } from '../helpers/identity';
import type { Context } from './auth';

/** The credential field (all three credentials) that silences the plain-http hint for a trusted network. */
export const trustedNetworkProperty: INodeProperties = {
	displayName: 'Plain HTTP on a Trusted Network',
	name: 'trustedNetwork',
	type: 'boolean',
	default: false,
	description: 'Whether the server is on a network you trust, so an http:// address is used without the warning shown in the output',
};

/** The credentials each execution context was already told use plain http (one hint per credential). */
const hintedPlainHttp = new WeakMap<object, Set<string>>();

/**
 * A credential's base URL, checked before anything is sent: a NodeOperationError naming the
 * credential and its field, with an example, when it cannot be used. A plain http:// address gets
 * a hint in the output pane, once per credential and execution, unless the credential says the
 * server is on a trusted network.
 */
export function checkedBaseUrl(
	context: Context,
	url: string,
	where: { credentialType: string; fallbackName: string; field: string; example: string; trustedNetwork?: unknown },
	itemIndex?: number,
): string {
	const name = context.getNode().credentials?.[where.credentialType]?.name ?? where.fallbackName;
	const problem = apiUrlProblem(url);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `The ${where.field} of credential "${name}" ${problem}`, {
			itemIndex,
			description: where.example,
		});
	}
	if (where.trustedNetwork !== true && url.toLowerCase().startsWith('http://')) hintPlainHttp(context, `${where.credentialType}:${name}`, name, where.field);
	return url;
}

function hintPlainHttp(context: Context, key: string, name: string, field: string): void {
	if (!('addExecutionHints' in context) || typeof context.addExecutionHints !== 'function') return;
	const hinted = hintedPlainHttp.get(context) ?? new Set<string>();
	if (hinted.has(key)) return;
	hinted.add(key);
	hintedPlainHttp.set(context, hinted);
	context.addExecutionHints({
		message: `The ${field} of credential "${name}" uses plain http://, so the data travels unencrypted. Use https://, or turn on '${trustedNetworkProperty.displayName}' in the credential if the server is on a network you trust.`,
		location: 'outputPane',
	});
}
