/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Map Run operations through n8n's real engine against the simulator: the exact bodies sent,
 * the runs SmartConnect recorded, and what the node outputs (results, pairing, error routing).
 */
import { runInNewContext } from 'node:vm';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator } from '../simulator';
import { errorsTableXml } from '../simulator/xml';
import { demoCredentials } from '../helpers/credentials';
import { useSimulator } from '../helpers/simulator-suite';
import { runNode, runWorkflow, smartConnectNode, standInDescription, TestNodeTypes, type NodeSpec } from '../helpers/engine';

const sim = useSimulator();
// Each test reads the running simulator through this getter.
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });
const customers = [
	{ accountnumber: 'C1', name: 'Alpha & Co' },
	{ accountnumber: 'C2', name: 'Beta <Ltd>' },
	{ accountnumber: 'C3', name: 'Gamma' },
];

function dataTable(extra: IDataObject = {}): IDataObject {
	return { resource: 'mapRun', operation: 'runWithDataTable', map: byKey(MAP_KEYS.importCustomers), ...extra };
}

function runRequests() {
	return simulator.log.filter((entry) => /^(runmap|runmapwithvariables|runmapdatatable|runmapdatatablewitherrors|runmapxml)$/.test(entry.endpoint));
}

async function run(spec: NodeSpec, input: IDataObject[] = [{}]) {
	return await runNode(demoCredentials(simulator), spec, input);
}

