/**
 * Faults, through n8n's real engine against the simulator's fault injection: reads are retried with
 * bounded backoff that honours Retry-After and then fail clearly; map runs are never sent twice once
 * they may have reached SmartConnect; with Rows per Run every input item ends up either in a reported
 * run or reported as not sent. The simulator's run records prove that no map got the same rows twice.
 *
 * n8n-workflow's `sleep` (the transport's backoff wait) is replaced by a recorder that returns at
 * once: the tests assert the waits the node asked for (Retry-After, the cap, exponential backoff)
 * instead of measuring time, and stay fast. Everything else is real: HTTP, the engine, the simulator.
 */
import { SecretWatch, useWatchedSimulator } from '../helpers/secrets';

import type { ICredentialDataDecryptedObject, IDataObject, IPairedItemData } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator, type Fault, type RunRecord } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { Gate } from '../helpers/gate';
import { mockSleeps, onSleep, resetSleeps } from '../helpers/sleeps';
import { runNode, type NodeSpec, type RunResult, type TestCredentialsHelper } from '../helpers/engine';

jest.mock('n8n-workflow', () => (jest.requireActual('../helpers/sleeps') as typeof import('../helpers/sleeps')).workflowWithRecordedSleeps());

const watch = new SecretWatch();
const sim = useWatchedSimulator(watch);
let simulator: SmartConnectSimulator;
/** Every run the simulator recorded in this file (the log is cleared before each test). */
const allRuns: RunRecord[] = [];
beforeAll(() => {
	simulator = sim();
});

beforeEach(() => {
	resetSleeps();
});

afterEach(() => {
	watch.harvest();
	allRuns.push(...simulator.runs.map((record) => ({ ...record, rows: [...record.rows] })));
});

// ------------------------------------------------------------------------------------------ helpers

const UNKNOWN_MAP_KEY = '00000000-0000-4000-8000-000000000000';
const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });

let serial = 0;
/** Rows no other test sends: every row of this file is unique, so a row seen twice was sent twice. */
function uniqueRows(count: number): IDataObject[] {
	return Array.from({ length: count }, () => {
		serial++;
		return { accountnumber: `F${serial}`, name: `Fault row ${serial}` };
	});
}

function requestsTo(endpoint: string) {
	return simulator.log.filter((entry) => entry.endpoint === endpoint);
}

async function run(helper: TestCredentialsHelper, spec: NodeSpec, input: IDataObject[] = [{}], label = expect.getState().currentTestName ?? 'run') {
	const tokenOutput = spec.parameters.resource === 'token' && spec.parameters.operation === 'get';
	return await watch.run(label, async () => await runNode(helper, spec, input), { tokenOutput });
}

function errorOf(result: RunResult): NonNullable<RunResult['error']> {
	if (!result.error) throw new Error(`expected an error, got ${JSON.stringify(result.output().map((item) => item.json)).slice(0, 500)}`);
	return result.error;
}

/** "item 4" / "items 0–1, 3" (the node's describeItems) → [4] / [0, 1, 3]. */
function parseItems(text: string): number[] {
	const list = /items? ([\d–, ]+)/.exec(text)?.[1] ?? '';
	return list
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.flatMap((part) => {
			// Messages number items from 1, as n8n does; indexes start at 0.
			const [from, to] = part.split('–').map((number) => Number(number) - 1);
			return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, k) => from + k);
		});
}

interface Ledger {
	completed: Array<{ runNumber: number; items: number[] }>;
	carried: number[];
	notSent: number[];
}

/** The ledger a failed run writes into the error description when the workflow stops. */
function readLedger(description: string): Ledger {
	const completedText = /Completed: (.*?)\.(?:\s|$)/s.exec(description)?.[1] ?? '';
	const completed = completedText
		.split('; ')
		.filter(Boolean)
		.map((part) => ({ runNumber: Number(/run (\d+)/.exec(part)?.[1]), items: parseItems(part.replace(/^run \S+ \([^)]*\) with /, '')) }));
	return {
		completed,
		carried: parseItems(/This run carried (items? [\d–, ]+)/.exec(description)?.[1] ?? ''),
		notSent: parseItems(/Not sent: (items? [\d–, ]+)/.exec(description)?.[1] ?? ''),
	};
}

/** Every input index in exactly one place: a completed run, the failed run, or "not sent". */
function expectLedgerPartition(ledger: Ledger, count: number): void {
	const places = new Map<number, string[]>();
	const note = (index: number, place: string) => places.set(index, [...(places.get(index) ?? []), place]);
	ledger.completed.forEach((done) => done.items.forEach((index) => note(index, `run ${done.runNumber}`)));
	ledger.carried.forEach((index) => note(index, 'failed run'));
	ledger.notSent.forEach((index) => note(index, 'not sent'));
	const wrong = Array.from({ length: count }, (_, index) => ({ index, places: places.get(index) ?? [] })).filter(
		(entry) => entry.places.length !== 1,
	);
	expect(wrong).toEqual([]);
	expect([...places.keys()].every((index) => index >= 0 && index < count)).toBe(true);
}

