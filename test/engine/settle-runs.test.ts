/**
 * Options › Check Run History After a Failure, through n8n's real engine against the simulator: a
 * map run whose answer was lost after it may have reached SmartConnect is settled from the map's run
 * history (GetHistoryForProcess, read once just before each run request and once after the failure),
 * never sent again. Every case counts the history reads and the runs the simulator recorded.
 *
 * n8n-workflow's `sleep` (the transport's backoff wait) is replaced by a recorder that returns at
 * once, as in faults.test.ts; everything else is real: HTTP, the engine, the simulator.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator, type FaultRule, type RunRecord } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { runNode, type NodeSpec, type RunResult } from '../helpers/engine';
import { Gate } from '../helpers/gate';
import { mockSleeps, resetSleeps } from '../helpers/sleeps';
import { SecretWatch, useWatchedSimulator } from '../helpers/secrets';

jest.mock('n8n-workflow', () => (jest.requireActual('../helpers/sleeps') as typeof import('../helpers/sleeps')).workflowWithRecordedSleeps());

const watch = new SecretWatch();
const sim = useWatchedSimulator(watch);
let simulator: SmartConnectSimulator;
beforeAll(() => {
	simulator = sim();
});

beforeEach(() => {
	simulator.setOptions({ onLog: () => undefined });
	resetSleeps();
});

const gates: Gate[] = [];
afterEach(async () => {
	watch.harvest();
	await Promise.all(gates.splice(0).map(async (gate) => await gate.dispose()));
});

const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });

let serial = 0;
/** Rows of IMPORT CUSTOMERS with both required columns. */
const customerRows = (count: number): IDataObject[] =>
	Array.from({ length: count }, () => ({ accountnumber: `S${++serial}`, name: `Settle row ${serial}` }));

/** The node's Timeout in the slow-answer cases; the simulator answers far later (see faults.test.ts). */
const SLOW_TIMEOUT_S = 3;

interface RunOperation {
	name: string;
	endpoint: string;
	parameters: (options: IDataObject) => IDataObject;
	input: () => IDataObject[];
	/** Rows each run request carries (RecordCount is checked against them); undefined: none (the map's own source). */
	rows?: number;
}

const OPERATIONS: RunOperation[] = [
	{
		name: 'Run',
		endpoint: 'runmap',
		parameters: (options) => ({ resource: 'mapRun', operation: 'run', map: byKey(MAP_KEYS.importCustomers), options }),
		input: () => [{}],
	},
	{
		name: 'Run With Variables',
		endpoint: 'runmapwithvariables',
		parameters: (options) => ({
			resource: 'mapRun',
			operation: 'runWithVariables',
			map: byKey(MAP_KEYS.nightlyFtpImport),
			specifyVariables: 'json',
			variablesJson: '={{ JSON.stringify({ GBL_FILE_NAME: $json.file }) }}',
			options,
		}),
		input: () => [{ file: `settle_${++serial}.csv` }],
	},
	{
		name: 'Run With Data Table',
		endpoint: 'runmapdatatablewitherrors',
		parameters: (options) => ({ resource: 'mapRun', operation: 'runWithDataTable', map: byKey(MAP_KEYS.importCustomers), options }),
		input: () => customerRows(2),
		rows: 2,
	},
	{
		name: 'Run With XML',
		endpoint: 'runmapxml',
		parameters: (options) => ({ resource: 'mapRun', operation: 'runWithXml', map: byKey(MAP_KEYS.importCustomers), options }),
		input: () => customerRows(2),
		rows: 2,
	},
];

const HISTORY = 'gethistoryforprocess';

function requestsTo(endpoint: string) {
	return simulator.log.filter((entry) => entry.endpoint === endpoint);
}

/** Runs the simulator recorded for web-service requests (not the ones "other clients" made). */
function ownRuns(): RunRecord[] {
	return simulator.runs.filter((record) => record.endpoint !== 'scheduled');
}

async function run(spec: NodeSpec, input: IDataObject[], apiUrl?: string): Promise<RunResult> {
	const label = expect.getState().currentTestName ?? 'run';
	return await watch.run(label, async () => await runNode(demoCredentials(simulator, apiUrl ? { apiUrl } : {}), spec, input));
}

/** The `smartConnect` status of every output item (main output), or the error item's `error` (error output). */
function statuses(result: RunResult, outputIndex = 0): IDataObject[] {
	return result.output('SmartConnect', outputIndex).map((item) => item.json[outputIndex === 0 ? 'smartConnect' : 'error'] as IDataObject);
}

/** Every input item on the error output with `sent: "unknown"`, `status: "failed"`, no run number and the reason. */
function expectUnknownBecause(result: RunResult, items: number, reason: unknown): void {
	const expected = expect.objectContaining({ status: 'failed', sent: 'unknown', runNumber: null, description: reason });
	expect(statuses(result, 1)).toEqual(Array.from({ length: items }, () => expected));
}

/** The execution hints about runs settled from the history. */
function settledHints(result: RunResult): string[] {
	return (result.run.data.resultData.runData.SmartConnect?.[0]?.hints ?? []).map((hint) => hint.message).filter((message) => /settled from/.test(message));
}