describe('Run With Data Table', () => {
	it('sends all items as one data table, one run; one output item per input item, paired 1:1', async () => {
		const result = await run({ parameters: dataTable() }, customers);
		expect(result.error).toBeUndefined();
		const [request] = runRequests();
		expect(runRequests()).toHaveLength(1);
		expect(request.endpoint).toBe('runmapdatatablewitherrors');
		expect(request.query.mapKey ?? request.query.mapkey).toBe(MAP_KEYS.importCustomers);
		expect(request.headers['content-type']).toBe('text/xml');
		expect(request.body).toBe(
			'<RequestData><Table><accountnumber>C1</accountnumber><name>Alpha &amp; Co</name></Table>' +
				'<Table><accountnumber>C2</accountnumber><name>Beta &lt;Ltd&gt;</name></Table>' +
				'<Table><accountnumber>C3</accountnumber><name>Gamma</name></Table></RequestData>',
		);
		const recorded = simulator.runs[simulator.runs.length - 1];
		expect(recorded.rows).toEqual(customers);
		const output = result.output();
		expect(output.map((item) => item.json)).toEqual(
			customers.map((row) => ({
				...row,
				smartConnect: { status: 'success', runNumber: recorded.runNumber, mapKey: MAP_KEYS.importCustomers, sent: true },
			})),
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('uses runmapdatatable when Return Validation Errors is off', async () => {
		const result = await run({ parameters: dataTable({ options: { returnValidationErrors: false } }) }, customers);
		expect(result.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.endpoint)).toEqual(['runmapdatatable']);
	});

	it('splits the input into runs of Rows per Run, each reported with its items', async () => {
		const input = [...customers, { accountnumber: 'C4', name: 'Delta' }, { accountnumber: 'C5', name: 'Epsilon' }];
		const result = await run({ parameters: dataTable({ options: { rowsPerRun: 2 } }) }, input);
		expect(result.error).toBeUndefined();
		expect(runRequests()).toHaveLength(3);
		const numbers = result.output().map((item) => (item.json.smartConnect as IDataObject).runNumber as number);
		expect(numbers).toEqual([numbers[0], numbers[0], numbers[0] + 1, numbers[0] + 1, numbers[0] + 2]);
		const summary = await run({ parameters: dataTable({ options: { rowsPerRun: 2, output: 'summary' } }) }, input);
		expect(summary.output().map((item) => item.json.inputItems)).toEqual([[0, 1], [2, 3], [4]]);
		expect(simulator.runs.slice(-3).map((recorded) => recorded.rows.length)).toEqual([2, 2, 1]);
	});

	it('runs once per item when asked', async () => {
		const result = await run({ parameters: dataTable({ batching: 'perItem' }) }, customers);
		expect(result.error).toBeUndefined();
		expect(runRequests()).toHaveLength(3);
		expect(result.output().map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const numbers = result.output().map((item) => (item.json.smartConnect as IDataObject).runNumber as number);
		expect(new Set(numbers).size).toBe(3);
		expect(simulator.runs.slice(-3).map((recorded) => recorded.rows)).toEqual(customers.map((row) => [row]));
	});

	it('maps each column below from expressions', async () => {
		const parameters = dataTable({
			columns: {
				mappingMode: 'defineBelow',
				value: { accountnumber: '={{ $json.id }}', name: '={{ $json.company.toUpperCase() }}', email: null },
			},
		});
		const result = await run({ parameters }, [
			{ id: 'K1', company: 'kilo', ignored: 'x' },
			{ id: 'K2', company: 'lima', ignored: 'y' },
		]);
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toBe(
			'<RequestData><Table><accountnumber>K1</accountnumber><name>KILO</name></Table><Table><accountnumber>K2</accountnumber><name>LIMA</name></Table></RequestData>',
		);
	});

	it('sends global variables in the <Variables>/<Xml> layout', async () => {
		const parameters = dataTable({ options: { variables: { variable: [{ name: 'GBL_BATCH', value: 'N8N-01' }] } } });
		const result = await run({ parameters }, customers.slice(0, 1));
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toMatch(
			/^<RequestData><Variables><ArrayOfVariableOfstringstring [^>]+><VariableOfstringstring><Key>GBL_BATCH<\/Key><Value>N8N-01<\/Value><\/VariableOfstringstring><\/ArrayOfVariableOfstringstring><\/Variables><Xml><Table><accountnumber>C1<\/accountnumber><name>Alpha &amp; Co<\/name><\/Table><\/Xml><\/RequestData>$/,
		);
		expect(simulator.runs[simulator.runs.length - 1].variables).toEqual([{ Key: 'GBL_BATCH', Value: 'N8N-01' }]);
	});

	it('Map Automatically: fields that are not columns of the map get a hint naming them (GetMapColumns)', async () => {
		const result = await run({ parameters: dataTable() }, [{ accountnumber: 'C1', name: 'A', emial: 'typo@example.com', Phone: '1' }]);
		expect(result.error).toBeUndefined();
		// The run history is read just before the run (Options › Check Run History After a Failure).
		expect(simulator.log.map((entry) => entry.endpoint)).toEqual(['gettoken', 'getmapcolumns', 'gethistoryforprocess', 'runmapdatatablewitherrors']);
		const hints = result.run.data.resultData.runData.SmartConnect[0].hints ?? [];
		expect(hints.filter((hint) => hint.type === 'warning').map((hint) => hint.message)).toEqual([
			'Field "emial" is not a column of the map\'s data source (GetMapColumns). Check the spelling, or choose Columns › Map Each Column Manually.',
		]);
		// Mapped below, the columns come from the map itself: no check, no extra request.
		simulator.clearLog();
		await run({ parameters: dataTable({ columns: { mappingMode: 'defineBelow', value: { accountnumber: '={{ $json.accountnumber }}' } } }) }, customers);
		expect(simulator.log.map((entry) => entry.endpoint)).toEqual(['gettoken', 'gethistoryforprocess', 'runmapdatatablewitherrors']);
	});

	it('reads items made in another realm or behind a proxy (n8n 1.x Code node items) once, for the row and the output alike', async () => {
		// n8n 1.x runs Code nodes in a vm2 sandbox: their items reach the node as proxies of objects
		// from another realm. Here: objects from another vm context, and one behind a counting proxy.
		const foreign = runInNewContext('[{ accountnumber: "C1", name: "Alpha & Co" }, { accountnumber: "C2", name: undefined }]') as IDataObject[];
		const reads: string[] = [];
		// Like vm2's proxies, this one reports the host's Object.prototype.
		const proxied = new Proxy({ accountnumber: 'C3', name: null, city: 'Oslo' } as IDataObject, {
			ownKeys(target) {
				reads.push('ownKeys');
				return Reflect.ownKeys(target);
			},
		});
		// Rows 2 and 3 lack the required name: SmartConnect rejects them, which is not what this test is about.
		const result = await run({ parameters: dataTable({ options: { stopOnRejectedRows: false } }) }, [...foreign, proxied]);
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toBe(
			'<RequestData><Table><accountnumber>C1</accountnumber><name>Alpha &amp; Co</name></Table>' +
				'<Table><accountnumber>C2</accountnumber></Table>' +
				'<Table><accountnumber>C3</accountnumber><city>Oslo</city></Table></RequestData>',
		);
		// One key listing: the row read for the data table is also what the output item hands on.
		expect(reads).toEqual(['ownKeys']);
		// The output items hand on every field of the input items, and `smartConnect` last.
		const output = result.output();
		expect(output.map((item) => Object.keys(item.json))).toEqual([
			['accountnumber', 'name', 'smartConnect'],
			['accountnumber', 'name', 'smartConnect'],
			['accountnumber', 'name', 'city', 'smartConnect'],
		]);
		expect(output.map(({ json }) => Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'smartConnect')))).toEqual([
			{ accountnumber: 'C1', name: 'Alpha & Co' },
			{ accountnumber: 'C2', name: undefined },
			{ accountnumber: 'C3', name: null, city: 'Oslo' },
		]);
	});

	it('encodes column names that are not XML names, and SmartConnect gets the original back', async () => {
		const parameters = dataTable({ map: byKey(MAP_KEYS.customersByCounty) });
		const row = { No: 'N1', Name: 'Name', County: 'GA', 'Account No': 'A-1', '1st Contact': 'x' };
		const result = await run({ parameters }, [row]);
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toContain('<Account_x0020_No>A-1</Account_x0020_No><_x0031_st_x0020_Contact>x</_x0031_st_x0020_Contact>');
		expect(simulator.runs[simulator.runs.length - 1].rows).toEqual([row]);
	});
});

describe('rows SmartConnect rejects', () => {
	const withMissingName = [customers[0], { accountnumber: 'C9' }, customers[2]];

	it('stop the node by default, naming the item and SmartConnect\'s message', async () => {
		const result = await run({ parameters: dataTable() }, withMissingName);
		expect(result.run.status).toBe('error');
		expect(result.error?.message).toMatch(/^Map IMPORT CUSTOMERS run \d+ rejected 1 row\(s\): item 2: .*name is required/);
		expect(result.error?.description).toMatch(/Completed: run \d+ \(failed\) with items 1–3\./);
		expect(runRequests()).toHaveLength(1);
	});

	it('stay in the output, in input order, with status failed, when Stop on Rejected Rows is off', async () => {
		const result = await run({ parameters: dataTable({ options: { stopOnRejectedRows: false } }) }, withMissingName);
		expect(result.error).toBeUndefined();
		const runNumber = simulator.runs[simulator.runs.length - 1].runNumber;
		const ok = { status: 'success', runNumber, mapKey: MAP_KEYS.importCustomers, sent: true };
		expect(result.output().map((item) => item.json)).toEqual([
			{ ...customers[0], smartConnect: ok },
			{ accountnumber: 'C9', smartConnect: { ...ok, status: 'failed', error: expect.stringMatching(/name is required/) } },
			{ ...customers[2], smartConnect: ok },
		]);
	});

	it('are in the run summary with the input items they match', async () => {
		const result = await run({ parameters: dataTable({ options: { stopOnRejectedRows: false, output: 'summary' } }) }, withMissingName);
		const [json] = result.output().map((item) => item.json);
		expect(result.output()).toHaveLength(1);
		expect(json).toMatchObject({ status: 'failed', errorCount: 1, errorMessage: 'Document was not sent due to document errors.', inputItems: [0, 1, 2], rowsSent: 3 });
		// The Errors DataTable lists every column of the map; the ones the row lacked are null (DBNull).
		expect(json.failedRows).toEqual([
			{
				accountnumber: 'C9',
				name: null,
				CustomerID: null,
				email: null,
				phone: null,
				error: expect.stringMatching(/name is required/),
				matchingItems: [1],
			},
		]);
		expect(result.output()[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.run.data.resultData.runData.SmartConnect[0].hints).toEqual(
			expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/cannot pick one of them/) })]),
		);
	});

	/** SmartConnect's answer to the next data-table run: these failed rows, as its Errors table. */
	function answerNextRunWith(failed: Array<{ row: Record<string, string>; message: string }>): void {
		simulator.inject({
			endpoint: 'runmapdatatablewitherrors',
			fault: {
				kind: 'status',
				status: 200,
				body: JSON.stringify({
					Status: 1,
					RunNumber: 77,
					MapKey: MAP_KEYS.importCustomers,
					MapId: 'IMPORT CUSTOMERS',
					RecordCount: 3,
					ErrorCount: failed.length,
					ErrorMessage: 'Document was not sent due to document errors.',
					Errors: errorsTableXml(['accountnumber', 'name'], failed),
				}),
			},
			times: 1,
		});
	}
	const statuses = (output: Array<{ json: IDataObject }>) =>
		output.map((item) => [(item.json.smartConnect as IDataObject).status, (item.json.smartConnect as IDataObject).error]);
	const hintsOf = (result: Awaited<ReturnType<typeof run>>) =>
		(result.run.data.resultData.runData.SmartConnect[0].hints ?? []).filter((hint) => hint.type === 'warning');

	it('mark every input item a failed row matches, and say so when SmartConnect does not tell which', async () => {
		const twin = { accountnumber: 'C9', name: 'Twin' };
		answerNextRunWith([{ row: twin, message: 'duplicate key' }]);
		const result = await run({ parameters: dataTable({ options: { stopOnRejectedRows: false } }) }, [customers[0], twin, { ...twin }]);
		expect(statuses(result.output())).toEqual([
			['success', undefined],
			['failed', 'duplicate key'],
			['failed', 'duplicate key'],
		]);
		expect(hintsOf(result)).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/run 77: SmartConnect rejected 1 of the 2 input items with the same values \(items 2–3\)/) }),
		]);
	});

	it('say so when a failed row matches no input item', async () => {
		answerNextRunWith([
			{ row: customers[1], message: 'duplicate' },
			{ row: { accountnumber: 'ZZZ' }, message: 'unknown row' },
		]);
		const result = await run({ parameters: dataTable({ options: { stopOnRejectedRows: false } }) }, customers);
		expect(result.error).toBeUndefined();
		expect(statuses(result.output())).toEqual([
			['success', undefined],
			['failed', 'duplicate'],
			['success', undefined],
		]);
		expect(hintsOf(result)).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/run 77: 1 failed row\(s\) match no input item.*unknown row/) }),
		]);
	});
});