interface OutputPartition {
	/** input index → the run number of the result that carried it */
	inRun: Map<number, unknown>;
	/** input index → the error item's `error` (what failed, and whether it was sent) */
	notInRun: Map<number, IDataObject>;
}

/**
 * For each input index: is it in a result's `inputItems` (main output) or in an error item
 * (error output, `pairedItem.item`)? Asserts each index is in exactly one, and that results are
 * paired to the items they carried. Error items with `sent: true` (map errors) belong to a run.
 */
function expectOutputPartition(result: RunResult, count: number): OutputPartition {
	const main = result.output('SmartConnect', 0);
	const errors = result.output('SmartConnect', 1);
	const inRun = new Map<number, unknown>();
	const notInRun = new Map<number, IDataObject>();
	const places = new Map<number, string[]>();
	const note = (index: number, place: string) => places.set(index, [...(places.get(index) ?? []), place]);
	for (const item of main) {
		expect(item.json.error).toBeUndefined();
		const status = item.json.smartConnect as IDataObject;
		expect(status).toMatchObject({ status: 'success', sent: true });
		const index = (item.pairedItem as IPairedItemData).item;
		inRun.set(index, status.runNumber);
		note(index, `run ${String(status.runNumber)}`);
	}
	for (const item of errors) {
		const index = (item.pairedItem as IPairedItemData).item;
		const error = item.json.error as IDataObject;
		expect(typeof item.json.message).toBe('string');
		expect(error.message).toBe(item.json.message);
		if (error.sent === true) continue;
		notInRun.set(index, error);
		note(index, `error (sent: ${String(error.sent)})`);
	}
	const wrong = Array.from({ length: count }, (_, index) => ({ index, places: places.get(index) ?? [] })).filter(
		(entry) => entry.places.length !== 1,
	);
	expect(wrong).toEqual([]);
	return { inRun, notInRun };
}

/** No map received the same row (or, for variable runs, the same variables) twice. */
function expectNothingTwice(records: RunRecord[]): void {
	const seen = new Map<string, number>();
	for (const record of records) {
		const signatures =
			record.endpoint === 'runmap'
				? []
				: record.endpoint === 'runmapwithvariables'
					? [JSON.stringify(record.variables)]
					: record.rows.map((row) => JSON.stringify(row));
		for (const signature of signatures) {
			const key = `${record.mapKey} ${signature}`;
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}
	}
	expect([...seen].filter(([, times]) => times > 1)).toEqual([]);
}

const gates: Gate[] = [];
async function openGate(): Promise<Gate> {
	const gate = new Gate(simulator);
	await gate.open();
	gates.push(gate);
	return gate;
}

afterEach(async () => {
	await Promise.all(gates.splice(0).map(async (gate) => await gate.dispose()));
});

// ------------------------------------------------------------------------------------------ reads

interface ReadCase {
	name: string;
	/** Where the fault is injected (simulator endpoint, lower case). */
	endpoint: string;
	/** The endpoint as the node names it in its messages. */
	named: string;
	/** Whether the credential logs in before the fault is injected (so the fault hits this endpoint). */
	primed: boolean;
	parameters: (options: IDataObject) => IDataObject;
	expected: () => IDataObject[];
}

function listedMaps(): IDataObject[] {
	return simulator
		.mapsFor(simulator.demo.companyId)
		.filter((map) => !map.realTime)
		.map((map) => ({ mapKey: map.mapKey, mapId: map.mapId, description: map.description }));
}

function seedMap(mapKey: string) {
	const map = simulator.mapsFor(simulator.demo.companyId).find((m) => m.mapKey === mapKey);
	if (!map) throw new Error(`no seed map ${mapKey}`);
	return map;
}

const getMany = (options: IDataObject) => ({ resource: 'map', operation: 'getMany', returnAll: true, options });

const READS: ReadCase[] = [
	{ name: 'GetToken', endpoint: 'gettoken', named: 'GetToken', primed: false, parameters: getMany, expected: listedMaps },
	{
		name: 'validate',
		endpoint: 'validate',
		named: 'validate',
		primed: true,
		parameters: (options) => ({ resource: 'token', operation: 'validate', options }),
		expected: () => [{ valid: true }],
	},
	{ name: 'map list', endpoint: 'getmaplist', named: 'GetMapList', primed: true, parameters: getMany, expected: listedMaps },
	{
		name: 'columns',
		endpoint: 'getmapcolumns',
		named: 'GetMapColumns',
		primed: true,
		parameters: (options) => ({ resource: 'map', operation: 'getColumns', map: byKey(MAP_KEYS.importCustomers), options }),
		expected: () =>
			seedMap(MAP_KEYS.importCustomers).columns.map((column) => ({
				mapKey: MAP_KEYS.importCustomers,
				columnName: column.ColumnName,
				isRequired: column.IsRequired,
			})),
	},
	{
		name: 'data',
		endpoint: 'getalldata',
		named: 'GetAllData',
		primed: true,
		parameters: (options) => ({ resource: 'map', operation: 'getSourceRows', returnAll: true, map: byKey(MAP_KEYS.importCustomers), options }),
		expected: () => seedMap(MAP_KEYS.importCustomers).rows.map((row) => ({ ...row })),
	},
];

