/**
 * The read operations on what SmartConnect did — Map Run › Get Many / Get Errors / Get Outputs,
 * Connection › Get Many, Data Source › Get Many, Map › Get Many by connection or data source,
 * Company › Get Many — through n8n's real engine against the simulator, with the secret watch on:
 * no token (outputUri included) and no password form in any output, error or log line.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SmartConnect } from '../../nodes/SmartConnect/SmartConnect.node';
import { CONNECTION_IDS, DATA_SOURCE_IDS, MAP_KEYS, SmartConnectSimulator, type RequestLogEntry, type SimRow } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { runNode, runWorkflow, smartConnectNode, TestNodeTypes, type NodeSpec, type RunResult, type TestCredentialsHelper } from '../helpers/engine';
import { SecretWatch, useWatchedSimulator, type Leak } from '../helpers/secrets';

const watch = new SecretWatch();
const sim = useWatchedSimulator(watch);
let simulator: SmartConnectSimulator;
beforeAll(() => {
	simulator = sim();
});
afterEach(() => watch.harvest());

const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });
/** importCustomers requires accountnumber and name. */
const failing: SimRow[] = [
	{ accountnumber: 'C1', name: 'Fine' },
	{ accountnumber: 'C9', name: '', email: 'x@example.com' },
	{ accountnumber: '', name: 'No number' },
];

async function run(helper: TestCredentialsHelper, spec: NodeSpec, input: IDataObject[] = [{}]): Promise<RunResult & { leaks: Leak[] }> {
	const before = watch.leaks.length;
	const result = await watch.run(expect.getState().currentTestName ?? 'watch', async () => await runNode(helper, spec, input));
	return Object.assign(result, { leaks: watch.leaks.slice(before) });
}

const json = (result: RunResult) => result.output().map((item) => item.json);
const requestsTo = (endpoint: string): RequestLogEntry[] => simulator.log.filter((entry) => entry.endpoint === endpoint);

function errorOf(result: RunResult): NonNullable<RunResult['error']> {
	if (!result.error) throw new Error(`expected an error, got ${JSON.stringify(json(result))}`);
	return result.error;
}

describe('Map Run › Get Many (run history)', () => {
	const params = (extra: IDataObject = {}) => ({ resource: 'mapRun', operation: 'getMany', map: byKey(MAP_KEYS.importCustomers), ...extra });

	it('lists the 10 kept runs newest first, with status and counts, by one GET after one login', async () => {
		const numbers = Array.from({ length: 12 }, (_, i) => simulator.runScheduled(MAP_KEYS.importCustomers, i % 5 === 0 ? failing : undefined).RunNumber);
		const result = await run(demoCredentials(simulator), { parameters: params() });
		expect(result.error).toBeUndefined();
		const runs = json(result);
		expect(runs.map((r) => r.runNumber)).toEqual(numbers.slice(2).reverse());
		const kept = simulator.historyOf(MAP_KEYS.importCustomers);
		expect(runs).toEqual(
			kept.map((r) => ({
				mapKey: MAP_KEYS.importCustomers,
				mapId: 'IMPORT CUSTOMERS',
				runNumber: r.runNumber,
				runDate: r.runDate,
				status: r.errorCount > 0 ? 'failed' : 'success',
				recordCount: r.recordCount,
				errorCount: r.errorCount,
				errorsSaved: false,
				id: r.id,
			})),
		);
		expect(requestsTo('gethistoryforprocess').map((e) => [e.method, e.query.processId])).toEqual([['GET', MAP_KEYS.importCustomers]]);
		expect(simulator.count('gettoken')).toBe(1);
		expect(result.leaks).toEqual([]);
	});

	it('Failed Runs Only keeps the runs with errors; a map without runs gives no items', async () => {
		simulator.runScheduled(MAP_KEYS.importCustomers, failing);
		simulator.runScheduled(MAP_KEYS.importCustomers);
		const failedRun = simulator.runScheduled(MAP_KEYS.importCustomers, failing);
		const result = await run(demoCredentials(simulator), { parameters: params({ filters: { failedOnly: true } }) });
		expect(json(result).map((r) => [r.runNumber, r.errorCount, r.status])).toEqual([
			[failedRun.RunNumber, 2, 'failed'],
			[failedRun.RunNumber - 2, 2, 'failed'],
		]);
		const empty = await run(demoCredentials(simulator), { parameters: params({ map: byKey(MAP_KEYS.purchaseJournal) }) });
		expect(empty.error).toBeUndefined();
		expect(json(empty)).toEqual([]);
	});

	it('a 503 and a refused token are survived: retried as a read, the login renewed once', async () => {
		simulator.runScheduled(MAP_KEYS.importCustomers);
		const helper = demoCredentials(simulator);
		await run(helper, { parameters: params() });
		simulator.inject({ endpoint: 'gethistoryforprocess', fault: { kind: 'status', status: 503 } });
		simulator.inject({ endpoint: 'gethistoryforprocess', fault: { kind: 'tokenRejected', as: 'body200' } });
		simulator.clearLog();
		simulator.runScheduled(MAP_KEYS.importCustomers);
		const result = await run(helper, { parameters: { ...params(), options: { retries: 2 } } });
		expect(result.error).toBeUndefined();
		expect(json(result)).toHaveLength(1);
		expect(requestsTo('gethistoryforprocess').map((e) => e.status)).toEqual([503, 200, 200]);
		expect(simulator.count('gettoken')).toBe(1);
	});

});

