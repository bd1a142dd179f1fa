/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute, with a credentials helper that
 * follows n8n's own preAuthentication rules (see shared/docs/n8n-engine-test-recipe.md).
 * Only the credential store (n8n's database) is stood in for.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
} from 'n8n-workflow';

import { SmartConnectApi } from '../../credentials/SmartConnectApi.credentials';
import { SmartConnect } from '../../nodes/SmartConnect/SmartConnect.node';

export const NODE_TYPE = 'n8n-nodes-smartconnect.smartConnect';
export const CREDENTIAL_TYPE = 'smartConnectApi';

/**
 * The description of a stand-in node: one main input and output unless `extra` says otherwise,
 * default name = display name; `extra` adds or replaces fields (properties, version, credentials…).
 */
export function standInDescription(displayName: string, name: string, extra: Record<string, unknown> = {}): INodeType['description'] {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	} as unknown as INodeType['description'];
}

/** The real manualTrigger's contract, without installing n8n-nodes-base. */
class ManualTriggerStub implements INodeType {
	description = standInDescription('Manual Trigger', 'manualTrigger', { group: ['trigger'], inputs: [] });

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return { manualTriggerFunction: async () => this.emit([this.helpers.returnJsonArray([{}])]) };
	}
}

/** Passes its input on unchanged: stands in for downstream nodes (e.g. a notification branch). */
class NoOpStub implements INodeType {
	description = standInDescription('No Operation', 'noOp');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export class TestNodeTypes implements INodeTypes {
	readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[NODE_TYPE]: new SmartConnect(),
		'n8n-nodes-base.manualTrigger': new ManualTriggerStub(),
		'n8n-nodes-base.noOp': new NoOpStub(),
	};

	getByName(type: string) {
		return this.types[type];
	}

	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.types[type], version);
	}

	getKnownTypes() {
		return {} as IDataObject;
	}
}

/** In-memory credential table with n8n's preAuthentication and generic-authenticate rules. */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly types: Record<string, ICredentialType> = { [CREDENTIAL_TYPE]: new SmartConnectApi() };

	/** Credential id → decrypted data, as n8n's database would hold it. */
	readonly store: Record<string, ICredentialDataDecryptedObject> = {};

	/** How often the engine wrote a credential back (preAuthentication persisting a token). */
	updates = 0;

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type: string) {
		return this.types[type].properties;
	}

	async getDecrypted(_data: IWorkflowExecuteAdditionalData, details: INodeCredentialsDetails) {
		const stored = this.store[details.id ?? ''];
		if (!stored) throw new Error(`No credential with id ${details.id}`);
		return { ...stored };
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the engine in these tests');
	}

	async updateCredentials(details: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.updates++;
		this.store[details.id ?? ''] = { ...data };
	}

	async updateCredentialsOauthTokenData() {}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, type: string) {
		return (await this.types[type].preAuthentication?.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		type: string,
		node: INode,
		expired: boolean,
	) {
		const credentialType = this.types[type];
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !expired) return undefined;
		const output = (await credentialType.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		if (node.credentials) {
			await this.updateCredentials(node.credentials[type], type, Object.assign(credentials, output));
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		type: string,
		request: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[type].authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, request);
		if (authenticate?.type === 'generic' && workflow && node) {
			for (const [outer, values] of Object.entries(authenticate.properties)) {
				const target = ((request as unknown as IDataObject)[outer] ??= {}) as IDataObject;
				for (const [key, value] of Object.entries(values as IDataObject)) {
					target[key] = workflow.expression.getSimpleParameterValue(
						node,
						value as string,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					) as string;
				}
			}
		}
		return request;
	}
}

/** What n8n hands the engine besides the workflow: URLs, the credentials helper, no sub-workflows. */
export function testAdditionalData(helper: ICredentialsHelper): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: helper,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
		setExecutionStatus() {},
		sendDataToUI() {},
		logAiEvent() {},
		executeWorkflow: async () => {
			throw new Error('not available in tests');
		},
		startRunnerTask: async () => {
			throw new Error('not available in tests');
		},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface NodeSpec {
	name?: string;
	parameters: IDataObject;
	credentialId?: string;
	onError?: INode['onError'];
	continueOnFail?: boolean;
}

export interface WorkflowSpec {
	nodes: INode[];
	connections: IConnections;
}

let nodeCounter = 0;

export function smartConnectNode(spec: NodeSpec): INode {
	return {
		id: `sc-${++nodeCounter}`,
		name: spec.name ?? 'SmartConnect',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: spec.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: spec.credentialId ?? 'cred-1', name: 'SmartConnect account' } },
		...(spec.onError ? { onError: spec.onError } : {}),
		...(spec.continueOnFail ? { continueOnFail: true } : {}),
	} as INode;
}

export interface RunResult {
	run: IRun;
	/** Output items of the named node per output index (0 = main, 1 = error output when enabled). */
	output(nodeName?: string, outputIndex?: number): INodeExecutionData[];
	/** The error the workflow stopped with, if any. */
	error: (Error & { description?: string; context?: IDataObject }) | undefined;
}

/**
 * Executes `nodes` with `input` items fed to the first node (as if an upstream node had produced
 * them), through the real engine, and resolves when the engine reports the workflow finished.
 */
export async function runWorkflow(
	helper: TestCredentialsHelper,
	workflowSpec: WorkflowSpec,
	input: IDataObject[] = [{}],
	nodeTypes: INodeTypes = new TestNodeTypes(),
): Promise<RunResult> {
	const workflowData = {
		id: 'wf-test',
		name: 'test',
		active: false,
		nodes: workflowSpec.nodes,
		connections: workflowSpec.connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes: workflowSpec.nodes,
		connections: workflowSpec.connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const additionalData = { ...testAdditionalData(helper), hooks, executionId: 'test-execution' } as IWorkflowExecuteAdditionalData;
	const startNode = workflowSpec.nodes[0];
	const nodeExecutionStack = [{ node: startNode, data: { main: [input.map((json) => ({ json }))] }, source: null }];
	// n8n-workflow 2.x builds the run data with createRunExecutionData; 1.x has no such factory and
	// takes the plain object it would build.
	const runExecutionData =
		typeof createRunExecutionData === 'function'
			? createRunExecutionData({ executionData: { nodeExecutionStack } })
			: ({
					startData: {},
					resultData: { runData: {} },
					executionData: { contextData: {}, nodeExecutionStack, metadata: {}, waitingExecution: {}, waitingExecutionSource: {} },
				} as unknown as ReturnType<typeof createRunExecutionData>);
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	return {
		run,
		error: run.data.resultData.error as RunResult['error'],
		output(nodeName = startNode.name, outputIndex = 0) {
			const runs = run.data.resultData.runData[nodeName];
			return runs?.[runs.length - 1]?.data?.main?.[outputIndex] ?? [];
		},
	};
}

/** Runs one SmartConnect node with the given parameters and input items. */
export async function runNode(
	helper: TestCredentialsHelper,
	spec: NodeSpec,
	input: IDataObject[] = [{}],
): Promise<RunResult> {
	return await runWorkflow(helper, { nodes: [smartConnectNode(spec)], connections: {} }, input);
}

/** n8n-core starts an SSH-client cleanup interval on first use; stop it so jest can exit. */
export function shutdownEngine(): void {
	// Use the @n8n/di instance n8n-core itself resolves (it may have its own nested copy).
	const corePath = require.resolve('n8n-core');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', { paths: [corePath] })) as typeof import('@n8n/di');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new () => { onShutdown(): void };
	};
	Container.get(SSHClientsManager).onShutdown();
}