describe('bad input is refused before anything is sent', () => {
	it.each([
		['a nested object', { accountnumber: 'C2', name: { first: 'x' } }, /^Field "name": .*object.* \[item 2\]$/i],
		['a control character', { accountnumber: 'C2', name: 'bell\u0007' }, /^Field "name": .*U\+0007.* \[item 2\]$/],
		['no fields at all', {}, /^The item has no fields to send as a row \[item 2\]$/],
		['NaN', { accountnumber: 'C2', name: Number.NaN }, /^Field "name".* \[item 2\]$/],
	])('%s', async (_label, bad, message) => {
		const result = await run({ parameters: dataTable() }, [customers[0], bad as IDataObject, customers[2]]);
		expect(result.run.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(runRequests()).toHaveLength(0);
	});

	it('sends objects as JSON text, and drops control characters, when the options say so', async () => {
		const parameters = dataTable({ options: { nestedValues: 'json', invalidCharacters: 'drop' } });
		const result = await run({ parameters }, [{ accountnumber: 'C1', name: 'bell\u0007', email: { a: [1] } }]);
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toBe(
			'<RequestData><Table><accountnumber>C1</accountnumber><name>bell</name><email>{"a":[1]}</email></Table></RequestData>',
		);
	});

	it('with Continue On Fail, sets the bad item aside and sends the rest', async () => {
		const result = await run({ parameters: dataTable(), continueOnFail: true }, [customers[0], { accountnumber: 'C2', name: { x: 1 } }, customers[2]]);
		expect(result.error).toBeUndefined();
		expect(simulator.runs[simulator.runs.length - 1].rows).toEqual([customers[0], customers[2]]);
		const output = result.output();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({
			accountnumber: 'C2',
			name: { x: 1 },
			smartConnect: { status: 'not sent', runNumber: null, mapKey: null, sent: false, error: expect.stringMatching(/^Field "name": .* \[item 2\]$/) },
		});
		expect(output.map((item) => (item.json.smartConnect as IDataObject).status)).toEqual(['success', 'not sent', 'success']);
	});

	it('refuses items that resolve to different maps in one batch, and runs them apart per item', async () => {
		const parameters = dataTable({ map: byKey('={{ $json.key }}') });
		const input = [
			{ key: MAP_KEYS.importCustomers, accountnumber: 'C1', name: 'A' },
			{ key: MAP_KEYS.purchaseJournal, DocumentNo: 'D1', PostingDate: '1/1/2026', Amount: 5 },
		];
		const batch = await run({ parameters }, input);
		expect(batch.error?.message).toMatch(/^Parameter 'Map' gives a different map .* \[item 2\]$/);
		expect(runRequests()).toHaveLength(0);
		const perItem = await run({ parameters: { ...parameters, batching: 'perItem' } }, input);
		expect(perItem.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.query.mapKey ?? entry.query.mapkey)).toEqual([MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal]);
	});

	// The node's own check, not a `validation` regex n8n would run in a VM with a 250 ms limit.
	it('refuses a map key that is not a GUID, given literally or from an expression, naming the item and the field', async () => {
		const literal = await run({ parameters: dataTable({ map: byKey('IMPORT CUSTOMERS') }) }, customers);
		expect(literal.error?.message).toMatch(/The map key "IMPORT CUSTOMERS" is not a GUID \[item 1\]/);
		expect(literal.error?.description).toMatch(/^Parameter 'Map': /);
		const result = await run({ parameters: dataTable({ map: byKey('={{ $json.mapName }}') }) }, [{ mapName: 'IMPORT CUSTOMERS', ...customers[0] }]);
		expect(result.error?.message).toBe('The map key "IMPORT CUSTOMERS" is not a GUID [item 1]');
		expect(simulator.log).toHaveLength(0);
	});
});

