/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Bad input, through n8n's real engine against the simulator: hostile values, column names, items,
 * map keys, API URLs, global variables, XML documents, and hostile XML in SmartConnect's answers.
 * Each case either round-trips (what the simulator received is exactly what was meant) or stops with
 * a clear NodeOperationError naming the item and field before anything of that run is sent — never
 * a crash, a hang or a partial send.
 */
import { SecretWatch, useWatchedSimulator } from '../helpers/secrets';

import {
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IPairedItemData,
} from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator, type SimRow } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import {
	runNode,
	runWorkflow,
	smartConnectNode,
	standInDescription,
	TestNodeTypes,
	type NodeSpec,
	type RunResult,
	type TestCredentialsHelper,
} from '../helpers/engine';

const watch = new SecretWatch();
const sim = useWatchedSimulator(watch);
let simulator: SmartConnectSimulator;
beforeAll(() => {
	simulator = sim();
});

afterEach(() => watch.harvest());

/** Cases tried per category, for the README's figures. */
const tried: Record<string, number> = {};
function count(category: string, cases: unknown[]): void {
	tried[category] = (tried[category] ?? 0) + cases.length;
}

// ------------------------------------------------------------------------------------------ helpers

const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const RUN_ENDPOINTS = /^(runmap|runmapwithvariables|runmapdatatable|runmapdatatablewitherrors|runmapxml)$/;

function runRequests() {
	return simulator.log.filter((entry) => RUN_ENDPOINTS.test(entry.endpoint));
}

function label(): string {
	return expect.getState().currentTestName ?? 'bad input';
}

async function run(spec: NodeSpec, input: IDataObject[] = [{}], helper: TestCredentialsHelper = demoCredentials(simulator)): Promise<RunResult> {
	return await watch.run(label(), async () => await runNode(helper, spec, input));
}

/** The real shape of items an upstream node can hand over (binary data, Dates, own `__proto__` keys). */
class EmitItems implements INodeType {
	description = standInDescription('Emit Items', 'emitItems');

	/** n8n calls execute with its execution context as `this`: the items live in this closure. */
	execute: () => Promise<INodeExecutionData[][]>;

	constructor(items: INodeExecutionData[]) {
		this.execute = async () => [items];
	}
}

async function runWithItems(spec: NodeSpec, items: INodeExecutionData[]): Promise<RunResult> {
	const types = new TestNodeTypes();
	types.types['test.emitItems'] = new EmitItems(items);
	const source: INode = { id: 'emit', name: 'Items', type: 'test.emitItems', typeVersion: 1, position: [0, 0], parameters: {} };
	const node = smartConnectNode(spec);
	return await watch.run(label(), async () =>
		await runWorkflow(
			demoCredentials(simulator),
			{ nodes: [source, node], connections: { Items: { main: [[{ node: node.name, type: 'main', index: 0 }]] } } },
			[{}],
			types,
		),
	);
}

function errorOf(result: RunResult): NonNullable<RunResult['error']> {
	if (!result.error) {
		throw new Error(`expected an error, got ${JSON.stringify(result.output('SmartConnect').map((item) => item.json)).slice(0, 300)}`);
	}
	return result.error;
}

/** A NodeOperationError naming the item, raised before any run request was sent. */
function expectRefused(result: RunResult, message: RegExp, itemIndex?: number): void {
	const error = errorOf(result);
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(message);
	if (itemIndex !== undefined) expect(error.context?.itemIndex).toBe(itemIndex);
	expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(0);
	expect(simulator.runs).toHaveLength(0);
}