const HTML_502: Fault = {
	kind: 'status',
	status: 502,
	body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The web server reported a bad gateway error.</p></body></html>',
	contentType: 'text/html',
};

/**
 * The node's Timeout in the slow-answer cases where other requests must succeed (the retry after
 * the timeout, the runs before and after the slow one): they get this long, which a busy shared
 * machine needs. The slow answer comes far later; the client's timer starts before the simulator's.
 */
const SLOW_TIMEOUT_S = 3;
const SLOW_ANSWER: Fault = { kind: 'delay', ms: 8000 };
const NO_ANSWER_IN_TIME = new RegExp(`no answer within ${SLOW_TIMEOUT_S} s`);

interface FaultCase {
	name: string;
	fault: Fault;
	/** What the node's message must say when the fault persists (for a read, after its retries). */
	message: RegExp;
	/** Sets Timeout to SLOW_TIMEOUT_S (the fault is a slow answer). */
	slow?: boolean;
}

/** Faults a read must survive by retrying (with `times: 1`), and fail clearly on when they persist. */
const TRANSIENT: FaultCase[] = [
	{ name: 'HTTP 500', fault: { kind: 'status', status: 500 }, message: /HTTP 500/ },
	{ name: 'HTTP 502 with Retry-After', fault: { kind: 'status', status: 502, headers: { 'Retry-After': '0' } }, message: /HTTP 502/ },
	{ name: 'HTTP 502 without Retry-After', fault: { kind: 'status', status: 502 }, message: /HTTP 502/ },
	{ name: 'HTTP 503 with Retry-After', fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }, message: /HTTP 503/ },
	{ name: 'HTTP 503 without Retry-After', fault: { kind: 'status', status: 503 }, message: /HTTP 503/ },
	{ name: 'HTTP 429', fault: { kind: 'status', status: 429, headers: { 'Retry-After': '0' } }, message: /HTTP 429/ },
	{ name: 'a slow answer past the timeout', fault: SLOW_ANSWER, message: NO_ANSWER_IN_TIME, slow: true },
	{ name: 'a connection reset before the answer', fault: { kind: 'reset' }, message: /connection was lost|could not reach/ },
	{ name: 'a connection reset mid-response', fault: { kind: 'resetMidBody' }, message: /connection was lost|could not reach/ },
	{ name: 'truncated JSON', fault: { kind: 'malformed' }, message: /unreadable|not valid JSON/ },
	{ name: 'an HTML error page (502)', fault: HTML_502, message: /HTTP 502|HTML page/ },
];

/** A credential that already holds a valid token (so a fault meets the read itself, not GetToken). */
async function loggedIn(): Promise<ICredentialDataDecryptedObject> {
	const helper = demoCredentials(simulator);
	await run(helper, { parameters: { resource: 'token', operation: 'validate' } }, [{}], 'log in');
	simulator.clearLog();
	return { ...helper.store['cred-1'] };
}