describe('Run, Run With Variables, Run With XML', () => {
	it('runs the map on its own source once per item', async () => {
		const result = await run({ parameters: { resource: 'mapRun', operation: 'run', map: byKey(MAP_KEYS.importCustomers) } }, [{}, {}]);
		expect(result.error).toBeUndefined();
		expect(runRequests().map((entry) => [entry.endpoint, entry.body])).toEqual([
			['runmap', ''],
			['runmap', ''],
		]);
		expect(result.output().map((item) => [(item.json.smartConnect as IDataObject).status, item.pairedItem])).toEqual([
			['success', { item: 0 }],
			['success', { item: 1 }],
		]);
	});

	it('sends global variables as [{"Key","Value"}] JSON', async () => {
		const parameters = {
			resource: 'mapRun',
			operation: 'runWithVariables',
			map: byKey(MAP_KEYS.nightlyFtpImport),
			specifyVariables: 'json',
			variablesJson: '={{ JSON.stringify({ GBL_FILE_NAME: $json.file }) }}',
		};
		const result = await run({ parameters }, [{ file: 'in/2026-11-28.csv' }]);
		expect(result.error).toBeUndefined();
		const [request] = runRequests();
		expect(request.endpoint).toBe('runmapwithvariables');
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual([{ Key: 'GBL_FILE_NAME', Value: 'in/2026-11-28.csv' }]);
		expect(result.output()[0].json).toEqual({
			file: 'in/2026-11-28.csv',
			smartConnect: { status: 'success', runNumber: simulator.runs[simulator.runs.length - 1].runNumber, mapKey: MAP_KEYS.nightlyFtpImport, sent: true },
		});
	});

	it('builds an escaped DataSet from the items for runmapxml', async () => {
		const parameters = {
			resource: 'mapRun',
			operation: 'runWithXml',
			map: byKey(MAP_KEYS.importCustomers),
			options: { rootElement: 'Customers', rowElement: 'Customer' },
		};
		const result = await run({ parameters }, customers.slice(0, 2));
		expect(result.error).toBeUndefined();
		const [request] = runRequests();
		expect(request.endpoint).toBe('runmapxml');
		expect(request.body).toBe(
			'<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Variables/><Xml>' +
				'&lt;Customers&gt;&lt;Customer&gt;&lt;accountnumber&gt;C1&lt;/accountnumber&gt;&lt;name&gt;Alpha &amp;amp; Co&lt;/name&gt;&lt;/Customer&gt;' +
				'&lt;Customer&gt;&lt;accountnumber&gt;C2&lt;/accountnumber&gt;&lt;name&gt;Beta &amp;lt;Ltd&amp;gt;&lt;/name&gt;&lt;/Customer&gt;&lt;/Customers&gt;' +
				'</Xml></RequestData>',
		);
		expect(simulator.runs[simulator.runs.length - 1].rows).toEqual(customers.slice(0, 2));
	});

	it('sends XML given in a field once it is well-formed, and refuses it otherwise', async () => {
		const parameters = { resource: 'mapRun', operation: 'runWithXml', map: byKey(MAP_KEYS.importCustomers), xmlSource: 'field', xml: '={{ $json.xml }}' };
		const good = await run({ parameters }, [{ xml: '<DataSet><Table><accountnumber>X1</accountnumber><name>X</name></Table></DataSet>' }]);
		expect(good.error).toBeUndefined();
		expect(simulator.runs[simulator.runs.length - 1].rows).toEqual([{ accountnumber: 'X1', name: 'X' }]);
		simulator.clearLog();
		const bad = await run({ parameters }, [{ xml: '<DataSet><Table></DataSet>' }]);
		expect(bad.error?.message).toMatch(/^Parameter 'XML Document' is not well-formed XML: .*line 1, column \d+ \[item 1\]$/);
		expect(runRequests()).toHaveLength(0);
	});
});

