/**
 * The SmartConnect Trigger's poll through n8n-core's real PollContext (the object n8n hands a polling
 * node on every tick, with the workflow's static data and the credential helpers) against the
 * simulator: the baseline, one item per new run, events, the cursor across polls, the gap warning,
 * faults (deleted map, refused token, 5xx), Fetch Test Event, errors and outputs attached, secrets.
 */
import { PollContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type INodeExecutionData, type INodeParameters, type WorkflowExecuteMode } from 'n8n-workflow';

import { SmartConnectTrigger } from '../../nodes/SmartConnectTrigger/SmartConnectTrigger.node';
import { MAP_KEYS, SmartConnectSimulator, type SimRow } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { CREDENTIAL_TYPE, TestNodeTypes, testAdditionalData, type RunResult, type TestCredentialsHelper } from '../helpers/engine';
import { SecretWatch, useWatchedSimulator } from '../helpers/secrets';

const TRIGGER_TYPE = 'n8n-nodes-smartconnect.smartConnectTrigger';

const watch = new SecretWatch();
const sim = useWatchedSimulator(watch);
let simulator: SmartConnectSimulator;
beforeAll(() => {
	simulator = sim();
});
afterEach(() => watch.harvest());

/** importCustomers requires accountnumber and name: the second row fails. */
const failing: SimRow[] = [
	{ accountnumber: 'C1', name: 'Fine' },
	{ accountnumber: 'C9', name: '' },
];

interface Poller {
	/** One tick, as n8n's poll scheduler (mode trigger) or the editor's Fetch Test Event (mode manual) runs it. */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[] | null>;
	staticData(): IDataObject;
	helper: TestCredentialsHelper;
}

/** A workflow holding one SmartConnect Trigger; its static data lives as long as the poller (as an active workflow's). */
function poller(parameters: IDataObject, helper: TestCredentialsHelper = demoCredentials(simulator)): Poller {
	const nodeTypes = new TestNodeTypes();
	nodeTypes.types[TRIGGER_TYPE] = new SmartConnectTrigger();
	const node: INode = {
		id: 'trigger-1',
		name: 'SmartConnect Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'SmartConnect account' } },
	};
	const workflow = new Workflow({ id: 'wf-trigger', name: 'trigger', nodes: [node], connections: {}, nodeTypes, active: true, staticData: {} });
	const trigger = new SmartConnectTrigger();
	return {
		helper,
		async poll(mode = 'trigger') {
			const context = new PollContext(workflow, node, testAdditionalData(helper), mode, 'init');
			// The poll's items are checked for secrets with the log lines n8n printed meanwhile.
			const polled: { items?: INodeExecutionData[][] | null } = {};
			await watch.run(
				expect.getState().currentTestName ?? 'trigger',
				async () => {
					polled.items = await trigger.poll.call(context);
					return {} as RunResult;
				},
				{ extra: polled },
			);
			return polled.items ? polled.items[0] : null;
		},
		staticData: () => workflow.getStaticData('node', node),
	};
}

const chosen = (maps: string[], extra: IDataObject = {}): IDataObject => ({ event: 'runFinished', watch: 'maps', maps, ...extra });
const runNumbers = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => item.json.runNumber);