describe('reads survive faults by retrying', () => {
	let stored: ICredentialDataDecryptedObject = {};

	beforeAll(async () => {
		stored = await loggedIn();
	});

	async function prepare(read: ReadCase): Promise<TestCredentialsHelper> {
		return demoCredentials(simulator, read.primed ? stored : {});
	}

	describe.each(READS)('$name', (read) => {
		// GetToken is sent by the credential (preAuthentication) with its own timeout, not the node's: one case below.
		it.each(TRANSIENT.filter((fault) => !(fault.slow && read.endpoint === 'gettoken')))('recovers from one $name: retried, the right output, one more request', async (fault) => {
			const helper = await prepare(read);
			simulator.inject({ endpoint: read.endpoint, fault: fault.fault, times: 1 });
			const result = await run(helper, { parameters: read.parameters({ retries: 2, ...(fault.slow ? { timeout: SLOW_TIMEOUT_S } : {}) }) });
			expect(result.error).toBeUndefined();
			expect(result.output().map((item) => item.json)).toEqual(read.expected());
			expect(requestsTo(read.endpoint).map((entry) => entry.status)).toHaveLength(2);
			expect(mockSleeps).toHaveLength(1);
		});

		it.each(TRANSIENT.filter((fault) => !fault.slow))(
			'fails clearly when $name persists: 1 + Retries attempts, the endpoint named',
			async (fault) => {
				const helper = await prepare(read);
				simulator.inject({ endpoint: read.endpoint, fault: fault.fault, times: Infinity });
				const result = await run(helper, { parameters: read.parameters({ retries: 2 }) });
				const error = errorOf(result);
				expect(requestsTo(read.endpoint).map((entry) => entry.status)).toHaveLength(3);
				expect(mockSleeps).toHaveLength(2);
				const text = `${error.message}\n${error.description ?? ''}`;
				expect(text).toContain(read.named);
				if (read.endpoint === 'gettoken') {
					expect(error.message).toBe('SmartConnect could not log in with credential "SmartConnect account"');
					// A fault of the service is not a wrong password.
					expect(text).not.toMatch(/did not accept the email, password/);
				} else {
					expect(text).toMatch(fault.message);
				}
			},
		);

		it('fails clearly on an empty body, without retrying more than Retries allows', async () => {
			const helper = await prepare(read);
			simulator.inject({ endpoint: read.endpoint, fault: { kind: 'empty' }, times: Infinity });
			const result = await run(helper, { parameters: read.parameters({ retries: 2 }) });
			const error = errorOf(result);
			expect(requestsTo(read.endpoint).map((entry) => entry.status).length).toBeGreaterThanOrEqual(1);
			expect(requestsTo(read.endpoint).map((entry) => entry.status).length).toBeLessThanOrEqual(3);
			expect(`${error.message}\n${error.description ?? ''}`).toContain(read.named);
			expect(error.message).toMatch(read.endpoint === 'gettoken' ? /could not log in|refused the login/ : /blank response/);
		});

		it('is retried when the connection is refused, and succeeds once SmartConnect listens again', async () => {
			const gate = await openGate();
			const helper = demoCredentials(simulator, { apiUrl: gate.apiUrl });
			if (read.primed) await run(helper, { parameters: { resource: 'token', operation: 'validate' } });
			simulator.clearLog();
			gate.close();
			onSleep.next = async () => await gate.open();
			const result = await run(helper, { parameters: read.parameters({ retries: 2 }) });
			expect(result.error).toBeUndefined();
			expect(result.output().map((item) => item.json)).toEqual(read.expected());
			expect(mockSleeps).toHaveLength(1);
			expect(requestsTo(read.endpoint).map((entry) => entry.status)).toHaveLength(1);
		});

		it('fails clearly when the connection stays refused: 1 + Retries attempts', async () => {
			const gate = await openGate();
			const helper = demoCredentials(simulator, { apiUrl: gate.apiUrl });
			if (read.primed) await run(helper, { parameters: { resource: 'token', operation: 'validate' } });
			simulator.clearLog();
			gate.close();
			const result = await run(helper, { parameters: read.parameters({ retries: 2 }) });
			const error = errorOf(result);
			expect(mockSleeps).toHaveLength(2);
			expect(simulator.log.map((entry) => entry.endpoint)).toHaveLength(0);
			const text = `${error.message}\n${error.description ?? ''}`;
			expect(text).toContain(read.named);
			expect(text).toMatch(/ECONNREFUSED|could not connect|could not reach/);
			if (read.endpoint !== 'gettoken') expect(error.description).toMatch(/after 3 attempt\(s\)/);
		});
	});

	it('a slow GetToken (past the node\'s Timeout) still logs in once, and the read goes on', async () => {
		// GetToken has the credential's own timeout (60 s); the node's applies to the read.
		simulator.inject({ endpoint: 'gettoken', fault: { kind: 'delay', ms: (SLOW_TIMEOUT_S + 1) * 1000 }, times: 1 });
		const result = await run(demoCredentials(simulator), { parameters: getMany({ retries: 2, timeout: SLOW_TIMEOUT_S }) });
		expect(result.error).toBeUndefined();
		expect(result.output().map((item) => item.json)).toEqual(listedMaps());
		expect(requestsTo('getmaplist').map((entry) => entry.status)).toHaveLength(1);
	});

	it('a slow answer that persists fails after 1 + Retries attempts, each cut at the timeout', async () => {
		const helper = await prepare(READS[2]);
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'delay', ms: 1500 }, times: Infinity });
		const result = await run(helper, { parameters: getMany({ retries: 1, timeout: 1 }) });
		expect(errorOf(result).message).toBe('SmartConnect GetMapList: no answer within 1 s');
		expect(errorOf(result).description).toMatch(/after 2 attempt\(s\)/);
		expect(requestsTo('getmaplist').map((entry) => entry.status)).toHaveLength(2);
	});

	it.each([
		['GetMapColumns', 'getmapcolumns', { resource: 'map', operation: 'getColumns' }],
		['GetAllData', 'getalldata', { resource: 'map', operation: 'getSourceRows' }],
	])('%s answers blank for an unknown map: a clear error, not retried', async (named, endpoint, parameters) => {
		const helper = demoCredentials(simulator);
		const result = await run(helper, { parameters: { ...parameters, map: byKey(UNKNOWN_MAP_KEY), options: { retries: 2 } } });
		expect(errorOf(result).message).toBe(`SmartConnect ${named} returned a blank response`);
		expect(errorOf(result).description).toMatch(/map key is unknown/);
		expect(requestsTo(endpoint).map((entry) => entry.status)).toHaveLength(1);
		expect(mockSleeps).toHaveLength(0);
	});
});