describe('runs are never sent twice', () => {
	it('does not retry a run after HTTP 500, and says what ran and what was not sent', async () => {
		// Without the run history check (settle-runs.test.ts covers it): what may have run stays unknown.
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 500 }, times: 1 });
		const first = await run({ parameters: dataTable({ options: { rowsPerRun: 1, checkRunHistory: false } }) }, [customers[0]]);
		expect(first.error?.message).toMatch(/HTTP 500/);
		simulator.clearLog();
		// Second chunk fails: the first run is reported as completed, the third as not sent.
		await run({ parameters: dataTable({ options: { rowsPerRun: 1, retries: 3, checkRunHistory: false } }) }, [customers[0]]);
		simulator.clearLog();
		const counts: number[] = [];
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 200, body: '{"Status":0,"RunNumber":1}' }, times: 1 });
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 502 }, times: 1 });
		const result = await run({ parameters: dataTable({ options: { rowsPerRun: 1, retries: 3, checkRunHistory: false } }) }, customers);
		counts.push(runRequests().length);
		expect(counts).toEqual([2]);
		expect(result.error?.message).toMatch(/HTTP 502/);
		expect(result.error?.description).toMatch(/Completed: run 1 \(success\) with item 1\./);
		expect(result.error?.description).toMatch(/This run carried item 2/);
		expect(result.error?.description).toMatch(/Not sent: item 3\./);
	});

	it('renews a token revoked between two runs with one login, and sends each run once', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		simulator.clearLog();
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'tokenRejected', as: 'body200' }, times: 1 });
		const result = await runNode(helper, { parameters: dataTable({ options: { rowsPerRun: 2 } }) }, customers);
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(runRequests()).toHaveLength(3);
		expect(simulator.runs.slice(-2).map((recorded) => recorded.rows.length)).toEqual([2, 1]);
	});
});