/** One run, whose rows the simulator recorded exactly as meant. */
function expectRoundTrip(result: RunResult, rows: SimRow[], nodeName = 'SmartConnect'): void {
	expect(result.error).toBeUndefined();
	expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(1);
	expect(simulator.runs).toHaveLength(1);
	expect(simulator.runs[0].rows).toEqual(rows);
	const output = result.output(nodeName);
	expect(output.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
	expect(new Set(output.map((item) => JSON.stringify(item.json.smartConnect)))).toEqual(
		new Set([JSON.stringify({ status: 'success', runNumber: simulator.runs[0].runNumber, mapKey: simulator.runs[0].mapKey, sent: true })]),
	);
}

const dataTable = (extra: IDataObject = {}): IDataObject => ({
	resource: 'mapRun',
	operation: 'runWithDataTable',
	map: byKey(MAP_KEYS.importCustomers),
	...extra,
});
const xmlFromItems = (extra: IDataObject = {}): IDataObject => ({
	resource: 'mapRun',
	operation: 'runWithXml',
	map: byKey(MAP_KEYS.importCustomers),
	...extra,
});

const OPERATIONS = [
	{ name: 'Run With Data Table', parameters: dataTable },
	{ name: 'Run With XML', parameters: xmlFromItems },
];

const before = { accountnumber: 'A0', name: 'Before' };
const after = { accountnumber: 'A2', name: 'After' };

// ------------------------------------------------------------------------------------------ values

/** [label, value sent in field "email", what SmartConnect must receive (undefined: no element, a DB null)]. */
const VALUES: Array<[string, unknown, string | undefined]> = [
	['closing and opening a row', '</Table><Table>', '</Table><Table>'],
	['a forged row', '</email></Table><Table><accountnumber>EVIL</accountnumber><name>evil</name>', '</email></Table><Table><accountnumber>EVIL</accountnumber><name>evil</name>'],
	['a CDATA end marker', 'a]]>b', 'a]]>b'],
	['a CDATA section', '<![CDATA[x]]>', '<![CDATA[x]]>'],
	['an entity as text', '&amp;', '&amp;'],
	['a NUL character reference as text', '&#x0;', '&#x0;'],
	['escaped markup as text', '&lt;b&gt;&quot;&apos;', '&lt;b&gt;&quot;&apos;'],
	['a DOCTYPE with an external entity', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;'],
	['an XML declaration', '<?xml version="1.0"?><x/>', '<?xml version="1.0"?><x/>'],
	['a comment', '<!-- c -->', '<!-- c -->'],
	['quotes and backticks', `"q" 'a' \`b\``, `"q" 'a' \`b\``],
	['CR, LF and CRLF', 'a\r\nb\rc\nd', 'a\r\nb\rc\nd'],
	['tabs', '\tin\tdented\t', '\tin\tdented\t'],
	['spaces only', '   ', '   '],
	['an empty string', '', ''],
	['astral characters', '😀 𝄞 𠜎', '😀 𝄞 𠜎'],
	['NEL, LS, PS and a BOM', '\u0085\u2028\u2029\uFEFFx', '\u0085\u2028\u2029\uFEFFx'],
	['the replacement character', '\uFFFD', '\uFFFD'],
	['an escaped-name look-alike', '_x0020_', '_x0020_'],
	['-0', -0, '0'],
	['1e21', 1e21, '1000000000000000000000'],
	['-1e21', -1e21, '-1000000000000000000000'],
	['1e-7', 1e-7, '0.0000001'],
	['0.1 + 0.2', 0.1 + 0.2, '0.30000000000000004'],
	['2^53 + 2', 2 ** 53 + 2, '9007199254740994'],
	['Number.MAX_VALUE', Number.MAX_VALUE, `17976931348623157${'0'.repeat(292)}`],
	['Number.MIN_VALUE', Number.MIN_VALUE, `0.${'0'.repeat(323)}5`],
	['true', true, 'true'],
	['false', false, 'false'],
	['null', null, undefined],
	['a Date', new Date(Date.UTC(2024, 0, 31, 8, 0, 0)), '2024-01-31T08:00:00.000Z'],
	['a date string', '2024-01-31', '2024-01-31'],
	['a date before year 0', new Date(Date.UTC(-1, 0, 1)), '-000001-01-01T00:00:00.000Z'],
];

/** [label, value, what the message must say]: refused, naming item 1 and field "email". */
const REFUSED_VALUES: Array<[string, unknown, RegExp]> = [
	['NaN', Number.NaN, /NaN/],
	['Infinity', Number.POSITIVE_INFINITY, /Infinity/],
	['-Infinity', Number.NEGATIVE_INFINITY, /-Infinity/],
	['an invalid Date', new Date(Number.NaN), /invalid Date/i],
	['U+0000', 'a\u0000b', /U\+0000/],
	['U+0001', 'a\u0001b', /U\+0001/],
	['U+0008', 'a\u0008b', /U\+0008/],
	['U+000B', 'a\u000Bb', /U\+000B/],
	['U+000C', 'a\u000Cb', /U\+000C/],
	['U+001F', 'a\u001Fb', /U\+001F/],
	['U+FFFE', 'a\uFFFEb', /U\+FFFE/],
	['U+FFFF', 'a\uFFFFb', /U\+FFFF/],
	['a lone high surrogate', 'a\uD800b', /U\+D800/],
	['a lone low surrogate', 'a\uDC00b', /U\+DC00/],
	['surrogates in the wrong order', 'a\uDC00\uD800b', /U\+DC00/],
	['an object', { first: 'x' }, /object/],
	['an array', [1, 2, 3], /array/],
	['an empty array', [], /array/],
	['an array of objects', [{ a: 1 }], /array/],
	['an empty object', {}, /object/],
];

function nested(depth: number): IDataObject {
	let value: IDataObject = { leaf: 'x' };
	for (let i = 0; i < depth; i++) value = { n: value };
	return value;
}

describe('values', () => {
	count('values that round-trip (x2 operations)', [...VALUES, ...VALUES]);
	count('values refused (x2 operations)', [...REFUSED_VALUES, ...REFUSED_VALUES]);

	describe.each(OPERATIONS)('$name', (operation) => {
		test.each(VALUES)('%s round-trips', async (_label, value, received) => {
			const result = await run({ parameters: operation.parameters() }, [before, { accountnumber: 'A1', name: 'Bad', email: value } as IDataObject, after]);
			expectRoundTrip(result, [before, { accountnumber: 'A1', name: 'Bad', ...(received === undefined ? {} : { email: received }) }, after]);
		});

		test.each(REFUSED_VALUES)('%s is refused before sending, naming item 1 and field "email"', async (_label, value, message) => {
			const result = await run({ parameters: operation.parameters() }, [before, { accountnumber: 'A1', name: 'Bad', email: value } as IDataObject, after]);
			expectRefused(result, /^Field "email": .* \[item 2\]$/, 1);
			expect(errorOf(result).message).toMatch(message);
		});
	});

	const DROPPED: Array<[string, string, string]> = [
		['control characters', 'a\u0000b\u0001c\u001Fd', 'abcd'],
		['U+FFFE and U+FFFF', '\uFFFEx\uFFFF', 'x'],
		['lone surrogates (a valid pair stays)', '\uD800a\uDC00😀', 'a😀'],
	];
	count('values with Remove Them', DROPPED);
	test.each(DROPPED)('with "Remove Them", %s are dropped and the rest is sent', async (_label, value, received) => {
		const result = await run({ parameters: dataTable({ options: { invalidCharacters: 'drop' } }) }, [{ accountnumber: 'D1', name: value }]);
		expectRoundTrip(result, [{ accountnumber: 'D1', name: received }]);
	});

	const AS_JSON: Array<[string, unknown, string]> = [
		['an object', { a: [1, { b: '<&>' }] }, '{"a":[1,{"b":"<&>"}]}'],
		['an array', [1, 'two', null], '[1,"two",null]'],
		['an empty object', {}, '{}'],
		['500 levels of nesting', nested(500), JSON.stringify(nested(500))],
	];
	count('nested values with Send as JSON Text', AS_JSON);
	test.each(AS_JSON)('with "Send as JSON Text", %s is sent as its JSON', async (_label, value, received) => {
		const result = await run({ parameters: dataTable({ options: { nestedValues: 'json' } }) }, [{ accountnumber: 'J1', name: 'x', email: value as IDataObject }]);
		expectRoundTrip(result, [{ accountnumber: 'J1', name: 'x', email: received }]);
	});

	count('deep nesting refused', [1, 2]);
	it('5,000 levels of nesting are refused by default, naming the field', async () => {
		const result = await run({ parameters: dataTable() }, [before, { accountnumber: 'N1', name: 'x', email: nested(5000) }]);
		expectRefused(result, /^Field "email": .*object.* \[item 2\]$/, 1);
	});

	it('with "Send as JSON Text", nesting too deep for JSON (100,000 levels) is refused, naming the field, not a crash', async () => {
		const result = await runWithItems({ parameters: dataTable({ options: { nestedValues: 'json' } }) }, [
			{ json: before },
			{ json: { accountnumber: 'N2', name: 'x', email: nested(100000) } },
		]);
		expectRefused(result, /^Field "email": .* \[item 2\]$/, 1);
	});

	count('10 MB strings', [1, 2]);
	it('a 10 MB string round-trips', async () => {
		const big = 'x'.repeat(10 * 1024 * 1024);
		const result = await run({ parameters: dataTable() }, [{ accountnumber: 'BIG', name: big }]);
		expect(result.error).toBeUndefined();
		expect(simulator.runs).toHaveLength(1);
		expect(simulator.runs[0].rows[0].name?.length).toBe(big.length);
		expect(simulator.runs[0].rows[0].name === big).toBe(true);
	});

	it('a 200 KB string of markup (<&>]]> CR LF) round-trips', async () => {
		const big = '<a&b>]]>\r\n'.repeat(20 * 1024);
		const result = await run({ parameters: dataTable() }, [{ accountnumber: 'BIGM', name: big }]);
		expect(result.error).toBeUndefined();
		expect(simulator.runs).toHaveLength(1);
		expect(simulator.runs[0].rows[0].name === big).toBe(true);
	});
});

// ------------------------------------------------------------------------------------------ column names

const NAMES: string[] = [
	'</Table><Table>',
	'a]]>b',
	'&amp;',
	'<x>',
	'Account No',
	'1st',
	'_x0020_',
	'xml:lang',
	'a:b:c',
	'xmlns',
	'-dash',
	'.dot',
	'Ünïcødé',
	'😀',
	'tab\tname',
	'line\nbreak',
	'ctrl\u0001name',
	'Table',
	'RequestData',
	'name'.repeat(2500),
];

describe('column names', () => {
	count('column names that round-trip (x2 operations)', [...NAMES, ...NAMES]);

	describe.each(OPERATIONS)('$name', (operation) => {
		test.each(NAMES.map((name) => [name.length > 40 ? `${name.slice(0, 20)}… (${name.length} characters)` : JSON.stringify(name), name]))(
			'%s round-trips',
			async (_label, name) => {
				const row = { accountnumber: 'K1', name: 'x', [name]: 'value' };
				const result = await run({ parameters: operation.parameters() }, [row]);
				expectRoundTrip(result, [row]);
			},
		);
	});

	// The simulator's XML library refuses these names (a JavaScript guard; .NET has none): the body is checked instead.
	const RESERVED = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
	count('JavaScript-reserved column names (x2 operations)', [...RESERVED, ...RESERVED]);
	describe.each([
		['Run With Data Table', dataTable, (table: string) => `<RequestData>${table}</RequestData>`],
		[
			'Run With XML',
			xmlFromItems,
			(table: string) =>
				`<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Variables/><Xml>${escapeText(`<DataSet>${table}</DataSet>`)}</Xml></RequestData>`,
		],
	] as const)('%s', (_name, parameters, body) => {
		test.each(RESERVED)('an own "%s" key with text is sent as exactly that column, and nothing is polluted', async (name) => {
			const row = JSON.parse(`{"accountnumber":"R1","name":"x",${JSON.stringify(name)}:"v<&>"}`) as IDataObject;
			expect(Object.keys(row)).toEqual(['accountnumber', 'name', name]);
			await runWithItems({ parameters: parameters() }, [{ json: row }]);
			expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(1);
			expect(runRequests()[0].body).toBe(body(`<Table><accountnumber>R1</accountnumber><name>x</name><${name}>v&lt;&amp;&gt;</${name}></Table>`));
			expect(({} as IDataObject).polluted).toBeUndefined();
		});
	});

	count('column names refused', [1]);
	it('an empty column name is refused before sending, naming the item', async () => {
		const result = await run({ parameters: dataTable() }, [before, JSON.parse('{"accountnumber":"E1","name":"x","":"v"}') as IDataObject]);
		expectRefused(result, /^Field "": .* \[item 2\]$/, 1);
	});

	count('prototype keys holding objects', [1, 2]);
	it('an own "__proto__" key holding an object is refused (nested), and nothing is polluted', async () => {
		const row = JSON.parse('{"accountnumber":"P2","name":"x","__proto__":{"polluted":"yes"}}') as IDataObject;
		const result = await runWithItems({ parameters: dataTable() }, [{ json: { accountnumber: 'P0', name: 'ok' } }, { json: row }]);
		expectRefused(result, /^Field "__proto__": .*object.* \[item 2\]$/, 1);
		expect(({} as IDataObject).polluted).toBeUndefined();
	});

	it('"constructor" holding {prototype: …} is refused (nested), and nothing is polluted', async () => {
		const row = JSON.parse('{"accountnumber":"P3","name":"x","constructor":{"prototype":{"polluted":"yes"}}}') as IDataObject;
		const result = await run({ parameters: dataTable() }, [row]);
		expectRefused(result, /^Field "constructor": .*object.* \[item 1\]$/, 0);
		expect(({} as IDataObject).polluted).toBeUndefined();
	});
});

// ------------------------------------------------------------------------------------------ items

describe('items', () => {
	const EMPTY: Array<[string, INodeExecutionData, RegExp]> = [
		['an empty item', { json: {} }, /^The item has no fields to send as a row \[item 2\]$/],
		['an item whose fields are all null', { json: { accountnumber: null, name: null } }, /^The item has no fields to send as a row \[item 2\]$/],
		[
			'a binary-only item',
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } } },
			/^The item has no fields to send as a row \(it only holds binary data\) \[item 2\]$/,
		],
	];
	count('items refused', EMPTY);
	test.each(EMPTY)('%s is refused before sending, naming the item', async (_label, item, message) => {
		const result = await runWithItems({ parameters: dataTable() }, [{ json: before }, item, { json: after }]);
		expectRefused(result, message, 1);
	});

	count('items that round-trip', [1, 2, 3, 4, 5]);
	it('an item with binary data and fields: the fields are sent, the binary data is not', async () => {
		const result = await runWithItems({ parameters: dataTable() }, [
			{ json: { accountnumber: 'B1', name: 'with file' }, binary: { data: { data: Buffer.from('file').toString('base64'), mimeType: 'text/plain' } } },
		]);
		expectRoundTrip(result, [{ accountnumber: 'B1', name: 'with file' }]);
	});

	it('an item with a Date object from a Code node is sent as an ISO timestamp', async () => {
		const result = await runWithItems({ parameters: dataTable() }, [
			{ json: { accountnumber: 'D1', name: 'dated', email: new Date(Date.UTC(2026, 10, 28, 23, 59, 59, 999)) as unknown as string } },
		]);
		expectRoundTrip(result, [{ accountnumber: 'D1', name: 'dated', email: '2026-11-28T23:59:59.999Z' }]);
	});

	it('20,000 items in one run: every row received once, in order', async () => {
		const input = Array.from({ length: 20000 }, (_, i) => ({ accountnumber: `H${i}`, name: `Huge ${i} & <co>` }));
		const result = await run({ parameters: dataTable() }, input);
		expectRoundTrip(result, input);
	});

	it('8,000 items as XML in runs of 2,000: four runs, every row once', async () => {
		const input = Array.from({ length: 8000 }, (_, i) => ({ accountnumber: `X${i}`, name: `Xml ${i}` }));
		const result = await run({ parameters: xmlFromItems({ options: { rowsPerRun: 2000 } }) }, input);
		expect(result.error).toBeUndefined();
		expect(simulator.runs.map((record) => record.rows)).toEqual([0, 2000, 4000, 6000].map((start) => input.slice(start, start + 2000)));
		const perRun = new Map<unknown, number>();
		for (const item of result.output()) {
			const runNumber = (item.json.smartConnect as IDataObject).runNumber;
			perRun.set(runNumber, (perRun.get(runNumber) ?? 0) + 1);
		}
		expect([...perRun]).toEqual(simulator.runs.map((record) => [record.runNumber, 2000]));
	});

	it('items of different keys in one table: each row keeps exactly its own columns', async () => {
		const input: SimRow[] = [{ accountnumber: 'M1', name: 'a', email: 'e@x' }, { accountnumber: 'M2', name: 'b', phone: '1' }, { name: 'c', accountnumber: 'M3' }];
		const result = await run({ parameters: dataTable() }, input);
		expectRoundTrip(result, input);
	});

	count('no partial send', [1, 2]);
	it('a bad item in the last of several runs stops everything before the first run is sent', async () => {
		const input = [before, { accountnumber: 'A1', name: 'x' }, after, { accountnumber: 'A3', name: 'y' }, { accountnumber: 'A4', name: Number.NaN }];
		const result = await run({ parameters: dataTable({ options: { rowsPerRun: 2 } }) }, input);
		expectRefused(result, /^Field "name": .* \[item 5\]$/, 4);
		expect(simulator.log.map((entry) => entry.endpoint)).toHaveLength(0);
	});

	it('with the error output, bad items are set aside (paired, not sent) and the others round-trip', async () => {
		const input: IDataObject[] = [before, { accountnumber: 'C1', name: '\u0000' }, {}, after, { accountnumber: 'C4', name: { x: 1 } }];
		const result = await run({ parameters: dataTable({ options: { rowsPerRun: 2 } }), onError: 'continueErrorOutput' }, input);
		expect(result.error).toBeUndefined();
		// Items 1 and 4 drop out of their runs of two; each run carries what is left.
		expect(simulator.runs.map((record) => record.rows)).toEqual([[before], [after]]);
		const errors = result.output('SmartConnect', 1);
		expect(errors.map((item) => (item.pairedItem as IPairedItemData).item)).toEqual([1, 2, 4]);
		expect(errors.map((item) => (item.json.error as IDataObject).sent)).toEqual([false, false, false]);
		expect(errors.map((item) => item.json.message)).toEqual([
			expect.stringMatching(/^Field "name": .*U\+0000.* \[item 2\]$/),
			expect.stringMatching(/^The item has no fields.* \[item 3\]$/),
			expect.stringMatching(/^Field "name": .*object.* \[item 5\]$/),
		]);
		expect(result.output('SmartConnect', 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
	});
});

// ------------------------------------------------------------------------------------------ map keys

describe('map keys', () => {
	const GUID = MAP_KEYS.importCustomers;
	const NOT_GUIDS: Array<[string, unknown]> = [
		['a map ID', 'IMPORT CUSTOMERS'],
		['an empty string', ''],
		['spaces', '   '],
		['a word', 'not-a-guid'],
		['a GUID with a query appended', `${GUID}&token=stolen`],
		['a GUID with a path appended', `${GUID}/../GetMapList`],
		['a GUID with a fragment', `${GUID}#x`],
		['SQL', "' OR 1=1 --"],
		['a GUID one digit short', GUID.slice(0, -1)],
		['a GUID with a zero-width space', `${GUID.slice(0, 8)}\u200B${GUID.slice(8)}`],
		['a GUID with a NUL', `${GUID}\u0000`],
		['a GUID without dashes', GUID.replace(/-/g, '')],
		['a number', 42],
		['an object', { mapKey: GUID }],
		['a GUID with XML around it', `<k>${GUID}</k>`],
	];
	count('map keys refused', NOT_GUIDS);
	test.each(NOT_GUIDS)('%s is refused before anything is sent', async (_label, key) => {
		const result = await run({ parameters: dataTable({ map: byKey('={{ $json.key }}') }) }, [{ key: key as string, accountnumber: 'G1', name: 'x' }]);
		expectRefused(result, /^The map key ".*" is not a GUID \[item 1\]$/s, 0);
		expect(simulator.log.map((entry) => entry.endpoint)).toHaveLength(0);
	});

	const ACCEPTED: Array<[string, string]> = [
		['in braces', `{${GUID}}`],
		['in upper case', GUID.toUpperCase()],
		['with spaces around it', `  ${GUID}\n`],
	];
	count('map keys accepted', ACCEPTED);
	test.each(ACCEPTED)('a GUID %s is sent as the bare GUID', async (_label, key) => {
		const result = await run({ parameters: dataTable({ map: byKey('={{ $json.key }}') }) }, [{ key, accountnumber: 'G2', name: 'x' }]);
		expectRoundTrip(result, [{ key, accountnumber: 'G2', name: 'x' }]);
		expect(runRequests()[0].query.mapKey).toBe(key.trim().replace(/^\{|\}$/g, ''));
	});
});

// ------------------------------------------------------------------------------------------ API URLs

describe('API URLs', () => {
	const BAD: Array<[string, (sim: SmartConnectSimulator) => string, RegExp]> = [
		['empty', () => '', /is empty/],
		['not a URL', () => 'smartconnect api', /is not a valid URL/],
		['a host without a scheme', (sim) => sim.apiUrl.replace('http://', ''), /is not a valid URL|is not an http\(s\) URL/],
		['ftp://', (sim) => sim.apiUrl.replace('http:', 'ftp:'), /is not an http\(s\) URL/],
		['javascript:', () => 'javascript:alert(1)', /is not an http\(s\) URL/],
		['file://', () => 'file:///etc/passwd', /is not an http\(s\) URL/],
		['a query string', (sim) => `${sim.apiUrl}?token=abc`, /must not contain a query or fragment/],
		['a fragment', (sim) => `${sim.apiUrl}#x`, /must not contain a query or fragment/],
		['a user name and password', (sim) => sim.apiUrl.replace('http://', 'http://admin:hunter2-secret@'), /must not contain a user name or password/],
		['http:// alone', () => 'http://', /is not a valid URL/],
	];
	count('API URLs refused (x2: a run and a read)', [...BAD, ...BAD]);
	test.each(BAD)('%s is refused before a run is sent: a NodeOperationError naming the credential, "not sent"', async (_label, url, message) => {
		const helper = demoCredentials(simulator, { apiUrl: url(simulator) });
		const stopped = await run({ parameters: dataTable() }, [before], helper);
		const error = errorOf(stopped);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain('The API URL of credential "SmartConnect account" ');
		expect(error.message).toMatch(message);
		expect(`${error.message} ${error.description ?? ''}`).not.toMatch(/may have run|hunter2-secret/);
		const routed = await run({ parameters: dataTable(), onError: 'continueErrorOutput' }, [before], helper);
		expect(routed.output('SmartConnect', 1).map((item) => (item.json.error as IDataObject).sent)).toEqual([false]);
		expect(simulator.log.map((entry) => entry.endpoint)).toHaveLength(0);
	});

	test.each(BAD)('%s is refused before a read is sent, naming the credential', async (_label, url, message) => {
		const result = await run({ parameters: { resource: 'map', operation: 'getMany', returnAll: true } }, [{}], demoCredentials(simulator, { apiUrl: url(simulator) }));
		const error = errorOf(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^The API URL of credential "SmartConnect account" /);
		expect(error.message).toMatch(message);
		expect(error.message).not.toContain('hunter2-secret');
		expect(simulator.log.map((entry) => entry.endpoint)).toHaveLength(0);
	});

	count('API URLs accepted', [1, 2]);
	it('plain http:// works, with one warning hint about it', async () => {
		const result = await run({ parameters: dataTable() }, [before, after]);
		expectRoundTrip(result, [before, after]);
		const hints = result.run.data.resultData.runData.SmartConnect[0].hints ?? [];
		expect(hints.filter((hint) => /plain http:\/\//.test(hint.message))).toHaveLength(1);
	});

	it('spaces and trailing slashes around the URL are ignored', async () => {
		const result = await run({ parameters: dataTable() }, [before], demoCredentials(simulator, { apiUrl: `  ${simulator.apiUrl}//  ` }));
		expectRoundTrip(result, [before]);
		expect(runRequests()[0].path).toBe('/API/RunMapDataTableWithErrors');
	});
});

// ------------------------------------------------------------------------------------------ global variables

describe('global variables', () => {
	const withVariables = (variables: IDataObject): IDataObject => ({
		resource: 'mapRun',
		operation: 'runWithVariables',
		map: byKey(MAP_KEYS.nightlyFtpImport),
		...variables,
	});
	const fields = (...list: Array<{ name: unknown; value?: unknown }>) => ({ specifyVariables: 'keypair', variables: { variable: list } });
	const json = (text: string) => ({ specifyVariables: 'json', variablesJson: text });

	const BAD_FIELDS: Array<[string, IDataObject, RegExp]> = [
		['a variable without a name', fields({ name: '', value: 'x' }), /has no name/],
		['a name with a space', fields({ name: 'GBL FILE', value: 'x' }), /contains spaces or control characters/],
		['a name with a leading space', fields({ name: ' GBL_FILE', value: 'x' }), /contains spaces or control characters/],
		['a name with a control character', fields({ name: 'GBL_\u0001', value: 'x' }), /contains spaces or control characters/],
		['a value with U+0000', fields({ name: 'GBL_FILE_NAME', value: 'a\u0000b' }), /characters XML cannot carry/],
		['a value with a lone surrogate', fields({ name: 'GBL_FILE_NAME', value: 'a\uD800' }), /characters XML cannot carry/],
		['the same name twice', fields({ name: 'GBL_A', value: '1' }, { name: 'GBL_A', value: '2' }), /given twice/],
	];
	const BAD_JSON: Array<[string, string, RegExp]> = [
		['unclosed JSON', '{', /not valid JSON/],
		['JSON text that is a string', '"GBL_A=1"', /must be a JSON object/],
		['JSON null', 'null', /must be a JSON object/],
		['a JSON number', '123', /must be a JSON object/],
		['a list of numbers', '[1, 2]', /must be an object with "Key" and "Value"/],
		['an object value', '{"GBL_A": {"a": 1}}', /is an object or array/],
		['an array value', '{"GBL_A": [1]}', /is an object or array/],
		['a list entry without a name', '[{"Key": "", "Value": "x"}]', /has no name/],
		['a list entry with only a Value', '[{"Value": "x"}]', /has no name/],
		['a name with a space', '{"GBL A": "1"}', /contains spaces or control characters/],
		['an empty name', '{"": "1"}', /has no name/],
		['a duplicate in the list', '[{"Key": "GBL_A", "Value": "1"}, {"Key": "GBL_A", "Value": "2"}]', /given twice/],
		['a control character in a value', '{"GBL_A": "\\u0001"}', /characters XML cannot carry/],
	];
	count('variables refused', [...BAD_FIELDS, ...BAD_JSON]);

	test.each(BAD_FIELDS)('%s is refused before sending, naming the item and the parameter', async (_label, variables, message) => {
		const result = await run({ parameters: withVariables(variables) });
		expectRefused(result, /^Parameter 'Global Variables': .* \[item 1\]$/s, 0);
		expect(errorOf(result).message).toMatch(message);
	});

	test.each(BAD_JSON)('%s (JSON) is refused before sending, naming the item and the parameter', async (_label, text, message) => {
		const result = await run({ parameters: withVariables(json(text)) });
		expectRefused(result, /^Parameter 'Global Variables \(JSON\)': .* \[item 1\]$/s, 0);
		expect(errorOf(result).message).toMatch(message);
	});

	const INJECTION = '</Value></VariableOfstringstring><VariableOfstringstring><Key>GBL_EVIL</Key><Value>1';
	const GOOD: Array<[string, IDataObject, Array<{ Key: string; Value: string }>]> = [
		['XML injection in a value', fields({ name: 'GBL_FILE_NAME', value: INJECTION }), [{ Key: 'GBL_FILE_NAME', Value: INJECTION }]],
		['markup in a name', fields({ name: 'GBL_</Key>&amp;', value: 'x' }), [{ Key: 'GBL_</Key>&amp;', Value: 'x' }]],
		['CR LF, CDATA end and astral characters in a value', fields({ name: 'GBL_FILE_NAME', value: 'a\r\nb]]>😀' }), [{ Key: 'GBL_FILE_NAME', Value: 'a\r\nb]]>😀' }]],
		['an empty value', fields({ name: 'GBL_FILE_NAME', value: '' }), [{ Key: 'GBL_FILE_NAME', Value: '' }]],
		['a JSON object', json('{"GBL_FILE_NAME": "orders.csv"}'), [{ Key: 'GBL_FILE_NAME', Value: 'orders.csv' }]],
		['a JSON Key/Value list', json('[{"Key": "GBL_FILE_NAME", "Value": "orders.csv"}]'), [{ Key: 'GBL_FILE_NAME', Value: 'orders.csv' }]],
		['JSON numbers, a boolean and null', json('{"GBL_N": 5, "GBL_F": -1.25, "GBL_M": -0, "GBL_BIG": 1e21, "GBL_TINY": -1e-7, "GBL_B": true, "GBL_Z": null}'), [
			{ Key: 'GBL_N', Value: '5' },
			{ Key: 'GBL_F', Value: '-1.25' },
			{ Key: 'GBL_M', Value: '0' },
			{ Key: 'GBL_BIG', Value: '1000000000000000000000' },
			{ Key: 'GBL_TINY', Value: '-0.0000001' },
			{ Key: 'GBL_B', Value: 'true' },
			{ Key: 'GBL_Z', Value: '' },
		]],
		['an empty JSON object', json('{}'), []],
		['a name without GBL_ (sent as given, with a hint)', fields({ name: 'FILE_NAME', value: 'x' }), [{ Key: 'FILE_NAME', Value: 'x' }]],
	];
	count('variables that round-trip (x2 operations)', [...GOOD, ...GOOD]);

	test.each(GOOD)('%s round-trips through Run With Variables (JSON body)', async (_label, variables, received) => {
		const result = await run({ parameters: withVariables(variables) });
		expect(result.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(1);
		expect(simulator.runs[0].variables).toEqual(received);
	});

	test.each(GOOD)('%s round-trips through Run With Data Table (XML body)', async (_label, variables, received) => {
		// Data-table runs keep their global variables in Options.
		const result = await run({ parameters: dataTable({ options: variables }) }, [before]);
		expectRoundTrip(result, [before]);
		expect(simulator.runs[0].variables).toEqual(received);
	});

	it('a name without GBL_ gives one hint', async () => {
		const result = await run({ parameters: withVariables(fields({ name: 'FILE_NAME', value: 'x' })) }, [{}, {}]);
		const hints = result.run.data.resultData.runData.SmartConnect[0].hints ?? [];
		expect(hints.filter((hint) => /does not start with GBL_/.test(hint.message))).toHaveLength(1);
	});
});

// ------------------------------------------------------------------------------------------ Run With XML documents

describe('Run With XML: the XML parameter', () => {
	const withXml = { resource: 'mapRun', operation: 'runWithXml', map: byKey(MAP_KEYS.importCustomers), xmlSource: 'field', xml: '={{ $json.xml }}' };
	const deep = (levels: number) => `${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}`;
	const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;

	const MALFORMED: Array<[string, unknown, RegExp]> = [
		['mismatched tags', '<DataSet><Table></DataSet>', /not well-formed/],
		['an empty string', '', /is empty/],
		['spaces only', '   \n ', /is empty/],
		['plain text', 'accountnumber=C1', /not well-formed/],
		['an undefined entity', '<DataSet><Table><a>&nbsp;</a></Table></DataSet>', /not well-formed/],
		['an internal DTD entity', '<!DOCTYPE d [<!ENTITY e "x">]><DataSet><Table><a>&e;</a></Table></DataSet>', /not well-formed/],
		['an external entity (XXE)', '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><DataSet><Table><a>&e;</a></Table></DataSet>', /not well-formed/],
		['a billion laughs', lol, /not well-formed/],
		['two root elements', '<DataSet/><DataSet/>', /not well-formed/],
		['text after the root', '<DataSet/>trailing', /not well-formed/],
		['a control character', '<DataSet><Table><a>\u0001</a></Table></DataSet>', /not well-formed/],
		['a CDATA end in text', '<DataSet><Table><a>]]></a></Table></DataSet>', /not well-formed/],
		['an unclosed comment', '<DataSet><!-- </DataSet>', /not well-formed/],
		['a duplicate attribute', '<DataSet a="1" a="2"/>', /not well-formed/],
		['1,001 levels of nesting', deep(1001), /not well-formed/],
		['100,000 levels of nesting', deep(100000), /not well-formed/],
	];
	count('XML documents refused', MALFORMED);
	test.each(MALFORMED)('%s is refused before sending, naming the item and the parameter', async (_label, xml, message) => {
		const result = await run({ parameters: withXml }, [{ xml: xml as string }]);
		expectRefused(result, /^Parameter 'XML Document' .* \[item 1\]$/s, 0);
		expect(errorOf(result).message).toMatch(message);
	});

	const WELL_FORMED: Array<[string, string, SimRow[]]> = [
		['CDATA carrying a CDATA end', '<DataSet><Table><accountnumber><![CDATA[A]]]]><![CDATA[>B]]></accountnumber><name>n</name></Table></DataSet>', [{ accountnumber: 'A]]>B', name: 'n' }]],
		['entities and character references', '<DataSet><Table><accountnumber>&amp;&lt;&#x41;&#66;</accountnumber><name>n</name></Table></DataSet>', [{ accountnumber: '&<AB', name: 'n' }]],
		['an XML declaration, a BOM and a comment', '\uFEFF<?xml version="1.0" encoding="utf-8"?><!-- x --><DataSet><Table><accountnumber>C</accountnumber><name>n</name></Table></DataSet>', [{ accountnumber: 'C', name: 'n' }]],
		['escaped markup in a value', '<DataSet><Table><accountnumber>&lt;/Table&gt;&lt;Table&gt;</accountnumber><name>n</name></Table></DataSet>', [{ accountnumber: '</Table><Table>', name: 'n' }]],
	];
	count('XML documents that round-trip', WELL_FORMED);
	test.each(WELL_FORMED)('%s round-trips', async (_label, xml, rows) => {
		const result = await run({ parameters: withXml }, [{ xml }]);
		expect(result.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(1);
		expect(simulator.runs[0].rows).toEqual(rows);
	});
});

// ------------------------------------------------------------------------------------------ hostile XML in answers

const SERIALIZATION_NS = 'http://schemas.microsoft.com/2003/10/Serialization/';
/** GetAllData's envelope: a serialized string holding the (escaped) data set. */
const wrapped = (dataSet: string) => `<string xmlns="${SERIALIZATION_NS}">${escapeText(dataSet)}</string>`;

describe('hostile XML in SmartConnect\'s answers', () => {
	const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><NewDataSet><Table><a>&lol9;</a></Table></NewDataSet>`;
	const xxe = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><NewDataSet><Table><a>&xxe;</a></Table></NewDataSet>';
	const parameterEntity = '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]><NewDataSet/>';
	const deep = `<NewDataSet>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</NewDataSet>`;

	const getAllData = { resource: 'map', operation: 'getSourceRows', returnAll: true, map: byKey(MAP_KEYS.importCustomers), options: { retries: 0 } };

	const HOSTILE: Array<[string, string, RegExp]> = [
		['a billion laughs inside the envelope', wrapped(lol), /could not be read/],
		['an external entity (XXE) inside the envelope', wrapped(xxe), /could not be read/],
		['a parameter entity inside the envelope', wrapped(parameterEntity), /could not be read/],
		['100,000 levels of nesting inside the envelope', wrapped(deep), /could not be read/],
		['a billion laughs as the whole answer', lol, /unreadable/],
		['an external entity as the whole answer', xxe, /unreadable/],
		['100,000 levels of nesting as the whole answer', deep, /unreadable/],
		['an undefined entity inside the envelope', wrapped('<NewDataSet><Table><a>&bogus;</a></Table></NewDataSet>'), /could not be read/],
	];
	count('hostile answers to GetAllData', HOSTILE);
	test.each(HOSTILE)('GetAllData answering %s: a clear error, nothing expanded', async (_label, body, message) => {
		simulator.inject({ endpoint: 'getalldata', fault: { kind: 'status', status: 200, body, contentType: 'application/xml; charset=utf-8' }, times: Infinity });
		const result = await run({ parameters: getAllData });
		const error = errorOf(result);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/GetAllData/);
		const all = JSON.stringify(result.run.data.resultData);
		expect(all).not.toMatch(/root:x:0|lollollollollol/);
		expect(simulator.count('getalldata')).toBeLessThanOrEqual(2);
	});

	const BENIGN: Array<[string, string, IDataObject[]]> = [
		['200,000 character references', wrapped(`<NewDataSet><Table><a>${'&#x41;'.repeat(200000)}</a></Table></NewDataSet>`), [{ a: 'A'.repeat(200000) }]],
		['columns named __proto__, constructor and hasOwnProperty', wrapped('<NewDataSet><Table><__proto__>p</__proto__><constructor>c</constructor><hasOwnProperty>h</hasOwnProperty></Table></NewDataSet>'), [JSON.parse('{"__proto__":"p","constructor":"c","hasOwnProperty":"h"}') as IDataObject]],
		['CDATA carrying markup', wrapped('<NewDataSet><Table><a><![CDATA[<b>&amp;</b>]]></a></Table></NewDataSet>'), [{ a: '<b>&amp;</b>' }]],
	];
	count('unusual answers to GetAllData read correctly', BENIGN);
	test.each(BENIGN)('GetAllData answering %s: read exactly, nothing polluted', async (_label, body, rows) => {
		simulator.inject({ endpoint: 'getalldata', fault: { kind: 'status', status: 200, body, contentType: 'application/xml; charset=utf-8' }, times: 1 });
		const result = await run({ parameters: getAllData });
		expect(result.error).toBeUndefined();
		const output = result.output().map((item) => item.json);
		expect(output).toHaveLength(rows.length);
		output.forEach((row, i) => {
			expect(Object.keys(row)).toEqual(Object.keys(rows[i]));
			for (const key of Object.keys(rows[i])) expect(Object.getOwnPropertyDescriptor(row, key)?.value).toBe(rows[i][key]);
		});
		expect(({} as IDataObject).polluted).toBeUndefined();
	});

	const ERRORS: Array<[string, string]> = [
		['a billion laughs', lol],
		['an external entity (XXE)', xxe],
		['100,000 levels of nesting', deep],
		['text that is not XML', 'Object reference not set to an instance of an object.'],
	];
	count("hostile run answers' Errors", ERRORS);
	test.each(ERRORS)("a run's Errors holding %s: the run is reported (sent once), its errors marked unreadable", async (_label, errors) => {
		const response = {
			ErrorCount: 1,
			Errors: errors,
			MapDescription: 'Customers to Business Central',
			MapKey: MAP_KEYS.importCustomers,
			MapId: 'IMPORT CUSTOMERS',
			RecordCount: 2,
			RunNumber: 4242,
			Status: 1,
			ErrorMessage: 'Document was not sent due to document errors.',
		};
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 200, body: JSON.stringify(response) }, times: 1 });
		const result = await run({ parameters: dataTable({ options: { output: 'summary', stopOnRejectedRows: false } }) }, [before, after]);
		expect(result.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(1);
		expect(simulator.runs).toHaveLength(1);
		const [output] = result.output('SmartConnect', 0);
		expect(output.json).toMatchObject({ status: 'failed', runNumber: 4242, failedRows: [], inputItems: [0, 1] });
		expect(output.json.errorsUnreadable).toEqual(expect.any(String));
		expect(JSON.stringify(result.run.data.resultData)).not.toMatch(/root:x:0|lollollollollol/);
	});

	count('hostile run answers', [1]);
	it('a run answered with hostile XML instead of JSON: unreadable, not resent, "may have run"', async () => {
		// The map does not run: the run history check finds no new run, and the outcome stays unknown.
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 200, body: lol, contentType: 'application/xml' }, times: Infinity, afterAction: false });
		const result = await run({ parameters: dataTable({ options: { retries: 3 } }) }, [before]);
		const error = errorOf(result);
		expect(error.message).toMatch(/unreadable response/);
		expect(error.description).toMatch(/may have run/);
		expect(runRequests().map((entry) => entry.endpoint)).toHaveLength(1);
	});
});

// ------------------------------------------------------------------------------------------ totals

describe('across every bad-input case of this file', () => {
	it('tried at least 60 cases', () => {
		const total = Object.values(tried).reduce((sum, n) => sum + n, 0);
		process.stderr.write(`bad-input cases tried: ${JSON.stringify({ ...tried, total })}\n`);
		expect(total).toBeGreaterThanOrEqual(60);
	});

	it('no password form and no token appeared in any output, error, hint or log line', () => {
		watch.harvest();
		expect(watch.counts.runs).toBeGreaterThan(60);
		expect(watch.counts.logLines).toBeGreaterThan(0);
		expect(watch.leaks).toEqual([]);
	});
});