describe('read backoff: bounded, honouring Retry-After', () => {
	let stored: ICredentialDataDecryptedObject = {};

	beforeAll(async () => {
		stored = await loggedIn();
	});

	async function primed(): Promise<TestCredentialsHelper> {
		return demoCredentials(simulator, stored);
	}

	it.each([
		['Retry-After: 2 (seconds)', '2', [2000]],
		['Retry-After: 0', '0', [0]],
		['Retry-After: 3600 is capped at 60 s', '3600', [60000]],
		['Retry-After as a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT', [0]],
	])('GetMapList 503 with %s', async (_label, retryAfter, waits) => {
		const helper = await primed();
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'status', status: 503, headers: { 'Retry-After': retryAfter } }, times: 1 });
		const result = await run(helper, { parameters: getMany({ retries: 2 }) });
		expect(result.error).toBeUndefined();
		expect(mockSleeps).toEqual(waits);
		expect(requestsTo('getmaplist').map((entry) => entry.status)).toEqual([503, 200]);
	});

	it('429 with Retry-After: 1 waits 1 s before the next GetAllData', async () => {
		const helper = await primed();
		simulator.inject({ endpoint: 'getalldata', fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, times: 1 });
		const result = await run(helper, {
			parameters: { resource: 'map', operation: 'getSourceRows', returnAll: true, map: byKey(MAP_KEYS.importCustomers), options: { retries: 1 } },
		});
		expect(result.error).toBeUndefined();
		expect(mockSleeps).toEqual([1000]);
	});

	it('without Retry-After the waits grow and stay bounded; attempts = 1 + Retries', async () => {
		const helper = await primed();
		simulator.inject({ endpoint: 'getmapcolumns', fault: { kind: 'status', status: 503 }, times: Infinity });
		const result = await run(helper, {
			parameters: { resource: 'map', operation: 'getColumns', map: byKey(MAP_KEYS.importCustomers), options: { retries: 4 } },
		});
		expect(errorOf(result).message).toBe('SmartConnect GetMapColumns answered with HTTP 503');
		expect(requestsTo('getmapcolumns').map((entry) => entry.status)).toHaveLength(5);
		expect(mockSleeps).toHaveLength(4);
		mockSleeps.forEach((wait, i) => {
			expect(wait).toBeGreaterThan(0);
			expect(wait).toBeLessThanOrEqual(60000);
			if (i > 0) expect(wait).toBeGreaterThan(mockSleeps[i - 1]);
		});
	});

	it('Retries 0 means one attempt and no wait', async () => {
		const helper = await primed();
		simulator.inject({ endpoint: 'validate', fault: { kind: 'status', status: 500 }, times: Infinity });
		const result = await run(helper, { parameters: { resource: 'token', operation: 'validate', options: { retries: 0 } } });
		expect(errorOf(result).message).toBe('SmartConnect validate answered with HTTP 500');
		expect(requestsTo('validate').map((entry) => entry.status)).toHaveLength(1);
		expect(mockSleeps).toEqual([]);
	});

	it('GetToken 503 with Retry-After: 2 waits 2 s before logging in again', async () => {
		const helper = demoCredentials(simulator);
		simulator.inject({ endpoint: 'gettoken', fault: { kind: 'status', status: 503, headers: { 'Retry-After': '2' } }, times: 1 });
		const result = await run(helper, { parameters: getMany({ retries: 2 }) });
		expect(result.error).toBeUndefined();
		expect(requestsTo('gettoken').map((entry) => entry.status)).toEqual([503, 200]);
		expect(mockSleeps).toEqual([2000]);
	});
});

// ------------------------------------------------------------------------------------------ runs

interface RunCase {
	name: string;
	/** The run endpoint (simulator name). */
	endpoint: string;
	parameters: (extra: IDataObject) => IDataObject;
	input: () => IDataObject[];
	/** Input indexes of each run, in order. */
	runs: number[][];
	/** What identifies run `items` in the simulator's records (undefined: runs on the map's own source). */
	signature?: (input: IDataObject[], items: number[]) => string;
	recorded?: (record: RunRecord) => string;
	/** Also try the slow answer (SLOW_TIMEOUT_S each) when the workflow stops; the other cases try it with the error output only. */
	slowWhenStopping?: boolean;
}

const rowsSignature = (input: IDataObject[], items: number[]) => JSON.stringify(items.map((index) => input[index]));
const recordedRows = (record: RunRecord) => JSON.stringify(record.rows);

/** A data run of IMPORT CUSTOMERS in runs of two rows (Options › Rows per Run), with `extra` parameters and options. */
const inRunsOfTwo = (operation: string) => (extra: IDataObject) => ({
	resource: 'mapRun',
	operation,
	map: byKey(MAP_KEYS.importCustomers),
	...extra,
	options: { rowsPerRun: 2, ...(extra.options as IDataObject | undefined) },
});

const RUNS: RunCase[] = [
	{
		name: 'Run',
		endpoint: 'runmap',
		parameters: (extra) => ({ resource: 'mapRun', operation: 'run', map: byKey(MAP_KEYS.importCustomers), ...extra }),
		input: () => [{}, {}, {}],
		runs: [[0], [1], [2]],
	},
	{
		name: 'Run With Variables',
		endpoint: 'runmapwithvariables',
		parameters: (extra) => ({
			resource: 'mapRun',
			operation: 'runWithVariables',
			map: byKey(MAP_KEYS.nightlyFtpImport),
			specifyVariables: 'json',
			variablesJson: '={{ JSON.stringify({ GBL_FILE_NAME: $json.file }) }}',
			...extra,
		}),
		input: () => [0, 1, 2].map(() => ({ file: `orders_${++serial}.csv` })),
		runs: [[0], [1], [2]],
		signature: (input, items) => JSON.stringify([{ Key: 'GBL_FILE_NAME', Value: input[items[0]].file }]),
		recorded: (record) => JSON.stringify(record.variables),
	},
	{
		name: 'Run With Data Table (Rows per Run 2)',
		endpoint: 'runmapdatatablewitherrors',
		parameters: inRunsOfTwo('runWithDataTable'),
		input: () => uniqueRows(5),
		runs: [[0, 1], [2, 3], [4]],
		signature: rowsSignature,
		recorded: recordedRows,
		slowWhenStopping: true,
	},
	{
		name: 'Run With XML (Rows per Run 2)',
		endpoint: 'runmapxml',
		parameters: inRunsOfTwo('runWithXml'),
		input: () => uniqueRows(5),
		runs: [[0, 1], [2, 3], [4]],
		signature: rowsSignature,
		recorded: recordedRows,
	},
];