// ------------------------------------------------------------------ what the next node gets

/** Edit Fields as users set it after a map run: `value` is an expression evaluated per item by n8n. */
class EditFieldsLike implements INodeType {
	description = standInDescription('Edit Fields', 'editFields', {
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((_, i) => ({ json: { value: this.getNodeParameter('value', i) as string }, pairedItem: { item: i } }))];
	}
}

class NodeTypesWithEditFields extends TestNodeTypes {
	constructor() {
		super();
		this.types['test.editFields'] = new EditFieldsLike();
	}
}

const node = (name: string, type: string, parameters: INode['parameters'] = {}, position = 0): INode => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position: [position, 0],
	parameters,
});
const to = (name: string) => [{ node: name, type: 'main' as const, index: 0 }];

/**
 * Rows → SmartConnect → "Next" (and "On error" on the error output when the node has one), where
 * both read `$('Rows').item.json.<field>`: the expression n8n users write most.
 */
async function runThenNext(spec: NodeSpec, input: IDataObject[], field: string) {
	const value = `={{ $('Rows').item.json.${field} }}`;
	const smartConnect = smartConnectNode(spec);
	const nodes = [
		node('Rows', 'n8n-nodes-base.noOp'),
		smartConnect,
		node('Next', 'test.editFields', { value }, 400),
		node('On error', 'test.editFields', { value: `=${value.slice(1)}: {{ $json.message }}` }, 400),
	];
	const result = await runWorkflow(
		demoCredentials(simulator),
		{
			nodes,
			connections: {
				Rows: { main: [to('SmartConnect')] },
				SmartConnect: { main: spec.onError === 'continueErrorOutput' ? [to('Next'), to('On error')] : [to('Next')] },
			},
		},
		input,
		new NodeTypesWithEditFields(),
	);
	const values = (name: string) => result.output(name).map((item) => item.json.value);
	return { result, next: values('Next'), onError: values('On error') };
}

