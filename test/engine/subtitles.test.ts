/**
 * The subtitles read as words (n8n's UI guidelines: Title Case, from the main parameters): each
 * line's own expression engine evaluates the node's and the trigger's subtitle for every resource
 * and operation pair the editor offers, and no camelCase value shows.
 */
import { Workflow, type INode, type INodePropertyOptions, type INodeType, type INodeTypes } from 'n8n-workflow';

import { SmartConnect } from '../../nodes/SmartConnect/SmartConnect.node';
import { SmartConnectTrigger } from '../../nodes/SmartConnectTrigger/SmartConnectTrigger.node';

const node = new SmartConnect();
const trigger = new SmartConnectTrigger();

describe('subtitles read as words', () => {
	const nodeTypes: INodeTypes = {
		getByName: (type: string) => (type.endsWith('Trigger') ? trigger : node) as INodeType,
		getByNameAndVersion: (type: string) => (type.endsWith('Trigger') ? trigger : node) as INodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;

	function subtitle(type: INodeType, parameters: INode['parameters']): unknown {
		const instance: INode = {
			id: '1',
			name: 'SmartConnect',
			type: `n8n-nodes-smartconnect.${type.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters,
		};
		const workflow = new Workflow({ nodes: [instance], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(instance, type.description.subtitle as string, 'internal', {});
	}

	/** Every resource and operation pair the editor offers, with the labels it shows for them. */
	const pairs = node.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) =>
			((selector.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) =>
				(selector.options as INodePropertyOptions[]).map((option) => ({
					// The service the selector is shown for: n8n drops the parameters of hidden selectors.
					authentication: String((selector.displayOptions?.show?.authentication as string[] | undefined)?.[0] ?? 'smartConnectApi'),
					resource,
					operation: String(option.value),
					name: option.name,
				})),
			),
		);

	it.each(pairs.map((pair) => [`${pair.authentication} ${pair.resource}:${pair.operation}`, pair] as const))('%s', (_, { authentication, resource, operation, name }) => {
		const shown = subtitle(node, { authentication, resource, operation });
		expect(shown).toEqual(expect.stringMatching(new RegExp(`^${name}: [A-Z]`)));
		// camelCase values such as runWithDataTable or mapRun: a lower-case letter directly before an upper-case one.
		expect(shown).not.toMatch(/[a-z][A-Z]/);
	});

	it('covers every operation of every resource', () => {
		expect(pairs.length).toBeGreaterThanOrEqual(22);
		expect(subtitle(node, { resource: 'mapRun', operation: 'runWithDataTable' })).toBe('Run With Data Table: Map Run');
		expect(subtitle(node, { resource: 'map', operation: 'getSourceRows' })).toBe('Get Source Rows: Map');
	});

	it.each(['runFailed', 'runFinished', 'runSucceeded'])('the trigger on %s', (event) => {
		const shown = subtitle(trigger, { event });
		expect(shown).toMatch(/^Run (Failed|Finished|Succeeded)$/);
	});
});