describe('Map Run › Get Errors', () => {
	const params = (runNumber: number | string) => ({ resource: 'mapRun', operation: 'getErrors', map: byKey(MAP_KEYS.importCustomers), runNumber });
	const expected = (runNumber: number) => [
		{ mapKey: MAP_KEYS.importCustomers, runNumber, error: 'name is required.', row: { accountnumber: 'C9', name: '', email: 'x@example.com', CustomerID: null, phone: null } },
		{ mapKey: MAP_KEYS.importCustomers, runNumber, error: 'accountnumber is required.', row: { accountnumber: '', name: 'No number', email: null, CustomerID: null, phone: null } },
	];

	it('one item per failed row from the documented JSON: its columns, its error, the row id and the tenant for Save Errors', async () => {
		const { RunNumber } = simulator.runScheduled(MAP_KEYS.importCustomers, failing);
		const result = await run(demoCredentials(simulator), { parameters: params(RunNumber) });
		expect(result.error).toBeUndefined();
		const items = json(result);
		const idents = simulator.historyOf(MAP_KEYS.importCustomers)[0].failed.map((f) => f.ident);
		// The JSON answer carries only the columns a row has.
		expect(items).toEqual([
			{ mapKey: MAP_KEYS.importCustomers, runNumber: RunNumber, error: 'name is required.', row: { accountnumber: 'C9', name: '', email: 'x@example.com' }, rowId: idents[0], tenantServer: 'SIMSQL01', tenantTechnicalName: 'TWO' },
			{ mapKey: MAP_KEYS.importCustomers, runNumber: RunNumber, error: 'accountnumber is required.', row: { accountnumber: '', name: 'No number' }, rowId: idents[1], tenantServer: 'SIMSQL01', tenantTechnicalName: 'TWO' },
		]);
		expect(requestsTo('geterrorsforprocessrun').map((e) => [e.method, e.query.processId, e.query.runNumber])).toEqual([
			['GET', MAP_KEYS.importCustomers, String(RunNumber)],
		]);
		expect(result.leaks).toEqual([]);
	});

	it('survives the DataTable-XML answer: the same rows and errors, every schema column present', async () => {
		simulator.setOptions({ errorsFormat: 'dataTableXml' });
		const { RunNumber } = simulator.runScheduled(MAP_KEYS.importCustomers, failing);
		const result = await run(demoCredentials(simulator), { parameters: params(RunNumber) });
		expect(result.error).toBeUndefined();
		expect(json(result).map(({ mapKey, runNumber, error, row }) => ({ mapKey, runNumber, error, row }))).toEqual(expected(RunNumber));
	});

	it('a run without errors gives no items; a bad run number stops with an error naming the item and field', async () => {
		const { RunNumber } = simulator.runScheduled(MAP_KEYS.importCustomers);
		expect(json(await run(demoCredentials(simulator), { parameters: params(RunNumber) }))).toEqual([]);
		simulator.clearLog();
		const bad = await run(demoCredentials(simulator), { parameters: params('twelve') });
		expect(errorOf(bad).message).toBe('Parameter \'Run Number\' must be a positive whole number (got "twelve") [item 1]');
		expect(simulator.log).toEqual([]);
	});
});