interface RunFault extends FaultCase {
	/** The map ran on SmartConnect before the fault replaced the answer. */
	ran: boolean;
	afterAction?: boolean;
}

const RUN_FAULTS: RunFault[] = [
	{ name: 'HTTP 500', fault: { kind: 'status', status: 500 }, ran: true, message: /HTTP 500/ },
	{ name: 'HTTP 502 with Retry-After', fault: { kind: 'status', status: 502, headers: { 'Retry-After': '0' } }, ran: true, message: /HTTP 502/ },
	{ name: 'HTTP 502 without Retry-After', fault: { kind: 'status', status: 502 }, ran: true, message: /HTTP 502/ },
	{
		name: 'HTTP 503 with Retry-After',
		fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' } },
		afterAction: false,
		ran: false,
		message: /HTTP 503/,
	},
	{ name: 'HTTP 503 without Retry-After', fault: { kind: 'status', status: 503 }, afterAction: false, ran: false, message: /HTTP 503/ },
	{ name: 'HTTP 429', fault: { kind: 'status', status: 429, headers: { 'Retry-After': '0' } }, afterAction: false, ran: false, message: /HTTP 429/ },
	{ name: 'a slow answer past the timeout', fault: SLOW_ANSWER, ran: true, message: NO_ANSWER_IN_TIME, slow: true },
	{ name: 'a connection reset before the answer', fault: { kind: 'reset' }, ran: true, message: /connection was lost/ },
	{ name: 'a connection reset mid-response', fault: { kind: 'resetMidBody' }, ran: true, message: /connection was lost/ },
	{ name: 'an empty body', fault: { kind: 'empty' }, ran: true, message: /blank response/ },
	{ name: 'truncated JSON', fault: { kind: 'malformed' }, ran: true, message: /unreadable/ },
	{ name: 'an HTML error page (502)', fault: HTML_502, ran: true, message: /HTTP 502/ },
];

/** The run numbers SmartConnect gave each successful result must be the ones it recorded for those items. */
function expectRunNumbers(runCase: RunCase, input: IDataObject[], results: Array<{ items: number[]; runNumber: unknown }>): void {
	for (const result of results) {
		if (!runCase.signature || !runCase.recorded) continue;
		const signature = runCase.signature(input, result.items);
		const records = simulator.runs.filter((record) => runCase.recorded?.(record) === signature);
		expect(records).toHaveLength(1);
		expect(result.runNumber).toBe(records[0].runNumber);
	}
}