describe("the next node's $('Rows').item resolves for every item, in input order", () => {
	const names = (rows: IDataObject[]) => rows.map((row) => row.name);
	const rows = [
		{ accountnumber: 'N1', name: 'One' },
		{ accountnumber: 'N2', name: 'Two' },
		{ accountnumber: 'N3', name: 'Three' },
		{ accountnumber: 'N4', name: 'Four' },
		{ accountnumber: 'N5', name: 'Five' },
	];
	const mapKey = byKey(MAP_KEYS.importCustomers);
	const modes: Array<[string, IDataObject, IDataObject[]]> = [
		['Run With Data Table, all items in one run', dataTable(), rows],
		['Run With Data Table, Rows per Run 2', dataTable({ options: { rowsPerRun: 2 } }), rows],
		['Run With Data Table, once per item', dataTable({ batching: 'perItem' }), rows],
		['Run With XML built from the items', { resource: 'mapRun', operation: 'runWithXml', map: mapKey }, rows],
		[
			'Run With XML from a field',
			{ resource: 'mapRun', operation: 'runWithXml', map: mapKey, xmlSource: 'field', xml: '={{ $json.xml }}' },
			rows.map((row) => ({ ...row, xml: `<DataSet><Table><accountnumber>${row.accountnumber}</accountnumber><name>${row.name}</name></Table></DataSet>` })),
		],
		['Run', { resource: 'mapRun', operation: 'run', map: mapKey }, rows],
		[
			'Run With Variables',
			{ resource: 'mapRun', operation: 'runWithVariables', map: byKey(MAP_KEYS.nightlyFtpImport), variables: { variable: [{ name: 'GBL_FILE_NAME', value: '={{ $json.name }}' }] } },
			rows,
		],
	];

	it.each(modes)('%s', async (_label, parameters, input) => {
		const { result, next } = await runThenNext({ parameters }, input, 'name');
		expect(result.error).toBeUndefined();
		expect(next).toEqual(names(input));
		expect(result.output('SmartConnect').map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	});

	it('error output, no row rejected: every item on the main output, none on the error output', async () => {
		const { result, next, onError } = await runThenNext({ parameters: dataTable(), onError: 'continueErrorOutput' }, rows, 'name');
		expect(result.error).toBeUndefined();
		expect(next).toEqual(names(rows));
		expect(onError).toEqual([]);
	});

	it('error output with rejected rows: imported rows on the main output, rejected ones on the error output, each in input order', async () => {
		const input = [rows[0], { accountnumber: 'N2' }, rows[2], { accountnumber: 'N4' }, rows[4]];
		const { result, next, onError } = await runThenNext({ parameters: dataTable(), onError: 'continueErrorOutput' }, input, 'accountnumber');
		expect(result.error).toBeUndefined();
		expect(next).toEqual(['N1', 'N3', 'N5']);
		expect(onError).toEqual([expect.stringMatching(/^N2: .*name is required/), expect.stringMatching(/^N4: .*name is required/)]);
		const runNumber = simulator.runs[simulator.runs.length - 1].runNumber;
		// n8n merges the input item into each error item (n8n 1.x and 2.x alike for {message, error} items).
		expect(result.output('SmartConnect', 1).map((item) => [item.pairedItem, item.json])).toEqual([
			[
				{ item: 1 },
				{
					accountnumber: 'N2',
					message: expect.stringMatching(/name is required/),
					error: { message: expect.stringMatching(/name is required/), status: 'failed', runNumber, mapKey: MAP_KEYS.importCustomers, sent: true },
				},
			],
			[{ item: 3 }, expect.objectContaining({ accountnumber: 'N4' })],
		]);
	});

	it('mixed: an item refused before sending and a row SmartConnect rejected keep their places (Continue On Fail)', async () => {
		const input = [rows[0], { accountnumber: 'N2', name: { nested: true } }, { accountnumber: 'N3' }, rows[3]];
		const { result, next } = await runThenNext({ parameters: dataTable(), onError: 'continueRegularOutput' }, input, 'accountnumber');
		expect(result.error).toBeUndefined();
		expect(next).toEqual(['N1', 'N2', 'N3', 'N4']);
		expect(result.output('SmartConnect').map((item) => (item.json.smartConnect as IDataObject).status)).toEqual([
			'success',
			'not sent',
			'failed',
			'success',
		]);
		expect(simulator.runs[simulator.runs.length - 1].rows).toEqual([rows[0], { accountnumber: 'N3' }, rows[3]]);
	});

	it('Run Summary: one item per run paired to its items, with a hint that .item cannot pick one', async () => {
		const { result } = await runThenNext({ parameters: dataTable({ options: { output: 'summary', rowsPerRun: 3 } }) }, rows, 'name');
		const summaries = result.output('SmartConnect');
		expect(summaries.map((item) => [item.json.status, item.json.inputItems, item.pairedItem])).toEqual([
			['success', [0, 1, 2], [{ item: 0 }, { item: 1 }, { item: 2 }]],
			['success', [3, 4], [{ item: 3 }, { item: 4 }]],
		]);
		expect(result.run.data.resultData.runData.SmartConnect[0].hints).toEqual(
			expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/cannot pick one of them/) })]),
		);
		// What the hint warns about: the next node's .item has several candidates.
		expect(result.error?.message ?? '').toMatch(/[Mm]ultiple matching items|Multiple matches/);
	});
});
