import { NodeOperationError } from 'n8n-workflow';

import { apiUrlProblem } from '../helpers/identity';
import type { Context } from './auth';

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
