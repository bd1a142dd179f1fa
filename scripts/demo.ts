/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * `npm run demo`: the main job on a fresh machine, in seconds. Builds the package if needed,
 * starts the SmartConnect simulator on 127.0.0.1, and runs the example workflows of examples/
 * through n8n's real execution engine (n8n-core's WorkflowExecute) with the BUILT node and
 * credential from dist/, starting at each example's Manual Trigger, as `n8n execute` does.
 * Says in plain words what happened; checks each outcome; exits non-zero if anything fails.
 *
 * The few n8n-nodes-base nodes on those paths (Set, Split Out, No Operation, Manual Trigger) are
 * stood in for (scripts/demo-nodes.ts), so no n8n install is needed; `npm run test:e2e` runs the
 * same examples in real n8n 1.x and 2.x.
 */
import '../test/setup-env';

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { runWorkflow, shutdownEngine, type RunResult } from '../test/helpers/engine';
import { SmartConnectSimulator } from '../test/simulator';
import {
	DemoNodeTypes,
	demoCredentialStore,
	distIsStale,
	loadBuiltPackage,
	manualPath,
	type ExampleWorkflow,
} from './demo-nodes';

const ROOT = path.join(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const CREDENTIAL_ID = 'SmartConnectDemo';
const started = Date.now();

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function step(n: number, total: number, text: string): void {
	say(`\n[${n}/${total}] ${text}`);
}

function seconds(since: number): string {
	return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

class DemoFailure extends Error {}

function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new DemoFailure(message);
}

function readExample(file: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as ExampleWorkflow;
}

function smartConnectNodeOf(workflow: { nodes: INode[] }): INode {
	const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-smartconnect.smartConnect');
	check(node, 'the example has no SmartConnect node');
	return node;
}

function failureText(result: RunResult): string {
	const error = result.error;
	return error ? `${error.message}${error.description ? ` (${error.description})` : ''}` : `status ${result.run.status}`;
}

/** One line per map run from the node's items (one per input item, each with its `smartConnect` status). */
function runLine(items: Array<{ json: IDataObject }>): string {
	const statuses = items.map((item) => item.json.smartConnect as IDataObject | undefined);
	const runs = [...new Set(statuses.map((status) => status?.runNumber))].join(', ');
	const count = (value: string) => statuses.filter((status) => status?.status === value).length;
	return `run ${runs}: ${items.length} item(s) out, ${count('success')} success, ${count('failed')} failed, ${count('not sent')} not sent`;
}

const allSucceeded = (items: Array<{ json: IDataObject }>): boolean =>
	items.length > 0 && items.every((item) => (item.json.smartConnect as IDataObject | undefined)?.status === 'success');

async function main(): Promise<void> {
	const total = 8;
	say('SmartConnect demo: the example workflows, run by n8n\'s engine with the built node, against the SmartConnect simulator.');

	step(1, total, 'Build');
	if (distIsStale()) {
		say('      dist/ is missing or older than the sources: npm run build …');
		const buildStarted = Date.now();
		const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
		check(build.status === 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
		say(`      built in ${seconds(buildStarted)}`);
	} else {
		say('      dist/ is up to date');
	}
	const built = loadBuiltPackage();
	const nodeTypes = new DemoNodeTypes(built.node);
	say(`      loaded ${built.node.description.displayName} and the ${String(built.credential.displayName)} credential from dist/`);

	step(2, total, 'Start the SmartConnect simulator');
	const simulator = await SmartConnectSimulator.start();
	try {
		say(`      ${simulator.apiUrl}, demo login ${simulator.demo.email}`);
		const credentials = demoCredentialStore(built.credential);
		credentials.store[CREDENTIAL_ID] = simulator.demoCredentialData();
		let loginsBefore = 0;
		const loginsNow = () => {
			const n = simulator.count('gettoken') - loginsBefore;
			loginsBefore = simulator.count('gettoken');
			return n === 0 ? 'logins: 0 (the token stored in the credential was reused)' : `logins: ${n} (GetToken; the token is now stored in the credential)`;
		};
		const runPath = async (workflow: ExampleWorkflow): Promise<RunResult> => {
			const result = await runWorkflow(credentials, manualPath(workflow), [{}], nodeTypes);
			check(result.run.status === 'success' && !result.error, `${workflow.name} failed: ${failureText(result)}`);
			return result;
		};

		step(3, total, 'Which maps can this login run? (Map › Get Many)');
		const list = await runWorkflow(
			credentials,
			{
				nodes: [
					{ id: 't', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'm',
						name: 'SmartConnect',
						type: 'n8n-nodes-smartconnect.smartConnect',
						typeVersion: 1,
						position: [200, 0],
						parameters: { resource: 'map', operation: 'getMany', returnAll: true },
						credentials: { smartConnectApi: { id: CREDENTIAL_ID, name: 'SmartConnect account' } },
					},
				],
				connections: { 'Manual Trigger': { main: [[{ node: 'SmartConnect', type: 'main', index: 0 }]] } },
			},
			[{}],
			nodeTypes,
		);
		check(list.run.status === 'success', `Map › Get Many failed: ${failureText(list)}`);
		const maps = list.output('SmartConnect');
		check(maps.length > 0, 'no maps found');
		say(`      ${maps.length} maps found:`);
		for (const { json } of maps) say(`        - ${json.mapId} (${json.description})`);
		say(`      ${loginsNow()}`);

		step(4, total, 'Example 1: webhook rows → run a map with a data table (examples/01-webhook-rows-to-map.json)');
		const one = readExample('01-webhook-rows-to-map.json');
		let result = await runPath(one);
		const rows = result.output('One item per row');
		let runResult = result.output(smartConnectNodeOf(one).name);
		check(allSucceeded(runResult) && runResult.length === rows.length, `example 1: the map run did not succeed (${JSON.stringify(runResult)})`);
		say(`      ${rows.length} rows from the sample request sent as one data table: ${rows.map((r) => r.json.name).join(', ')}`);
		say(`      ${runLine(runResult)}`);
		say(`      ${loginsNow()}`);

		step(5, total, "Example 2: schedule → read a map's data and hand the rows on (examples/02-schedule-read-map-data.json)");
		const two = readExample('02-schedule-read-map-data.json');
		result = await runPath(two);
		const handed = result.output('Hand the rows on');
		check(handed.length > 0, 'example 2: no rows were read');
		say(`      ${handed.length} rows of CUSTOMERS BY COUNTY with GBL_COUNTY=GA handed on: ${handed.map((r) => `${r.json.No} ${r.json.Name}`).join(', ')}`);
		say(`      ${loginsNow()}`);

		step(6, total, 'Example 3: a file has arrived → run a map with global variables (examples/03-file-arrived-run-map-with-variables.json)');
		const three = readExample('03-file-arrived-run-map-with-variables.json');
		result = await runPath(three);
		runResult = result.output(smartConnectNodeOf(three).name);
		check(allSucceeded(runResult), `example 3: the map run did not succeed (${JSON.stringify(runResult)})`);
		const variables = simulator.runs[simulator.runs.length - 1]?.variables ?? [];
		say(`      file event ${result.output('Sample file event (manual runs)')[0]?.json.path}`);
		say(`      map run with ${variables.map((v) => `${v.Key}=${v.Value}`).join(', ')}: ${runLine(runResult)}`);
		say(`      ${loginsNow()}`);

		step(7, total, 'Example 4: map validation errors → notify finance (examples/04-map-errors-to-notification.json)');
		const four = readExample('04-map-errors-to-notification.json');
		result = await runPath(four);
		runResult = result.output('Imported');
		const notices = result.output('Notify finance');
		const recorded = simulator.runs[simulator.runs.length - 1];
		check(recorded && recorded.errorCount > 0, 'example 4: SmartConnect reported no validation error');
		check(notices.length === recorded.errorCount, `example 4: ${notices.length} notification(s) for ${recorded.errorCount} failed row(s)`);
		check(allSucceeded(runResult), 'example 4: a row that failed reached "Imported"');
		say(`      "Imported" (main output): ${runLine(runResult)}`);
		for (const { json } of notices) say(`      → Notify finance: "${json.subject}" — ${json.text}`);
		say(`      ${loginsNow()}`);

		step(8, total, 'The token expires (simulated 91 days later): example 1 again');
		simulator.setOptions({ now: () => Date.now() + 91 * 24 * 3600 * 1000 });
		result = await runPath(one);
		runResult = result.output(smartConnectNodeOf(one).name);
		check(allSucceeded(runResult), 'example 1 after the token expired did not succeed');
		say(`      SmartConnect refused the old token; the credential logged in again once and the run went through: ${runLine(runResult)}`);
		say(`      ${loginsNow()}`);

		say(
			`\nDone in ${seconds(started)}: ${simulator.runs.length} map runs, ${simulator.log.length} requests to SmartConnect, ${simulator.count('gettoken')} logins in all.`,
		);
		say('Next: `npm run dev` opens these examples in a real n8n editor; `npm run test:e2e` runs them in real n8n 1.x and 2.x.');
	} finally {
		await simulator.close();
	}
}

main()
	.then(() => {
		shutdownEngine();
		process.exitCode = 0;
	})
	.catch((error: unknown) => {
		shutdownEngine();
		process.stderr.write(`\nDemo FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
		if (!(error instanceof DemoFailure) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
	});