describe('runs are never sent twice, and nothing is lost', () => {
	describe.each(RUNS)('$name', (runCase) => {
		const failedRun = 1;
		/**
		 * The run's parameters with Options › Check Run History After a Failure off: these cases prove
		 * the run path itself (what may have run stays unknown); settle-runs.test.ts covers the check.
		 */
		const parameters = (extra: IDataObject): IDataObject => {
			const built = runCase.parameters(extra);
			return { ...built, options: { checkRunHistory: false, ...(built.options as IDataObject | undefined) } };
		};

		function inject(fault: RunFault): void {
			// The first run passes; the fault answers the second.
			simulator.inject({ endpoint: runCase.endpoint, fault: { kind: 'delay', ms: 0 }, times: 1 });
			simulator.inject({ endpoint: runCase.endpoint, fault: fault.fault, times: 1, ...(fault.afterAction === undefined ? {} : { afterAction: fault.afterAction }) });
		}

		it.each(RUN_FAULTS.filter((fault) => !fault.slow || runCase.slowWhenStopping))('$name on run 2, stopping: not resent; the ledger says what ran, what failed, what was not sent', async (fault) => {
			const input = runCase.input();
			inject(fault);
			const result = await run(demoCredentials(simulator), {
				parameters: parameters({ options: fault.slow ? { timeout: SLOW_TIMEOUT_S } : {} }),
			}, input);
			const error = errorOf(result);
			expect(error.message).toMatch(fault.message);
			// The map may have run (or not): the node must not claim either, nor send it again.
			expect(error.description).toMatch(/not sent again|may have run|outcome is unknown/);
			// Sent once each, never again: run 1, then the failed run 2; run 3 is never sent.
			expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(2);
			expect(mockSleeps).toEqual([]);
			expect(simulator.runs).toHaveLength(fault.ran ? 2 : 1);
			expectNothingTwice(simulator.runs);
			const ledger = readLedger(error.description ?? '');
			expectLedgerPartition(ledger, input.length);
			expect(ledger.completed.map((done) => done.items)).toEqual([runCase.runs[0]]);
			expect(ledger.completed[0].runNumber).toBe(simulator.runs[0].runNumber);
			expect(ledger.carried).toEqual(runCase.runs[failedRun]);
			expect(ledger.notSent).toEqual(runCase.runs.slice(failedRun + 1).flat());
		});

		it.each(RUN_FAULTS)('$name on run 2, error output: failed items routed with their pairedItem, the other runs reported', async (fault) => {
			const input = runCase.input();
			inject(fault);
			const result = await run(demoCredentials(simulator), {
				parameters: parameters({ options: fault.slow ? { timeout: SLOW_TIMEOUT_S } : {} }),
				onError: 'continueErrorOutput',
			}, input);
			expect(result.error).toBeUndefined();
			expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(3);
			expect(mockSleeps).toEqual([]);
			expect(simulator.runs).toHaveLength(fault.ran ? 3 : 2);
			expectNothingTwice(simulator.runs);
			const { inRun, notInRun } = expectOutputPartition(result, input.length);
			expect([...notInRun.keys()].sort()).toEqual(runCase.runs[failedRun]);
			for (const error of notInRun.values()) {
				// The request reached SmartConnect: whether the map ran is unknown.
				expect(error.sent).toBe('unknown');
			}
			const errors = result.output('SmartConnect', 1);
			expect(errors.map((item) => item.json.message)).toEqual(runCase.runs[failedRun].map(() => expect.stringMatching(fault.message)));
			const byRun = new Map<unknown, number[]>();
			for (const [index, runNumber] of inRun) byRun.set(runNumber, [...(byRun.get(runNumber) ?? []), index]);
			expect([...byRun.values()]).toEqual([runCase.runs[0], runCase.runs[2]]);
			expectRunNumbers(runCase, input, [...byRun].map(([runNumber, items]) => ({ items, runNumber })));
			expect([...inRun.keys()].sort()).toEqual([...runCase.runs[0], ...runCase.runs[2]].sort());
		});

		it.each(['http401', 'body200'] as const)(
			'a token rejected (%s) before run 2 is renewed once and run 2 sent once',
			async (as) => {
				const input = runCase.input();
				simulator.inject({ endpoint: runCase.endpoint, fault: { kind: 'delay', ms: 0 }, times: 1 });
				simulator.inject({ endpoint: runCase.endpoint, fault: { kind: 'tokenRejected', as }, times: 1 });
				const result = await run(demoCredentials(simulator), { parameters: parameters({}), onError: 'continueErrorOutput' }, input);
				expect(result.error).toBeUndefined();
				expect(simulator.count('gettoken')).toBe(2);
				expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(4);
				expect(simulator.runs).toHaveLength(3);
				expectNothingTwice(simulator.runs);
				const { inRun, notInRun } = expectOutputPartition(result, input.length);
				expect(notInRun.size).toBe(0);
				expect(inRun.size).toBe(input.length);
			},
		);

		it('a blank answer for an unknown map: nothing ran, not resent; stopping, the ledger names every item', async () => {
			const input = runCase.input();
			const result = await run(demoCredentials(simulator), { parameters: parameters({ map: byKey(UNKNOWN_MAP_KEY) }) }, input);
			const error = errorOf(result);
			expect(error.message).toMatch(/returned a blank response/);
			expect(error.description).toMatch(/map key is unknown/);
			expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(1);
			expect(simulator.runs).toHaveLength(0);
			const ledger = readLedger(error.description ?? '');
			expectLedgerPartition(ledger, input.length);
			expect(ledger.completed).toEqual([]);
			expect(ledger.carried).toEqual(runCase.runs[0]);
		});

		it('a blank answer for an unknown map, error output: every item routed, each run sent once', async () => {
			const input = runCase.input();
			const result = await run(
				demoCredentials(simulator),
				{ parameters: parameters({ map: byKey(UNKNOWN_MAP_KEY) }), onError: 'continueErrorOutput' },
				input,
			);
			expect(result.error).toBeUndefined();
			expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(runCase.runs.length);
			expect(simulator.runs).toHaveLength(0);
			const { notInRun } = expectOutputPartition(result, input.length);
			expect(notInRun.size).toBe(input.length);
		});

		it('connection refused before run 2: retried (nothing was sent), then every run sent exactly once', async () => {
			const gate = await openGate();
			const input = runCase.input();
			let answered = 0;
			gate.beforeResponse = (endpoint) => {
				if (endpoint === runCase.endpoint && ++answered === 1) gate.close();
			};
			onSleep.next = async () => await gate.open();
			const result = await run(
				demoCredentials(simulator, { apiUrl: gate.apiUrl }),
				{ parameters: parameters({ options: { retries: 2 } }), onError: 'continueErrorOutput' },
				input,
			);
			expect(result.error).toBeUndefined();
			expect(mockSleeps).toHaveLength(1);
			expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(3);
			expect(simulator.runs).toHaveLength(3);
			expectNothingTwice(simulator.runs);
			const { inRun } = expectOutputPartition(result, input.length);
			expect(inRun.size).toBe(input.length);
		});

		it('connection refused from run 2 on, stopping: the ledger says run 1 completed and the rest was not sent', async () => {
			const gate = await openGate();
			const input = runCase.input();
			gate.beforeResponse = (endpoint) => {
				if (endpoint === runCase.endpoint) gate.close();
			};
			const result = await run(demoCredentials(simulator, { apiUrl: gate.apiUrl }), { parameters: parameters({ options: { retries: 1 } }) }, input);
			const error = errorOf(result);
			expect(error.message).toMatch(/could not connect/);
			expect(mockSleeps).toHaveLength(1);
			expect(requestsTo(runCase.endpoint).map((entry) => entry.status)).toHaveLength(1);
			expect(simulator.runs).toHaveLength(1);
			const ledger = readLedger(error.description ?? '');
			expectLedgerPartition(ledger, input.length);
			expect(ledger.completed.map((done) => done.items)).toEqual([runCase.runs[0]]);
		});

		it('connection refused from run 2 on, error output: the unsent items are reported as not sent', async () => {
			const gate = await openGate();
			const input = runCase.input();
			gate.beforeResponse = (endpoint) => {
				if (endpoint === runCase.endpoint) gate.close();
			};
			const result = await run(
				demoCredentials(simulator, { apiUrl: gate.apiUrl }),
				{ parameters: parameters({ options: { retries: 1 } }), onError: 'continueErrorOutput' },
				input,
			);
			expect(result.error).toBeUndefined();
			expect(simulator.runs).toHaveLength(1);
			const { inRun, notInRun } = expectOutputPartition(result, input.length);
			expect([...inRun.keys()]).toEqual(runCase.runs[0]);
			expect([...notInRun.keys()].sort()).toEqual(runCase.runs.slice(1).flat());
			// ECONNREFUSED proves the request never reached SmartConnect.
			expect([...notInRun.values()].map((error) => error.sent)).toEqual(runCase.runs.slice(1).flat().map(() => false));
		});
	});
});