describe('Map Run › Get Outputs', () => {
	const params = (runNumber: number, extra: IDataObject = {}) => ({
		resource: 'mapRun',
		operation: 'getOutputs',
		map: byKey(MAP_KEYS.importCustomers),
		runNumber,
		...extra,
	});

	it('one item per output with the link\'s token redacted; no token anywhere in the run', async () => {
		simulator.runScheduled(MAP_KEYS.importCustomers);
		const { RunNumber } = simulator.runScheduled(MAP_KEYS.importCustomers, failing);
		const helper = demoCredentials(simulator);
		const result = await run(helper, { parameters: params(RunNumber) });
		expect(result.error).toBeUndefined();
		const [output] = simulator.historyOf(MAP_KEYS.importCustomers)[0].outputs;
		expect(json(result)).toEqual([
			{
				outputId: output.outputId,
				mapKey: MAP_KEYS.importCustomers,
				runNumber: RunNumber,
				created: output.created,
				description: output.description,
				fileName: `IMPORT_CUSTOMERS___${RunNumber}.csv`,
				outputUri: `${simulator.url}/api/getfile?token=***&key=${output.outputId}`,
			},
		]);
		expect(result.output()[0].binary).toBeUndefined();
		expect(result.leaks).toEqual([]);
		expect(watch.counts.secrets).toBeGreaterThan(0);
	});

	it('Download Files puts each file in binary data, named as SmartConnect names it, fetched with the current token', async () => {
		const { RunNumber } = simulator.runScheduled(MAP_KEYS.importCustomers);
		const result = await run(demoCredentials(simulator), { parameters: params(RunNumber, { download: true, binaryPropertyName: 'file' }) });
		expect(result.error).toBeUndefined();
		const [item] = result.output();
		const binary = item.binary?.file;
		expect(binary?.fileName).toBe(`IMPORT_CUSTOMERS___${RunNumber}.csv`);
		expect(binary?.mimeType).toBe('text/csv');
		const content = simulator.historyOf(MAP_KEYS.importCustomers)[0].outputs[0].content;
		expect(Buffer.from(binary?.data ?? '', 'base64').toString('utf8')).toBe(content);
		const downloads = requestsTo('getfile');
		expect(downloads).toHaveLength(1);
		expect(downloads[0].method).toBe('GET');
		expect(downloads[0].status).toBe(200);
		expect(result.leaks).toEqual([]);
	});

	it('a failed download stops with an error that shows the link without its token', async () => {
		const { RunNumber } = simulator.runScheduled(MAP_KEYS.importCustomers);
		simulator.inject({ endpoint: 'getfile', fault: { kind: 'status', status: 404 } });
		const result = await run(demoCredentials(simulator), { parameters: params(RunNumber, { download: true, binaryPropertyName: 'data' }) });
		const error = errorOf(result);
		expect(error.message).toBe(`SmartConnect did not send output "IMPORT_CUSTOMERS___${RunNumber}.csv" (HTTP 404)`);
		expect(error.description).toContain('/api/getfile?token=***&key=');
		expect(result.leaks).toEqual([]);
	});
});

