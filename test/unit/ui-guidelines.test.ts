/**
 * n8n's node UI guidelines, pinned over every description the package ships: the SmartConnect node
 * (all services), the SmartConnect Trigger and the three credentials.
 * - No SmartConnect endpoint name in a label (parameter and option names, actions, notices);
 *   a description may name one endpoint, once.
 * - Every placeholder of a field is an example starting with "e.g." (collection buttons such as
 *   "Add Option" are labels, not placeholders of a field).
 * (The subtitles, evaluated by each n8n line's expression engine: test/engine/subtitles.test.ts.)
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { SmartConnectApi } from '../../credentials/SmartConnectApi.credentials';
import { SmartConnectOAuth2Api } from '../../credentials/SmartConnectOAuth2Api.credentials';
import { SmartConnectOnPremApi } from '../../credentials/SmartConnectOnPremApi.credentials';
import { SmartConnect } from '../../nodes/SmartConnect/SmartConnect.node';
import { ENDPOINTS } from '../../nodes/SmartConnect/transport/endpoints';
import { SmartConnectTrigger } from '../../nodes/SmartConnectTrigger/SmartConnectTrigger.node';

const node = new SmartConnect();
const trigger = new SmartConnectTrigger();
const credentials = [new SmartConnectApi(), new SmartConnectOnPremApi(), new SmartConnectOAuth2Api()];

/** Every endpoint and route name the node or its credentials call, as SmartConnect spells them. */
const ENDPOINT_NAMES = [
	...new Set([
		...Object.keys(ENDPOINTS),
		...Object.values(ENDPOINTS).flatMap((endpoint) =>
			// The route's method: `runmapdatatable/{map}` → runmapdatatable, `v1/run-integration/{map}` → run-integration.
			Object.values(endpoint.routes).map((route) => route.path.split(/[/?]/).find((segment) => !/^v\d+$/.test(segment)) as string),
		),
		'GetToken',
		'GetCompanyList',
	]),
]
	// `validate` is also the plain verb of n8n's vocabulary (Token › Validate).
	.filter((name) => name !== 'validate');

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** One text shown in the editor, and where it is. */
interface Text {
	where: string;
	kind: 'label' | 'description' | 'placeholder';
	text: string;
	type?: string;
}

function textsOf(properties: INodeProperties[], path: string): Text[] {
	return properties.flatMap((property) => {
		const where = `${path} › ${property.displayName}`;
		const texts: Text[] = [{ where, kind: 'label', text: property.displayName }];
		if (property.description) texts.push({ where, kind: 'description', text: property.description });
		if (property.placeholder !== undefined) texts.push({ where, kind: 'placeholder', text: property.placeholder, type: property.type });
		for (const mode of property.modes ?? []) {
			texts.push({ where: `${where} › ${mode.displayName}`, kind: 'label', text: mode.displayName });
			if (mode.placeholder !== undefined) texts.push({ where: `${where} › ${mode.displayName}`, kind: 'placeholder', text: mode.placeholder, type: 'string' });
		}
		for (const option of property.options ?? []) {
			if ('displayName' in option && 'type' in option) {
				texts.push(...textsOf([option as INodeProperties], where));
			} else if ('values' in option) {
				const collection = option as INodePropertyCollection;
				texts.push({ where: `${where} › ${collection.displayName}`, kind: 'label', text: collection.displayName });
				texts.push(...textsOf(collection.values, `${where} › ${collection.displayName}`));
			} else {
				const choice = option as INodePropertyOptions;
				texts.push({ where: `${where} › ${choice.name}`, kind: 'label', text: choice.name });
				if (choice.action) texts.push({ where: `${where} › ${choice.name}`, kind: 'label', text: choice.action });
				if (choice.description) texts.push({ where: `${where} › ${choice.name}`, kind: 'description', text: choice.description });
			}
		}
		return texts;
	});
}

const ALL_TEXTS: Text[] = [
	{ where: 'SmartConnect', kind: 'label', text: node.description.displayName },
	...textsOf(node.description.properties, 'SmartConnect'),
	{ where: 'SmartConnect Trigger', kind: 'label', text: trigger.description.displayName },
	...textsOf(trigger.description.properties, 'SmartConnect Trigger'),
	...credentials.flatMap((credential) => [
		{ where: credential.displayName, kind: 'label' as const, text: credential.displayName },
		...textsOf(credential.properties, credential.displayName),
	]),
];

/** The endpoint names a text names, each time it names one. */
function endpointsIn(text: string): string[] {
	const words = text.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? [];
	return words.filter((word) => ENDPOINT_NAMES.some((name) => squash(name) === squash(word)));
}

describe("n8n's UI guidelines over every description", () => {
	it('covers the node, the trigger and the three credentials', () => {
		const owners = new Set(ALL_TEXTS.map((text) => text.where.split(' › ')[0]));
		expect([...owners].sort()).toEqual(
			['SmartConnect', 'SmartConnect API', 'SmartConnect On-Premise API', 'SmartConnect REST OAuth2 API', 'SmartConnect Trigger'].sort(),
		);
		expect(ENDPOINT_NAMES).toEqual(expect.arrayContaining(['runmapdatatable', 'GetToken', 'GetMapList', 'getmapxml', 'GetAllData']));
	});

	it('no label names a SmartConnect endpoint, not even with spaces ("Get Map XML")', () => {
		const labels = ALL_TEXTS.filter((text) => text.kind === 'label');
		expect(labels.length).toBeGreaterThan(150);
		const offending = labels.filter((label) => ENDPOINT_NAMES.some((name) => squash(label.text).includes(squash(name))));
		expect(offending.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
	});

	it('a description names at most one endpoint, once', () => {
		const descriptions = ALL_TEXTS.filter((text) => text.kind === 'description');
		const offending = descriptions.filter((description) => endpointsIn(description.text).length > 1);
		expect(offending.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
	});

	it('every placeholder of a field starts with "e.g."', () => {
		const placeholders = ALL_TEXTS.filter(
			(text) => text.kind === 'placeholder' && text.type !== 'collection' && text.type !== 'fixedCollection',
		);
		expect(placeholders.length).toBeGreaterThanOrEqual(15);
		const offending = placeholders.filter((placeholder) => !placeholder.text.startsWith('e.g. '));
		expect(offending.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
	});

	it('optional fields (Options, Filters) are in alphabetical order', () => {
		const collections = [node.description.properties, trigger.description.properties]
			.flat()
			.filter((property) => property.type === 'collection');
		expect(collections.length).toBeGreaterThan(20);
		for (const collection of collections) {
			const names = (collection.options as INodeProperties[]).map((option) => option.displayName);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('Run Number starts at 1 wherever it is asked for, and its default is valid', () => {
		const runNumbers = node.description.properties.filter((property) => property.name === 'runNumber');
		expect(runNumbers.length).toBeGreaterThanOrEqual(3);
		for (const property of runNumbers) {
			expect(property.typeOptions?.minValue).toBe(1);
			expect(property.default).toBeGreaterThanOrEqual(1);
		}
	});
});