describe('a token revoked between two chunks of a large run', () => {
	it.each(['http401', 'body200'] as const)(
		'(%s) 1,000 items in runs of 250: one new login, every chunk sent exactly once, every item reported',
		async (as) => {
			simulator.setOptions({ invalidTokenResponse: as });
			let revoked = 0;
			simulator.setOptions({
				onLog: (entry) => {
					// After the first and the third chunk ran.
					if (entry.endpoint === 'runmapdatatablewitherrors' && entry.status === 200 && [1, 3].includes(++revoked)) simulator.revokeTokens();
				},
			});
			const input = uniqueRows(1000);
			const helper = demoCredentials(simulator);
			const result = await run(
				helper,
				{
					parameters: { resource: 'mapRun', operation: 'runWithDataTable', map: byKey(MAP_KEYS.importCustomers), options: { rowsPerRun: 250, checkRunHistory: false } },
					onError: 'continueErrorOutput',
				},
				input,
			);
			expect(result.error).toBeUndefined();
			expect(simulator.count('gettoken')).toBe(3);
			expect(requestsTo('runmapdatatablewitherrors').map((entry) => entry.status)).toHaveLength(6);
			expect(simulator.runs.map((record) => record.rows)).toEqual([0, 250, 500, 750].map((start) => input.slice(start, start + 250)));
			expectNothingTwice(simulator.runs);
			const { inRun, notInRun } = expectOutputPartition(result, input.length);
			expect(inRun.size).toBe(1000);
			expect(notInRun.size).toBe(0);
			expect([...new Set(inRun.values())]).toEqual(simulator.runs.map((record) => record.runNumber));
		},
	);

	it('stopping, when the new login fails after chunk 1: the ledger has chunk 1 as completed and the rest as not sent', async () => {
		let revoked = false;
		simulator.setOptions({
			onLog: (entry) => {
				if (!revoked && entry.endpoint === 'runmapdatatablewitherrors') {
					revoked = true;
					simulator.revokeTokens();
					simulator.inject({ endpoint: 'gettoken', fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }, times: Infinity });
				}
			},
		});
		const input = uniqueRows(1000);
		const result = await run(demoCredentials(simulator), {
			parameters: { resource: 'mapRun', operation: 'runWithDataTable', map: byKey(MAP_KEYS.importCustomers), options: { rowsPerRun: 250, retries: 1, checkRunHistory: false } },
		}, input);
		const error = errorOf(result);
		expect(error.message).toMatch(/could not log in/);
		expect(simulator.runs).toHaveLength(1);
		const ledger = readLedger(error.description ?? '');
		expectLedgerPartition(ledger, input.length);
		expect(ledger.completed).toEqual([{ runNumber: simulator.runs[0].runNumber, items: input.slice(0, 250).map((_, i) => i) }]);
	});
});

// ------------------------------------------------------------------------------------------ across the file

describe('across every fault case of this file', () => {
	it('no map received the same rows (or the same variables) twice', () => {
		expect(allRuns.length).toBeGreaterThan(100);
		expectNothingTwice(allRuns);
	});

	it('no password form and no token appeared in any output, error, hint or log line', () => {
		watch.harvest();
		expect(watch.counts.runs).toBeGreaterThan(100);
		expect(watch.counts.logLines).toBeGreaterThan(0);
		expect(watch.counts.secrets).toBeGreaterThan(3);
		expect(watch.leaks).toEqual([]);
	});
});
