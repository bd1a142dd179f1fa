/**
 * Map Run operations through n8n's real engine against the simulator: the exact bodies sent,
 * the runs SmartConnect recorded, and what the node outputs (results, pairing, error routing).
 */
import { runInNewContext } from 'node:vm';

import type { IDataObject, INode } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { useSimulator } from '../helpers/simulator-suite';
import { runNode, runWorkflow, smartConnectNode, type NodeSpec } from '../helpers/engine';

const sim = useSimulator();
// Each test reads the running simulator through this getter.
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

const byKey = (value: string) => ({ __rl: true, mode: 'id', value });
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
	it('sends all items as one data table, one run, the result paired to every item', async () => {
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
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			status: 'success',
			mapKey: MAP_KEYS.importCustomers,
			mapId: 'IMPORT CUSTOMERS',
			description: 'Customers to Business Central',
			runNumber: recorded.runNumber,
			recordCount: 3,
			errorCount: 0,
			errorMessage: '',
			failedRows: [],
			inputItems: [0, 1, 2],
			rowsSent: 3,
		});
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('uses runmapdatatable when Return Validation Errors is off', async () => {
		const result = await run({ parameters: dataTable({ options: { returnValidationErrors: false } }) }, customers);
		expect(result.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.endpoint)).toEqual(['runmapdatatable']);
	});

	it('splits the input into runs of Rows per Run, each reported with its items', async () => {
		const input = [...customers, { accountnumber: 'C4', name: 'Delta' }, { accountnumber: 'C5', name: 'Epsilon' }];
		const result = await run({ parameters: dataTable({ rowsPerRun: 2 }) }, input);
		expect(result.error).toBeUndefined();
		expect(runRequests()).toHaveLength(3);
		const outputs = result.output().map((item) => item.json);
		expect(outputs.map((json) => json.inputItems)).toEqual([[0, 1], [2, 3], [4]]);
		const numbers = outputs.map((json) => json.runNumber as number);
		expect(numbers[1]).toBe(numbers[0] + 1);
		expect(numbers[2]).toBe(numbers[0] + 2);
		expect(simulator.runs.slice(-3).map((recorded) => recorded.rows.length)).toEqual([2, 2, 1]);
	});

	it('runs once per item when asked', async () => {
		const result = await run({ parameters: dataTable({ batching: 'perItem' }) }, customers);
		expect(result.error).toBeUndefined();
		expect(runRequests()).toHaveLength(3);
		expect(result.output().map((item) => item.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }], [{ item: 2 }]]);
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
		const parameters = dataTable({ variables: { variable: [{ name: 'GBL_BATCH', value: 'N8N-01' }] } });
		const result = await run({ parameters }, customers.slice(0, 1));
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toMatch(
			/^<RequestData><Variables><ArrayOfVariableOfstringstring [^>]+><VariableOfstringstring><Key>GBL_BATCH<\/Key><Value>N8N-01<\/Value><\/VariableOfstringstring><\/ArrayOfVariableOfstringstring><\/Variables><Xml><Table><accountnumber>C1<\/accountnumber><name>Alpha &amp; Co<\/name><\/Table><\/Xml><\/RequestData>$/,
		);
		expect(simulator.runs[simulator.runs.length - 1].variables).toEqual([{ Key: 'GBL_BATCH', Value: 'N8N-01' }]);
	});

	it('reads items made in another realm or behind a proxy (n8n 1.x Code node items) field by field, once', async () => {
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
		const result = await run({ parameters: dataTable() }, [...foreign, proxied]);
		expect(result.error).toBeUndefined();
		expect(runRequests()[0].body).toBe(
			'<RequestData><Table><accountnumber>C1</accountnumber><name>Alpha &amp; Co</name></Table>' +
				'<Table><accountnumber>C2</accountnumber></Table>' +
				'<Table><accountnumber>C3</accountnumber><city>Oslo</city></Table></RequestData>',
		);
		expect(reads).toEqual(['ownKeys']);
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

describe('map errors', () => {
	const withMissingName = [customers[0], { accountnumber: 'C9' }, customers[2]];

	it('returns the run result with the failed rows by default', async () => {
		const result = await run({ parameters: dataTable() }, withMissingName);
		expect(result.error).toBeUndefined();
		const [json] = result.output().map((item) => item.json);
		expect(json.status).toBe('failed');
		expect(json.errorCount).toBe(1);
		expect(json.errorMessage).toBe('Document was not sent due to document errors.');
		// The Errors DataTable lists every column of the map; the ones the row lacked are null (DBNull).
		expect(json.failedRows).toEqual([
			{ accountnumber: 'C9', name: null, CustomerID: null, email: null, phone: null, error: expect.stringMatching(/name is required/) },
		]);
	});

	it('stops with an error naming the failed item when On Map Errors is Stop', async () => {
		const result = await run({ parameters: dataTable({ onMapErrors: 'stop' }) }, withMissingName);
		expect(result.run.status).toBe('error');
		expect(result.error?.message).toMatch(/^Map IMPORT CUSTOMERS run \d+ reported 1 error\(s\).*item 1: .*name is required/);
		expect(runRequests()).toHaveLength(1);
	});

	it('routes the failed items to the error output, paired, with Continue (using error output)', async () => {
		// A real upstream node, so n8n can merge each failed input item into its error item.
		const source: INode = { id: 'src', name: 'Rows', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };
		const node: INode = smartConnectNode({ parameters: dataTable({ onMapErrors: 'stop' }), onError: 'continueErrorOutput' });
		const result = await runWorkflow(
			demoCredentials(simulator),
			{ nodes: [source, node], connections: { Rows: { main: [[{ node: 'SmartConnect', type: 'main', index: 0 }]] } } },
			withMissingName,
		);
		expect(result.error).toBeUndefined();
		const main = result.output('SmartConnect', 0);
		const errors = result.output('SmartConnect', 1);
		expect(main).toHaveLength(1);
		expect(main[0].json.status).toBe('failed');
		expect(main[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(errors[0].json).toMatchObject({
			accountnumber: 'C9',
			message: expect.stringMatching(/name is required/),
			error: {
				message: expect.stringMatching(/name is required/),
				sent: true,
				runNumber: main[0].json.runNumber,
				mapKey: MAP_KEYS.importCustomers,
			},
		});
	});

	it('returns SmartConnect\'s raw response when Simplify is off', async () => {
		const result = await run({ parameters: dataTable({ simplify: false }) }, withMissingName);
		const [json] = result.output().map((item) => item.json);
		expect(json).toMatchObject({ Status: 1, ErrorCount: 1, RecordCount: 3, MapId: 'IMPORT CUSTOMERS', inputItems: [0, 1, 2] });
		expect(json.Errors).toMatch(/<EONERUNERRORS>/);
		expect(json.failedRows).toHaveLength(1);
	});
});

describe('bad input is refused before anything is sent', () => {
	it.each([
		['a nested object', { accountnumber: 'C2', name: { first: 'x' } }, /Item 1, field "name": .*object/i],
		['a control character', { accountnumber: 'C2', name: 'bell\u0007' }, /Item 1, field "name": .*U\+0007/],
		['no fields at all', {}, /Item 1 has no fields to send as a row/],
		['NaN', { accountnumber: 'C2', name: Number.NaN }, /Item 1, field "name"/],
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
		const failed = output.find((item) => item.json.error);
		expect(failed?.pairedItem).toEqual({ item: 1 });
		expect(failed?.json).toMatchObject({ message: expect.stringMatching(/Item 1, field "name"/), error: { sent: false } });
		expect(output.find((item) => item.json.status)?.json.inputItems).toEqual([0, 2]);
	});

	it('refuses items that resolve to different maps in one batch, and runs them apart per item', async () => {
		const parameters = dataTable({ map: byKey('={{ $json.key }}') });
		const input = [
			{ key: MAP_KEYS.importCustomers, accountnumber: 'C1', name: 'A' },
			{ key: MAP_KEYS.purchaseJournal, DocumentNo: 'D1', PostingDate: '1/1/2026', Amount: 5 },
		];
		const batch = await run({ parameters }, input);
		expect(batch.error?.message).toMatch(/Item 1: parameter 'Map' gives a different map/);
		expect(runRequests()).toHaveLength(0);
		const perItem = await run({ parameters: { ...parameters, batching: 'perItem' } }, input);
		expect(perItem.error).toBeUndefined();
		expect(runRequests().map((entry) => entry.query.mapKey ?? entry.query.mapkey)).toEqual([MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal]);
	});

	it('refuses a map key that is not a GUID: in the editor, and at run time from an expression', async () => {
		await expect(run({ parameters: dataTable({ map: byKey('IMPORT CUSTOMERS') }) }, customers)).rejects.toThrow(
			/A map key is a GUID/,
		);
		const result = await run({ parameters: dataTable({ map: byKey('={{ $json.mapName }}') }) }, [{ mapName: 'IMPORT CUSTOMERS', ...customers[0] }]);
		expect(result.error?.message).toMatch(/Item 0: the map key "IMPORT CUSTOMERS" is not a GUID/);
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
		expect(result.output().map((item) => [item.json.status, item.json.recordCount, item.pairedItem])).toEqual([
			['success', 3, [{ item: 0 }]],
			['success', 3, [{ item: 1 }]],
		]);
	});

	it('sends global variables as [{"Key","Value"}] JSON', async () => {
		const parameters = {
			resource: 'mapRun',
			operation: 'runWithVariables',
			map: byKey(MAP_KEYS.nightlyFtpImport),
			variablesInput: 'json',
			variablesJson: '={{ JSON.stringify({ GBL_FILE_NAME: $json.file }) }}',
		};
		const result = await run({ parameters }, [{ file: 'in/2026-11-28.csv' }]);
		expect(result.error).toBeUndefined();
		const [request] = runRequests();
		expect(request.endpoint).toBe('runmapwithvariables');
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual([{ Key: 'GBL_FILE_NAME', Value: 'in/2026-11-28.csv' }]);
		expect(result.output()[0].json.status).toBe('success');
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
		expect(bad.error?.message).toMatch(/^Item 0: parameter 'XML' is not well-formed XML: .*line 1, column/);
		expect(runRequests()).toHaveLength(0);
	});
});

describe('runs are never sent twice', () => {
	it('does not retry a run after HTTP 500, and says what ran and what was not sent', async () => {
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 500 }, times: 1 });
		const first = await run({ parameters: dataTable({ rowsPerRun: 1 }) }, [customers[0]]);
		expect(first.error?.message).toMatch(/HTTP 500/);
		simulator.clearLog();
		// Second chunk fails: the first run is reported as completed, the third as not sent.
		await run({ parameters: dataTable({ rowsPerRun: 1, options: { retries: 3 } }) }, [customers[0]]);
		simulator.clearLog();
		const counts: number[] = [];
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 200, body: '{"Status":0,"RunNumber":1}' }, times: 1 });
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'status', status: 502 }, times: 1 });
		const result = await run({ parameters: dataTable({ rowsPerRun: 1, options: { retries: 3 } }) }, customers);
		counts.push(runRequests().length);
		expect(counts).toEqual([2]);
		expect(result.error?.message).toMatch(/HTTP 502/);
		expect(result.error?.description).toMatch(/Completed: run 1 \(success\) with item 0\./);
		expect(result.error?.description).toMatch(/This run carried item 1/);
		expect(result.error?.description).toMatch(/Not sent: item 2\./);
	});

	it('renews a token revoked between two runs with one login, and sends each run once', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		simulator.clearLog();
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'tokenRejected', as: 'body200' }, times: 1 });
		const result = await runNode(helper, { parameters: dataTable({ rowsPerRun: 2 }) }, customers);
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(runRequests()).toHaveLength(3);
		expect(simulator.runs.slice(-2).map((recorded) => recorded.rows.length)).toEqual([2, 1]);
	});
});