describe('Connection, Data Source and Company › Get Many; Map › Get Many by connection or data source', () => {
	it('Connection › Get Many and Data Source › Get Many list the company\'s catalog (Limit applies)', async () => {
		const connections = await run(demoCredentials(simulator), { parameters: { resource: 'connection', operation: 'getMany', returnAll: true } });
		expect(json(connections)).toEqual([
			{ id: CONNECTION_IDS.businessCentral, description: 'Business Central (production)', connectionType: 'Business Central' },
			{ id: CONNECTION_IDS.sqlWarehouse, description: 'Warehouse SQL Server', connectionType: 'SQL Server' },
		]);
		const sources = await run(demoCredentials(simulator), { parameters: { resource: 'dataSource', operation: 'getMany', limit: 2 } });
		expect(json(sources)).toEqual([
			{ id: DATA_SOURCE_IDS.customersExcel, description: 'Customer list (Excel)', connectionId: CONNECTION_IDS.businessCentral, company: 'CRONUS USA', type: 'Excel' },
			{ id: DATA_SOURCE_IDS.purchaseJournalExcel, description: 'Purchase journal (Excel)', connectionId: CONNECTION_IDS.businessCentral, company: 'CRONUS USA', type: 'Excel' },
		]);
		expect(simulator.log.filter((e) => e.endpoint !== 'gettoken').map((e) => `${e.method} ${e.endpoint}`)).toEqual(['GET getconnections', 'GET getdatasources']);
	});

	it('Map › Get Many filters by connection, by data source, and by both (and the name)', async () => {
		const maps = async (filters: IDataObject) =>
			json(await run(demoCredentials(simulator), { parameters: { resource: 'map', operation: 'getMany', returnAll: true, filters } })).map((m) => m.mapKey);
		expect(await maps({ connectionId: CONNECTION_IDS.sqlWarehouse })).toEqual([MAP_KEYS.customersByCounty, MAP_KEYS.nightlyFtpImport]);
		expect(await maps({ dataSourceId: DATA_SOURCE_IDS.ftpFolder })).toEqual([MAP_KEYS.nightlyFtpImport]);
		expect(await maps({ connectionId: CONNECTION_IDS.businessCentral, dataSourceId: DATA_SOURCE_IDS.ftpFolder })).toEqual([]);
		expect(await maps({ connectionId: CONNECTION_IDS.sqlWarehouse, name: 'county' })).toEqual([MAP_KEYS.customersByCounty]);
		expect(simulator.count('getmaplist')).toBe(0);
		const first = json(await run(demoCredentials(simulator), { parameters: { resource: 'map', operation: 'getMany', returnAll: true, filters: { dataSourceId: DATA_SOURCE_IDS.purchaseJournalExcel } } }))[0];
		expect(first).toEqual({ mapKey: MAP_KEYS.purchaseJournal, mapId: 'PURCHASE JOURNAL', description: 'Import of Purchase Journal', sourceType: 'Excel', targetType: 'Business Central' });
	});

	it('Company › Get Many sends the email and an RSA-encrypted password, no token, and lists the companies', async () => {
		const result = await run(demoCredentials(simulator), { parameters: { resource: 'company', operation: 'getMany', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			{ id: simulator.demo.companyId, name: 'Demo Company 1', subscriptionExpiry: null },
			{ id: simulator.demo.otherCompanyId, name: 'Demo Company 2', subscriptionExpiry: null },
		]);
		const [request] = requestsTo('getcompanylist');
		expect(Object.keys(request.query).sort()).toEqual(['email', 'password']);
		expect(request.query.password).not.toBe(simulator.demo.password);
		expect(simulator.count('gettoken')).toBe(0);
		watch.addPassword(request.query.password);
		expect(result.leaks).toEqual([]);
	});

	it('Company › Get Many with a wrong password: a clear error without the password', async () => {
		const wrong = 'Wr0ng-Company-Passw0rd';
		watch.addPassword(wrong);
		const result = await run(demoCredentials(simulator, { password: wrong }), { parameters: { resource: 'company', operation: 'getMany', returnAll: true } });
		expect(errorOf(result).message).toBe('SmartConnect did not accept the email or password of the credential');
		expect(result.leaks).toEqual([]);
	});
});

describe('Token › Get and AI agents', () => {
	it('the Get option is hidden from the tool variant only, and refused at run time there', async () => {
		const tokenOperation = new SmartConnect().description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('token'),
		);
		const get = (tokenOperation?.options as Array<{ value: string }>).find((o) => o.value === 'get');
		const shown = (name: string) => NodeHelpers.displayParameter({ resource: 'token' }, get as never, null, { name } as never);
		expect(shown('smartConnect')).toBe(true);
		expect(shown('smartConnectTool')).toBe(false);

		const nodeTypes = new TestNodeTypes();
		nodeTypes.types['n8n-nodes-smartconnect.smartConnectTool'] = new SmartConnect();
		const node = { ...smartConnectNode({ parameters: { resource: 'token', operation: 'get' } }), type: 'n8n-nodes-smartconnect.smartConnectTool' };
		const result = await watch.run('token as tool', async () => await runWorkflow(demoCredentials(simulator), { nodes: [node], connections: {} }, [{}], nodeTypes));
		expect(errorOf(result).message).toBe('Token › Get is not available when SmartConnect is used as an AI tool');
		expect(simulator.log).toEqual([]);
	});
});
