/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * What `npm run demo` runs the examples with: n8n-core's real WorkflowExecute, the BUILT
 * SmartConnect node and credential from dist/ (what n8n loads from the package), and small
 * stand-ins for the few n8n-nodes-base nodes on the examples' Manual Trigger path (Edit Fields
 * (Set) in "JSON" and "Manual Mapping" mode, Split Out, No Operation, Manual Trigger), so the
 * demo needs no n8n install. The real nodes run in `npm run test:e2e`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, NODE_TYPE, standInDescription, TestCredentialsHelper, TestNodeTypes } from '../test/helpers/engine';

const DIST = path.join(__dirname, '..', 'dist');

/** The node and credential classes n8n would load: the compiled files package.json's "n8n" block names. */
export function loadBuiltPackage(): { node: INodeType; credential: TestCredentialsHelper['types'][string] } {
	const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const root = path.join(__dirname, '..');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const nodeModule = require(path.join(root, pkg.n8n.nodes[0])) as Record<string, new () => INodeType>;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const credentialModule = require(path.join(root, pkg.n8n.credentials[0])) as Record<
		string,
		new () => TestCredentialsHelper['types'][string]
	>;
	return { node: new nodeModule.SmartConnect(), credential: new credentialModule.SmartConnectApi() };
}

export function distIsBuilt(): boolean {
	return fs.existsSync(path.join(DIST, 'nodes', 'SmartConnect', 'SmartConnect.node.js'));
}

/** Whether a source file (nodes/, credentials/, package.json) is newer than the build. */
export function distIsStale(): boolean {
	if (!distIsBuilt()) return true;
	const built = fs.statSync(path.join(DIST, 'nodes', 'SmartConnect', 'SmartConnect.node.js')).mtimeMs;
	const root = path.join(__dirname, '..');
	const newest = (dir: string): number => {
		let latest = 0;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
		}
		return latest;
	};
	return Math.max(newest(path.join(root, 'nodes')), newest(path.join(root, 'credentials'))) > built;
}

/** Edit Fields (Set) 3.4, the two modes the examples use: "JSON" (raw) and "Manual Mapping". */
class SetStandIn implements INodeType {
	description = standInDescription('Edit Fields (Set)', 'set', {
		group: ['input'],
		version: [3.4],
		defaults: { name: 'Edit Fields' },
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Manual Mapping', value: 'manual' },
					{ name: 'JSON', value: 'raw' },
				],
				default: 'manual',
			},
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}', displayOptions: { show: { mode: ['raw'] } } },
			{
				displayName: 'Fields to Set',
				name: 'assignments',
				type: 'assignmentCollection',
				default: {},
				displayOptions: { show: { mode: ['manual'] } },
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const mode = this.getNodeParameter('mode', i, 'manual') as string;
			let json: IDataObject = {};
			if (mode === 'raw') {
				const raw = this.getNodeParameter('jsonOutput', i, '{}') as unknown;
				json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
			} else {
				const assignments = this.getNodeParameter('assignments.assignments', i, []) as Array<{ name: string; value: unknown }>;
				for (const assignment of assignments) json[assignment.name] = assignment.value as IDataObject[string];
			}
			output.push({ json, pairedItem: { item: i } });
		}
		return [output];
	}
}

/** Split Out 1: one item per element of the field (objects become the item, as in n8n). */
class SplitOutStandIn implements INodeType {
	description = standInDescription('Split Out', 'splitOut', {
		properties: [
			{ displayName: 'Fields To Split Out', name: 'fieldToSplitOut', type: 'string', default: '' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const field = this.getNodeParameter('fieldToSplitOut', i) as string;
			let value: unknown = items[i].json;
			for (const part of field.split('.')) value = (value as IDataObject | undefined)?.[part];
			if (!Array.isArray(value)) throw new Error(`Split Out: field "${field}" of item ${i} is not a list`);
			for (const element of value) {
				const json = element !== null && typeof element === 'object' ? (element as IDataObject) : { [field]: element as string };
				output.push({ json, pairedItem: { item: i } });
			}
		}
		return [output];
	}
}

export class DemoNodeTypes extends TestNodeTypes {
	constructor(builtNode: INodeType) {
		super();
		Object.assign(this.types, {
			[NODE_TYPE]: builtNode,
			'n8n-nodes-base.set': new SetStandIn(),
			'n8n-nodes-base.splitOut': new SplitOutStandIn(),
		});
	}
}

/** A credential table with the built credential type (n8n's preAuthentication rules, as in the engine tests). */
export function demoCredentialStore(credential: TestCredentialsHelper['types'][string]): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.types[CREDENTIAL_TYPE] = credential;
	return helper;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
}

/**
 * The part of an example that `n8n execute` runs: its Manual Trigger and every node reachable
 * from it (the Webhook / Schedule / file triggers and sticky notes are left out). The trigger
 * comes first, as the engine helpers start at the first node.
 */
export function manualPath(workflow: ExampleWorkflow): { nodes: INode[]; connections: IConnections } {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.name} has no Manual Trigger`);
	const keep = new Set<string>([trigger.name]);
	const queue = [trigger.name];
	while (queue.length > 0) {
		const name = queue.shift() as string;
		for (const outputs of workflow.connections[name]?.main ?? []) {
			for (const connection of outputs ?? []) {
				if (!keep.has(connection.node)) {
					keep.add(connection.node);
					queue.push(connection.node);
				}
			}
		}
	}
	const nodes = [trigger, ...workflow.nodes.filter((node) => keep.has(node.name) && node !== trigger)];
	const connections: IConnections = {};
	for (const name of keep) if (workflow.connections[name]) connections[name] = workflow.connections[name];
	return { nodes: structuredClone(nodes), connections: structuredClone(connections) };
}
