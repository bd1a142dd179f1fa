/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The SmartConnect Trigger in a running n8n (`n8n start`): an active workflow polls the simulator
 * every minute (n8n's shortest poll interval). Runs made on the simulator must start exactly one
 * execution each, across several polls: the workflow's second node (Map Run › Get Errors of the
 * run) calls the simulator once per execution, so the simulator's log counts the executions.
 */
import { MAP_KEYS, SmartConnectSimulator } from '../test/simulator';
import { CREDENTIAL_ID, CREDENTIAL_NAME, freePort, n8nInstall, N8nUserFolder, removePackedPackage, simulatorCredential, type N8nName, type N8nServer } from './lib/n8n';

const WORKFLOW_ID = 'scTriggerE2E01';
const POLL_TIMEOUT_MS = 150000;

function workflow(): object {
	const credentials = { smartConnectApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
	return {
		id: WORKFLOW_ID,
		name: 'SmartConnect Trigger e2e',
		active: false,
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'runFinished',
					watch: 'maps',
					maps: [MAP_KEYS.importCustomers],
				},
				id: 'e2e00000-0000-4000-8000-000000000001',
				name: 'SmartConnect Trigger',
				type: 'n8n-nodes-smartconnect.smartConnectTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials,
			},
			{
				parameters: {
					resource: 'mapRun',
					operation: 'getErrors',
					map: { __rl: true, mode: 'mapKey', value: '={{ $json.mapKey }}' },
					runNumber: '={{ $json.runNumber }}',
				},
				id: 'e2e00000-0000-4000-8000-000000000002',
				name: 'Errors of the run',
				type: 'n8n-nodes-smartconnect.smartConnect',
				typeVersion: 1,
				position: [220, 0],
				credentials,
				alwaysOutputData: true,
			},
		],
		connections: { 'SmartConnect Trigger': { main: [[{ node: 'Errors of the run', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

export function describeTrigger(name: N8nName): void {
	const install = n8nInstall(name);

	describe(`${install.label}: the SmartConnect Trigger in an active workflow (n8n start)`, () => {
		let simulator: SmartConnectSimulator;
		let n8n: N8nUserFolder;
		let server: N8nServer | undefined;

		const polls = () => simulator.log.filter((e) => e.endpoint === 'gethistoryforprocess' && e.status === 200).length;
		const executedRuns = () => simulator.log.filter((e) => e.endpoint === 'geterrorsforprocessrun').map((e) => Number(e.query.runNumber));

		async function until(what: string, condition: () => boolean): Promise<void> {
			const deadline = Date.now() + POLL_TIMEOUT_MS;
			while (!condition()) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server?.output.slice(-3000) ?? ''}`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		}

		/** Waits for the next complete poll after now, and for the executions it started to call the simulator. */
		async function nextPoll(expectedRuns: number): Promise<void> {
			const seen = polls();
			await until('the next poll', () => polls() > seen);
			await until(`${expectedRuns} executions in all`, () => executedRuns().length >= expectedRuns);
		}

		beforeAll(async () => {
			simulator = await SmartConnectSimulator.start();
			n8n = await N8nUserFolder.create(install);
			await n8n.importCredentials([simulatorCredential(simulator)]);
			await n8n.importWorkflowObjects([workflow()]);
			const activate =
				name === 'n8n-1' ? ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true'] : ['publish:workflow', `--id=${WORKFLOW_ID}`];
			const result = await n8n.cli(activate);
			if (result.code !== 0) throw new Error(`n8n ${activate.join(' ')} failed\n${result.stdout}\n${result.stderr}`);
		}, 240000);

		afterAll(async () => {
			await server?.stop();
			await simulator?.close();
			if (n8n && !process.env.E2E_KEEP_USER_FOLDER) n8n.remove();
			removePackedPackage();
		});

		it(
			'one execution per new run across several polls; runs from before activation start none',
			async () => {
				const before = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
				server = await n8n.start(await freePort());
				// Activation polls once: the baseline.
				await until('the activation poll', () => polls() >= 1);
				const baseline = polls();

				const a = simulator.runScheduled(MAP_KEYS.importCustomers, [{ accountnumber: 'E1', name: '' }]).RunNumber;
				await nextPoll(1);
				const b = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
				const c = simulator.runScheduled(MAP_KEYS.importCustomers).RunNumber;
				await nextPoll(3);
				// A poll with nothing new starts nothing.
				await nextPoll(3);

				expect(polls()).toBeGreaterThanOrEqual(baseline + 3);
				expect(executedRuns()).toEqual([a, b, c]);
				expect(executedRuns()).not.toContain(before);
				// One login for the whole life of the workflow.
				expect(simulator.count('gettoken')).toBe(1);
			},
			600000,
		);
	});
}
