/**
 * The context n8n gives a node's editor methods (listSearch, loadOptions, resourceMapping): a real
 * n8n-core LoadOptionsContext over a one-node workflow, built the way n8n's
 * DynamicNodeParametersService builds it (a temporary node holding the editor's current parameters
 * and credentials; `additionalData.currentNodeParameters` set to the same parameters).
 */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type INodeParameters, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { CREDENTIAL_TYPE, NODE_TYPE, testAdditionalData, TestNodeTypes, type TestCredentialsHelper } from './engine';

export interface LoadOptionsSpec {
	/** The node's parameters as the editor holds them; n8n fills in the defaults. */
	parameters: INodeParameters;
	/** Parameter path of the method's caller, e.g. `parameters.map` (list search) or `parameters.columns` (resource mapper). */
	path?: string;
	credentialId?: string;
	/** The node's credentials, when not the SmartConnect.com one (`cred-1`). */
	credentials?: INode['credentials'];
}

export function loadOptionsContext(helper: TestCredentialsHelper, spec: LoadOptionsSpec): LoadOptionsContext {
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(spec.parameters),
		credentials: spec.credentials ?? { [CREDENTIAL_TYPE]: { id: spec.credentialId ?? 'cred-1', name: 'SmartConnect account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	// Workflow filled in the parameter defaults on its own copy of the node; the editor sends its
	// current parameters with those defaults too (Authentication among them, which picks the credential).
	const filled = workflow.getNode(node.name) ?? node;
	const additionalData = { ...testAdditionalData(helper), currentNodeParameters: filled.parameters } as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, filled, additionalData, spec.path ?? 'parameters.map');
}