function inject(operation: RunOperation, rule: Omit<FaultRule, 'endpoint'>): void {
	simulator.inject({ endpoint: operation.endpoint, ...rule });
}

describe.each(OPERATIONS)('$name', (operation) => {
	it('a 500 after the map really ran: settled from the run history as sent, with its run number; not sent again', async () => {
		inject(operation, { fault: { kind: 'status', status: 500 } });
		const input = operation.input();
		const result = await run({ parameters: operation.parameters({}) }, input);
		expect(result.error).toBeUndefined();
		expect(requestsTo(operation.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(1);
		expect(requestsTo(HISTORY)).toHaveLength(2);
		const [ran] = ownRuns();
		expect(statuses(result)).toEqual(input.map(() => expect.objectContaining({ status: 'success', sent: true, runNumber: ran.runNumber })));
		expect(settledHints(result)).toEqual([expect.stringMatching(new RegExp(`HTTP 500.*settled from the map's run history: run ${ran.runNumber}, ${ran.recordCount} record`))]);
	});

	it('no answer in time after the map ran: settled as sent; the timeout does not resend it', async () => {
		inject(operation, { fault: { kind: 'delay', ms: 8000 } });
		const input = operation.input();
		const result = await run({ parameters: operation.parameters({ timeout: SLOW_TIMEOUT_S }) }, input);
		expect(result.error).toBeUndefined();
		expect(requestsTo(operation.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(1);
		expect(requestsTo(HISTORY)).toHaveLength(2);
		expect(statuses(result)).toEqual(input.map(() => expect.objectContaining({ status: 'success', sent: true, runNumber: ownRuns()[0].runNumber })));
		expect(settledHints(result)).toEqual([expect.stringMatching(new RegExp(`no answer within ${SLOW_TIMEOUT_S} s.*run ${ownRuns()[0].runNumber}`))]);
	});

	it('a connection reset before the map ran: no new run in the history, so the outcome stays unknown and says why', async () => {
		inject(operation, { fault: { kind: 'reset' }, afterAction: false });
		const input = operation.input();
		const result = await run({ parameters: operation.parameters({}), onError: 'continueErrorOutput' }, input);
		expect(result.error).toBeUndefined();
		expect(requestsTo(operation.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(0);
		expect(requestsTo(HISTORY)).toHaveLength(2);
		expectUnknownBecause(result, input.length, expect.stringMatching(/Run history check: No run (newer than run \d+ \(the newest before sending\) )?is in the map's run history: the map may not have run, or may still be running/));
	});

	it('another client ran the map while the answer was lost: two new runs, so the outcome stays unknown', async () => {
		inject(operation, { fault: { kind: 'status', status: 500 }, foreignRuns: 1 });
		const input = operation.input();
		const result = await run({ parameters: operation.parameters({}) }, input);
		expect(requestsTo(operation.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(1);
		expect(simulator.runs).toHaveLength(2);
		expect(requestsTo(HISTORY)).toHaveLength(2);
		expect(result.error?.message).toMatch(/HTTP 500/);
		const numbers = simulator.runs.map((record) => record.runNumber).sort((a, b) => a - b);
		expect(result.error?.description).toContain(`Run history check: Runs ${numbers.join(', ')} appeared in the map's run history`);
		expect(result.error?.description).toMatch(/outcome is unknown/);
	});

	it('the option off: no history read at all, and the outcome stays unknown as before', async () => {
		inject(operation, { fault: { kind: 'status', status: 500 } });
		const input = operation.input();
		const result = await run({ parameters: operation.parameters({ checkRunHistory: false }), onError: 'continueErrorOutput' }, input);
		expect(requestsTo(HISTORY)).toHaveLength(0);
		expect(requestsTo(operation.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(1);
		expect(statuses(result, 1)).toEqual(input.map(() => expect.objectContaining({ status: 'failed', sent: 'unknown' })));
		expect(statuses(result, 1)[0].description).not.toMatch(/Run history check/);
	});

	it('the history cannot be read after the failure: unknown, with the reason; the read was retried, the run was not', async () => {
		// The read before sending passes; every later one fails.
		simulator.inject({ endpoint: HISTORY, fault: { kind: 'delay', ms: 0 }, times: 1 });
		simulator.inject({ endpoint: HISTORY, fault: { kind: 'status', status: 503 }, times: Infinity });
		inject(operation, { fault: { kind: 'status', status: 500 } });
		const input = operation.input();
		const result = await run({ parameters: operation.parameters({ retries: 2 }), onError: 'continueErrorOutput' }, input);
		expect(requestsTo(operation.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(1);
		// One read before sending, then 1 + Retries after the failure.
		expect(requestsTo(HISTORY)).toHaveLength(1 + 3);
		expect(mockSleeps).toHaveLength(2);
		expectUnknownBecause(result, input.length, expect.stringMatching(/Run history check: The map's run history could not be read after the failure \(.*HTTP 503/));
	});
});

describe('the history read before sending', () => {
	const dataTable = OPERATIONS[2];

	it('is read once per run request, not per item: 5 rows in runs of 2 read it 3 times', async () => {
		const input = customerRows(5);
		const result = await run({ parameters: dataTable.parameters({ rowsPerRun: 2 }) }, input);
		expect(result.error).toBeUndefined();
		expect(requestsTo(dataTable.endpoint)).toHaveLength(3);
		expect(requestsTo(HISTORY)).toHaveLength(3);
		// Each read comes just before its run request.
		const order = simulator.log.filter((entry) => [HISTORY, dataTable.endpoint].includes(entry.endpoint)).map((entry) => entry.endpoint);
		expect(order).toEqual([HISTORY, dataTable.endpoint, HISTORY, dataTable.endpoint, HISTORY, dataTable.endpoint]);
	});

	it('Run Once per Item: one read per item, as each item is a run request', async () => {
		const runOperation = OPERATIONS[0];
		const result = await run({ parameters: runOperation.parameters({}) }, [{}, {}, {}]);
		expect(result.error).toBeUndefined();
		expect(requestsTo(runOperation.endpoint)).toHaveLength(3);
		expect(requestsTo(HISTORY)).toHaveLength(3);
	});

	it('that fails: the run is still sent once; after a 500 the outcome stays unknown, saying there was nothing to compare with', async () => {
		simulator.inject({ endpoint: HISTORY, fault: { kind: 'status', status: 503 }, times: Infinity });
		inject(dataTable, { fault: { kind: 'status', status: 500 } });
		const input = dataTable.input();
		const result = await run({ parameters: dataTable.parameters({ retries: 1 }), onError: 'continueErrorOutput' }, input);
		expect(requestsTo(dataTable.endpoint)).toHaveLength(1);
		expect(ownRuns()).toHaveLength(1);
		// 1 + Retries before sending; none after (there is nothing to compare with).
		expect(requestsTo(HISTORY)).toHaveLength(2);
		expectUnknownBecause(result, input.length, expect.stringMatching(/Run history check: The map's run history could not be read before sending, so there is nothing to compare with/));
	});

	it('a refused connection (nothing sent) stays "not sent": the history is not read again', async () => {
		const gate = new Gate(simulator);
		await gate.open();
		gates.push(gate);
		// The gate stops listening once the read before sending is answered: the run request is refused.
		gate.beforeResponse = (endpoint) => {
			if (endpoint === HISTORY) gate.close();
		};
		const input = dataTable.input();
		const result = await run({ parameters: dataTable.parameters({ retries: 0 }), onError: 'continueErrorOutput' }, input, gate.apiUrl);
		expect(requestsTo(dataTable.endpoint)).toHaveLength(0);
		expect(simulator.runs).toHaveLength(0);
		expect(requestsTo(HISTORY)).toHaveLength(1);
		expect(statuses(result, 1)).toEqual(input.map(() => expect.objectContaining({ status: 'not sent', sent: false })));
		expect(statuses(result, 1)[0].description).not.toMatch(/Run history check/);
	});

	it('a new run whose record count is not the rows sent is not taken for this request\'s run', async () => {
		// Nothing of ours ran (the 500 comes before the run), but another client ran the map on its source rows.
		inject(dataTable, { fault: { kind: 'status', status: 500 }, afterAction: false, foreignRuns: 1 });
		const input = dataTable.input();
		const result = await run({ parameters: dataTable.parameters({}), onError: 'continueErrorOutput' }, input);
		expect(ownRuns()).toHaveLength(0);
		expect(simulator.runs).toHaveLength(1);
		const [foreign] = simulator.runs;
		expect(foreign.recordCount).not.toBe(input.length);
		expectUnknownBecause(result, input.length, expect.stringContaining(
						`Run ${foreign.runNumber} appeared in the map's run history, but with ${foreign.recordCount} record(s) where this request sent ${input.length} row(s)`,
					));
	});

	it('a settled run that reported errors: failed, with its run number, the error count and where to read its rows', async () => {
		inject(dataTable, { fault: { kind: 'status', status: 500 } });
		// The second row lacks the required name: SmartConnect rejects it.
		const input = [{ accountnumber: `S${++serial}`, name: 'Good row' }, { accountnumber: `S${++serial}` }];
		const result = await run({ parameters: dataTable.parameters({ output: 'summary' }), onError: 'continueErrorOutput' }, input);
		expect(ownRuns()).toHaveLength(1);
		const [ran] = ownRuns();
		expect(ran.errorCount).toBe(1);
		const [summary] = result.output('SmartConnect', 0).map((item) => item.json);
		expect(summary).toMatchObject({ status: 'failed', runNumber: ran.runNumber, recordCount: 2, errorCount: 1, inputItems: [0, 1] });
		expect(summary.settledFromRunHistory).toMatch(/HTTP 500.*settled from the map's run history/);
		expect(summary.errorMessage).toMatch(new RegExp(`Map Run › Get Errors reads them for run ${ran.runNumber}`));
	});
});

describe('across this file', () => {
	it('no token and no password form appeared in any output, error, hint or log line', () => {
		watch.harvest();
		expect(watch.leaks).toEqual([]);
	});
});