describe('SmartConnect Trigger: cursor and events', () => {
	it('the first poll sets the baseline and emits nothing; later polls emit each new run once, in order', async () => {
		simulator.runScheduled(MAP_KEYS.importCustomers);
		const trigger = poller(chosen([MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal]));
		expect(await trigger.poll()).toBeNull();
		const before = simulator.historyOf(MAP_KEYS.importCustomers)[0].runNumber;
		expect(trigger.staticData().cursors).toEqual({ [MAP_KEYS.importCustomers]: before, [MAP_KEYS.purchaseJournal]: 0 });
		expect(await trigger.poll()).toBeNull();

		const a = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
		const b = simulator.runScheduled(MAP_KEYS.purchaseJournal).RunNumber;
		const c = simulator.runScheduled(MAP_KEYS.importCustomers, failing).RunNumber;
		const items = await trigger.poll();
		expect(items?.map((i) => [i.json.mapKey, i.json.runNumber, i.json.event])).toEqual([
			[MAP_KEYS.importCustomers, a, 'runSucceeded'],
			[MAP_KEYS.importCustomers, c, 'runFailed'],
			[MAP_KEYS.purchaseJournal, b, 'runSucceeded'],
		]);
		expect(items?.[1].json).toMatchObject({ mapId: 'IMPORT CUSTOMERS', status: 'failed', recordCount: 2, errorCount: 1, errorsSaved: false });
		// Nothing new: nothing emitted, however often it polls.
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
		expect(trigger.staticData().cursors).toEqual({ [MAP_KEYS.importCustomers]: c, [MAP_KEYS.purchaseJournal]: b });
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('Run Failed and Run Succeeded emit only their runs; the cursor still moves past the others', async () => {
		const failed = poller(chosen([MAP_KEYS.importCustomers], { event: 'runFailed' }));
		const succeeded = poller(chosen([MAP_KEYS.importCustomers], { event: 'runSucceeded' }));
		await failed.poll();
		await succeeded.poll();
		const ok = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
		const bad = simulator.runScheduled(MAP_KEYS.importCustomers, failing).RunNumber;
		expect(runNumbers(await failed.poll())).toEqual([bad]);
		expect(runNumbers(await succeeded.poll())).toEqual([ok]);
		expect(await failed.poll()).toBeNull();
		expect(failed.staticData().cursors).toEqual({ [MAP_KEYS.importCustomers]: bad });
	});

	it('more than 10 new runs: all kept runs are emitted, and a warning names the run numbers that may have been missed', async () => {
		const seen = simulator.runScheduled(MAP_KEYS.purchaseJournal).RunNumber;
		const trigger = poller(chosen([MAP_KEYS.purchaseJournal]));
		await trigger.poll();
		const numbers = Array.from({ length: 13 }, () => simulator.runScheduled(MAP_KEYS.purchaseJournal).RunNumber);
		expect(numbers[0]).toBe(seen + 1);
		const items = (await trigger.poll()) ?? [];
		expect(items[0].json).toEqual({
			event: 'warning',
			warning: 'possiblyMissedRuns',
			mapKey: MAP_KEYS.purchaseJournal,
			message: `10 new runs of map PURCHASE JOURNAL since the last poll, as many as SmartConnect keeps (10): runs ${numbers[0]}–${numbers[2]} may have been missed. Poll more often.`,
			possiblyMissedFrom: numbers[0],
			possiblyMissedTo: numbers[2],
		});
		expect(runNumbers(items.slice(1))).toEqual(numbers.slice(3));
		// Exactly 10 new runs since the last poll: nothing was missed, no warning.
		const ten = Array.from({ length: 10 }, () => simulator.runScheduled(MAP_KEYS.purchaseJournal).RunNumber);
		const next = (await trigger.poll()) ?? [];
		expect(next.map((i) => i.json.event)).not.toContain('warning');
		expect(runNumbers(next)).toEqual(ten);
	});

	it('a map without runs when watching began: the warning says which runs before the oldest kept one may be missing', async () => {
		const trigger = poller(chosen([MAP_KEYS.customersByCounty]));
		await trigger.poll();
		const numbers = Array.from({ length: 11 }, () => simulator.runScheduled(MAP_KEYS.customersByCounty).RunNumber);
		const [first, ...runs] = (await trigger.poll()) ?? [];
		expect(first.json).toMatchObject({ warning: 'possiblyMissedRuns', possiblyMissedFrom: null, possiblyMissedTo: numbers[0] });
		expect(first.json.message).toContain(`runs before ${numbers[1]} may have been missed`);
		expect(runNumbers(runs)).toEqual(numbers.slice(1));
	});

	it('All Maps watches the first Max Maps of the map list', async () => {
		const trigger = poller({ event: 'runFinished', watch: 'all', maxMaps: 2 });
		await trigger.poll();
		expect(Object.keys(trigger.staticData().cursors as object)).toEqual([MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal]);
		simulator.runScheduled(MAP_KEYS.customersByCounty);
		const p = simulator.runScheduled(MAP_KEYS.purchaseJournal).RunNumber;
		expect(runNumbers(await trigger.poll())).toEqual([p]);
	});
});

describe('SmartConnect Trigger: faults', () => {
	it('a deleted map is reported once and does not stop the other maps; not reported again while it stays unreadable', async () => {
		const extra = { ...simulator.maps.find((m) => m.mapKey === MAP_KEYS.purchaseJournal)!, mapKey: '11111111-2222-4333-8444-555555555555', mapId: 'TO BE DELETED' };
		simulator.addMap(extra);
		const trigger = poller(chosen([extra.mapKey, MAP_KEYS.importCustomers]));
		await trigger.poll();
		simulator.removeMap(extra.mapKey);
		const run = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
		const items = (await trigger.poll()) ?? [];
		expect(items.map((i) => [i.json.event, i.json.mapKey])).toEqual([
			['warning', extra.mapKey],
			['runSucceeded', MAP_KEYS.importCustomers],
		]);
		expect(items[0].json.warning).toBe('mapUnreadable');
		expect(items[0].json.message).toContain('SmartConnect GetHistoryForProcess returned a blank response');
		expect(items[1].json.runNumber).toBe(run);
		// Still gone: not reported again.
		expect(await trigger.poll()).toBeNull();
		const next = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
		expect(runNumbers(await trigger.poll())).toEqual([next]);
	});

	it('a refused token renews the login once; a 503 is retried; nothing is emitted twice', async () => {
		const trigger = poller(chosen([MAP_KEYS.importCustomers]));
		await trigger.poll();
		const run = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
		simulator.revokeTokens();
		simulator.inject({ endpoint: 'gethistoryforprocess', fault: { kind: 'status', status: 503 } });
		expect(runNumbers(await trigger.poll())).toEqual([run]);
		expect(simulator.count('gettoken')).toBe(2);
		expect(simulator.log.filter((e) => e.endpoint === 'gethistoryforprocess').map((e) => e.status)).toEqual([200, 503, 401, 200]);
		expect(await trigger.poll()).toBeNull();
	});

	it('a history that stays unreadable: the poll reports it and the cursor keeps its place for the next poll', async () => {
		const trigger = poller(chosen([MAP_KEYS.importCustomers], { options: { retries: 0 } }));
		await trigger.poll();
		const run = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
		simulator.inject({ endpoint: 'gethistoryforprocess', fault: { kind: 'status', status: 500 } });
		const items = (await trigger.poll()) ?? [];
		expect(items.map((i) => i.json.warning)).toEqual(['mapUnreadable']);
		expect(runNumbers(await trigger.poll())).toEqual([run]);
	});
});

describe('SmartConnect Trigger: Fetch Test Event, errors and outputs', () => {
	it('Fetch Test Event returns the newest run of the watched maps matching the event, and moves no cursor', async () => {
		simulator.runScheduled(MAP_KEYS.importCustomers, failing);
		const newestFailed = simulator.runScheduled(MAP_KEYS.purchaseJournal, [{ PostingDate: '', DocumentNo: 'D', Amount: '1' }]).RunNumber;
		simulator.runScheduled(MAP_KEYS.importCustomers);
		const trigger = poller(chosen([MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal], { event: 'runFailed' }));
		const items = (await trigger.poll('manual')) ?? [];
		expect(items.map((i) => [i.json.mapKey, i.json.runNumber])).toEqual([[MAP_KEYS.purchaseJournal, newestFailed]]);
		expect(trigger.staticData()).toEqual({ cursors: {}, faults: {} });
		const none = poller(chosen([MAP_KEYS.nightlyFtpImport]));
		await expect(none.poll('manual')).rejects.toThrow("No run of the watched maps matches 'Trigger On' yet");
	});

	it('Attach Failed Rows and Download Outputs add the failed rows and the files; no token in any output', async () => {
		const trigger = poller(chosen([MAP_KEYS.importCustomers], { event: 'runFailed', options: { attachErrors: true, downloadOutputs: true } }));
		await trigger.poll();
		const run = simulator.runScheduled(MAP_KEYS.importCustomers, failing).RunNumber;
		const [item] = (await trigger.poll()) ?? [];
		expect(item.json.failedRows).toEqual([
			{ error: 'name is required.', row: { accountnumber: 'C9', name: '' }, rowId: simulator.historyOf(MAP_KEYS.importCustomers)[0].failed[0].ident, tenantServer: 'SIMSQL01', tenantTechnicalName: 'TWO' },
		]);
		const [output] = simulator.historyOf(MAP_KEYS.importCustomers)[0].outputs;
		expect(item.json.outputs).toEqual([
			expect.objectContaining({ fileName: `IMPORT_CUSTOMERS___${run}.csv`, outputUri: `${simulator.url}/api/getfile?token=***&key=${output.outputId}` }),
		]);
		expect(item.binary?.output0.fileName).toBe(`IMPORT_CUSTOMERS___${run}.csv`);
		expect(Buffer.from(item.binary?.output0.data ?? '', 'base64').toString('utf8')).toBe(output.content);
		expect(watch.leaks).toEqual([]);
	});
});
