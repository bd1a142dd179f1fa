/**
 * Running the SmartConnect node with the credential of another service (on-premise, REST API): a
 * one-node workflow whose Authentication parameter and credential name that service.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { NODE_TYPE, runWorkflow, type RunResult, type TestCredentialsHelper } from './engine';

let counter = 0;

export async function runWithService(
	helper: TestCredentialsHelper,
	credential: { type: string; id: string; name: string },
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	extra: Partial<INode> = {},
): Promise<RunResult> {
	const node = {
		...extra,
		id: `${credential.type}-${++counter}`,
		name: 'SmartConnect',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: credential.type, ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	} as INode;
	return await runWorkflow(helper, { nodes: [node], connections: {} }, input);
}
