/**
 * Where n8n 1.x and 2.x differ in what the node depends on, stated per line, and the node's own
 * behaviour there, which must be the same on both. Runs in both engine projects (see jest.config.js).
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { N8N_LINE, perLine } from '../helpers/line';
import { useSimulator } from '../helpers/simulator-suite';
import { runWorkflow, smartConnectNode, standInDescription, TestNodeTypes } from '../helpers/engine';

const sim = useSimulator();
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

/** Outputs its input item's `emit` field as an item of its own, paired to that input item. */
class EmitStub implements INodeType {
	description = standInDescription('Emit', 'emit');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json.emit as IDataObject, pairedItem: { item: index } }))];
	}
}

const emitNode: INode = {
	id: 'emit-1',
	name: 'Emit',
	type: 'test.emit',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	onError: 'continueErrorOutput',
};

describe(`n8n ${N8N_LINE}.x: the error output`, () => {
	it.each([
		['{ message, error }', { message: 'm', error: { message: 'm' } }, { 1: 'error', 2: 'error' }],
		['{ error }', { error: { message: 'm' } }, { 1: 'error', 2: 'error' }],
		['{ message, error, details }', { message: 'm', error: { message: 'm' }, details: 'd' }, { 1: 'main', 2: 'error' }],
		['{ message, error, sent }', { message: 'm', error: { message: 'm' }, sent: false }, { 1: 'main', 2: 'main' }],
	] as const)('an item shaped %s is routed as this line routes it', async (_shape, json, expected) => {
		const nodeTypes = new TestNodeTypes();
		nodeTypes.types['test.emit'] = new EmitStub();
		const result = await runWorkflow(demoCredentials(simulator), { nodes: [emitNode], connections: {} }, [{ emit: json }], nodeTypes);
		expect(result.error).toBeUndefined();
		const routed = result.output('Emit', 1).length === 1 ? 'error' : 'main';
		expect(routed).toBe(perLine(expected));
	});

	// Why the node's failed items are exactly { message, error } and nothing else: the one shape both lines route.
	it('a failed SmartConnect item is { message, error } and goes to the error output, merged with its input item', async () => {
		const node = smartConnectNode({
			parameters: { resource: 'map', operation: 'getColumns', map: { __rl: true, mode: 'mapKey', value: '={{ $json.key }}' } },
			onError: 'continueErrorOutput',
		});
		const result = await runWorkflow(demoCredentials(simulator), { nodes: [node], connections: {} }, [
			{ key: MAP_KEYS.importCustomers },
			{ key: 'IMPORT CUSTOMERS' },
		]);
		expect(result.error).toBeUndefined();
		const failed = result.output('SmartConnect', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(Object.keys(failed[0].json).sort()).toEqual(['error', 'message']);
		expect(failed[0].json.message).toBe('The map key "IMPORT CUSTOMERS" is not a GUID [item 2]');
		expect(result.output('SmartConnect', 0).every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
