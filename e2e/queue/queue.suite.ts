/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The package in n8n's queue mode, for real (`npm run test:queue`): PostgreSQL, Redis, one main
 * and two `n8n worker --concurrency=5`, the package installed on each, the examples and a read
 * workflow active on production webhooks. Load and login storms are asserted at SmartConnect (the
 * simulator's run log: every row exactly once, no run twice), at every caller (its own run result)
 * and in n8n's execution records (every execution succeeded, on a worker).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { SmartConnectSimulator } from '../../test/simulator';
import { n8nInstall, REPO_ROOT, removePackedPackage, simulatorCredential, type N8nName } from '../lib/n8n';
import { QueueCluster, type ExecutionRecord } from './cluster';
import { callWebhook, percentile, runLoad, type CallResult, type WebhookCall } from './load';
import {
	callRows,
	EXAMPLE_MAP_ERRORS,
	EXAMPLE_RUN_MAP,
	exampleWorkflow,
	HTTP_CODE,
	httpCodeWorkflow,
	MAP_KEYS,
	READ_ROWS,
	readRowsWorkflow,
	SOURCE_ROWS,
	sourceMap,
} from './workflows';

const WORKERS = 2;
const CONCURRENCY = 5;
/** Jobs that can run at once: the most executions that can log in at the same moment. */
const SLOTS = WORKERS * CONCURRENCY;
const ROWS_PER_CALL = 50;
const IN_FLIGHT = 20;
const LOAD_CALLS = Number(process.env.QUEUE_LOAD_CALLS ?? 200);
const LOAD_READS = Number(process.env.QUEUE_LOAD_READS ?? 20);
const STORM_CALLS = Number(process.env.QUEUE_STORM_CALLS ?? 100);
const DAY_MS = 86_400_000;

export const RESULTS_DIR = path.join(REPO_ROOT, 'e2e', '.queue-results');

/**
 * What a queue-mode user must set (README › Queue mode), and what every n8n process of these
 * tests runs with. n8n 1.x: QUEUE_WORKER_MAX_STALLED_COUNT=0, so that the job of a worker that died
 * fails instead of being handed to another worker, which would run the map again (n8n's default is
 * 1). n8n 2.x has this built in: Bull's maxStalledCount is fixed at 0 and the setting is gone.
 * Both: DB_POSTGRESDB_POOL_SIZE=10 (n8n's default is 2). With 2 connections, 20 calls in flight
 * queue the main's database work behind each other; its 5-second database ping then times out and
 * the main refuses webhooks with 503 "Database is not ready!" until the next ping succeeds.
 */
const POOL = { DB_POSTGRESDB_POOL_SIZE: '10' };
export const QUEUE_SETTINGS: Record<N8nName, Record<string, string>> = {
	'n8n-1': { QUEUE_WORKER_MAX_STALLED_COUNT: '0', ...POOL },
	'n8n-2': { ...POOL },
};

/**
 * QUEUE_SET=ci runs the set CI runs: examples, the load, one login storm (newest token only, the
 * hardest) and the worker killed with the documented settings. The full set (default) adds HTTP
 * Request + Code (the figures to compare), the cold start, expiry and revocation storms and, on n8n
 * 1.x, the kill with n8n's default setting.
 */
const FULL_SET = (process.env.QUEUE_SET ?? 'full') !== 'ci';

export interface CaseFigures {
	n8n: string;
	case: string;
	calls: number;
	reads: number;
	rowsSent: number;
	rowsExpected: number;
	runs: number;
	/** Rows SmartConnect received more than once (summed extra copies). */
	duplicateRows: number;
	/** Rows of a successful call that SmartConnect never received. */
	lostRows: number;
	/** Calls whose answer was not their own successful run result (or all rows, for reads). */
	failedCalls: number;
	/**
	 * Calls n8n's main never answered although their execution succeeded (and, for a run call, its
	 * run reached SmartConnect once): n8n's lost completion event, each diagnosed in `unansweredWhy`.
	 */
	unansweredByN8n: number;
	unansweredWhy: string[];
	/** Execution records of the case that did not end in success. */
	failedExecutions: number;
	executions: number;
	/** Executions a worker logged as started (the rest ran elsewhere, or not at all). */
	onWorkers: number;
	perWorker: number[];
	logins: number;
	wallMs: number;
	executionsPerSecond: number;
	p50Ms: number;
	p95Ms: number;
	failures: string[];
}

/** What came of a worker killed while its map run was in flight. */
export interface KillOutcome {
	n8n: string;
	settings: string;
	/** Runs of the call's rows that SmartConnect received. */
	runs: number;
	execution: string;
	status: string;
	/** Workers that logged starting the execution (1-based). */
	startedOn: number[];
	answer: { status: number; body: string; error?: string };
	/** From the kill to the caller's answer. */
	answeredAfterMs: number;
	message: string;
}

export function describeQueueMode(name: N8nName): void {
	const install = n8nInstall(name);
	const fullOnly = FULL_SET ? it : () => {};

	describe(`${install.label}: queue mode, Postgres + Redis + main + ${WORKERS} workers (concurrency ${CONCURRENCY})`, () => {
		let simulator: SmartConnectSimulator;
		let cluster: QueueCluster | undefined;
		const figures: CaseFigures[] = [];
		const log = (line: string) => process.stdout.write(`${line}\n`);

		beforeAll(async () => {
			simulator = await SmartConnectSimulator.start();
			simulator.addMap(sourceMap());
			cluster = await QueueCluster.prepare(name, { workers: WORKERS, concurrency: CONCURRENCY, env: QUEUE_SETTINGS[name], log });
			await cluster.mainFolder.importCredentials([simulatorCredential(simulator)]);
			await cluster.mainFolder.importWorkflowObjects([
				exampleWorkflow(EXAMPLE_RUN_MAP.file),
				exampleWorkflow(EXAMPLE_MAP_ERRORS.file),
				readRowsWorkflow(),
				httpCodeWorkflow(simulator),
			]);
			await cluster.activate([EXAMPLE_RUN_MAP.id, EXAMPLE_MAP_ERRORS.id, READ_ROWS.id, HTTP_CODE.id]);
			await cluster.start();
		}, 900000);

		afterAll(async () => {
			try {
				if (cluster?.main) {
					// n8n's own logs of the run, for reading what main and workers did with each job.
					fs.mkdirSync(RESULTS_DIR, { recursive: true });
					fs.writeFileSync(path.join(RESULTS_DIR, `${name}-main.log`), cluster.main.output);
					for (const worker of cluster.workers) fs.writeFileSync(path.join(RESULTS_DIR, `${name}-worker${worker.index}.log`), worker.output);
				}
				await cluster?.stop();
			} finally {
				await simulator?.close();
				removePackedPackage();
				if (kills.length > 0) {
					fs.mkdirSync(path.join(RESULTS_DIR, 'kill'), { recursive: true });
					fs.writeFileSync(path.join(RESULTS_DIR, 'kill', `${name}.json`), JSON.stringify(kills, null, 2));
				}
				if (figures.length > 0) {
					fs.mkdirSync(RESULTS_DIR, { recursive: true });
					fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify(figures, null, 2));
					log(formatFigures(figures));
				}
			}
		}, 120000);

		const kills: KillOutcome[] = [];
		const lastExecutionId = () => Math.max(0, ...cluster!.executions().map((e) => Number(e.id)));

		/** The case's execution records, once none is still running (the webhook may answer first). */
		async function executionsAfter(id: number, expected: number): Promise<ExecutionRecord[]> {
			const deadline = Date.now() + 120000;
			for (;;) {
				const records = cluster!.executions().filter((e) => Number(e.id) > id);
				const settled = records.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
				if ((settled.length === records.length && records.length >= expected) || Date.now() > deadline) return records;
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		}

		/** What n8n recorded for each failed execution: the first error message in its run data. */
		function failedExecutionMessages(records: ExecutionRecord[]): string[] {
			return records
				.filter((record) => record.status !== 'success')
				.map((record) => {
					const [row] = cluster!.query(`select data from execution_data where "executionId" = ${Number(record.id)}`);
					const message = /"((?:SmartConnect|The |This |Problem)[^"]{10,300})"/.exec(row?.[0] ?? '')?.[1];
					return `execution ${record.id} (${record.status}): ${message ?? 'no message recorded'}`;
				});
		}

		function workerOf(id: string): number {
			return cluster!.workers.findIndex((worker) => worker.startedExecutions().includes(id));
		}

		/**
		 * Why n8n's main never answered a run call, when the cause is n8n's and not the node's; else
		 * undefined. n8n enqueues each execution as a Bull job removed from Redis once it completes, and
		 * the main waits for it with Bull's Job.finished(), which checks the completed set and only then
		 * listens for the completion event: a job that completes in between (a busy main) is never seen
		 * to finish, so the webhook that waits for the last node never answers. Every link is checked:
		 * the execution (found by `key`, a value only its call sent) succeeded on a worker, SmartConnect
		 * got a run call's rows in exactly one run, the main logged the worker's "finished" message for
		 * its job, and the job is gone from Redis. `run`: the rows of a run call; a read call has none.
		 */
		function lostCompletion(firstId: number, key: string, run?: { rows: Array<Record<string, string>>; runs: RunLog }): string | undefined {
			const found = cluster!.query(
				`select e.id, e.status from execution_entity e join execution_data d on d."executionId" = e.id where e.id > ${firstId} and d.data like '%"${key}"%'`,
			);
			if (found.length !== 1) return undefined;
			const [[id, status]] = found;
			const worker = workerOf(id);
			const job = new RegExp(`Enqueued execution ${id} \\(job (\\d+)\\)`).exec(cluster!.main.output)?.[1];
			const finishedSeen = cluster!.main.output.includes(`Execution ${id} (job ${job}) finished`);
			const sent = run?.rows.map((row) => row.accountnumber).join(',');
			const ranOnce = !run || run.runs.filter((logged) => logged.rows.map((row) => row.accountnumber).join(',') === sent).length === 1;
			const jobGone = job !== undefined && cluster!.redisCommand(['exists', `bull:jobs:${job}`]) === '0';
			if (status !== 'success' || worker < 0 || !job || !finishedSeen || !ranOnce || !jobGone) return undefined;
			// Where the worker's "finished" message landed in the main's log relative to the enqueueing.
			const lines = cluster!.main.output.split('\n');
			const enqueuedAt = lines.findIndex((line) => line.includes(`Enqueued execution ${id} (job ${job})`));
			const finishedAt = lines.findIndex((line) => line.includes(`Execution ${id} (job ${job}) finished`));
			const when = finishedAt < enqueuedAt ? 'before its own "Enqueued" line' : `${finishedAt - enqueuedAt - 1} log lines after its "Enqueued" line`;
			return `execution ${id} succeeded on worker ${worker + 1}${run ? ' and its rows reached SmartConnect in one run' : ' (a read)'}; the main logged "Execution ${id} (job ${job}) finished" ${when} but never answered the webhook: Bull job ${job} was removed from Redis on completion before the main's Job.finished() listened for it (n8n's race)`;
		}

		/** The run-map calls (and reads, spread among them) of one case, sent `IN_FLIGHT` at a time. */
		async function runCase(
			label: string,
			calls: number,
			reads: number,
			onDone: (done: number) => void | Promise<void> = () => {},
			runPath: string = EXAMPLE_RUN_MAP.path,
		): Promise<CaseFigures> {
			simulator.clearLog();
			const firstId = lastExecutionId();
			const list: Array<WebhookCall & { rows?: Array<Record<string, string>> }> = [];
			const readEvery = reads > 0 ? Math.max(1, Math.floor(calls / reads)) : Infinity;
			let readsAdded = 0;
			for (let i = 0; i < calls; i++) {
				if (readsAdded < reads && i % readEvery === 0) {
					list.push({ path: READ_ROWS.path, body: { call: readKey(label, readsAdded) } });
					readsAdded++;
				}
				const rows = callRows(label, i, ROWS_PER_CALL);
				list.push({ path: runPath, body: { rows }, rows });
			}
			for (; readsAdded < reads; readsAdded++) list.push({ path: READ_ROWS.path, body: { call: readKey(label, readsAdded) } });

			const load = await runLoad(cluster!.url, list, IN_FLIGHT, onDone);
			const records = await executionsAfter(firstId, list.length);
			const runs = simulator.runs.filter((run) => run.mapKey === MAP_KEYS.importCustomers);
			const received = new Map<string, number>();
			for (const run of runs) for (const row of run.rows) received.set(String(row.accountnumber), (received.get(String(row.accountnumber)) ?? 0) + 1);

			const failures: string[] = [];
			const unansweredWhy: string[] = [];
			let lostRows = 0;
			const expectedSource = sourceMap().rows;
			load.calls.forEach((result: CallResult, index) => {
				const call = list[index];
				const problem = call.rows ? checkRunCall(result, call.rows, runs) : checkReadCall(result, expectedSource);
				const key = call.rows ? call.rows[0].accountnumber.replace(/[^\w-]/g, '') : String((call.body as { call?: string }).call);
				const lostByN8n = problem && result.status === 0 ? lostCompletion(firstId, key, call.rows ? { rows: call.rows, runs } : undefined) : undefined;
				if (lostByN8n) unansweredWhy.push(`call ${index}: ${lostByN8n}`);
				else if (problem) failures.push(`call ${index} (${call.path}): ${problem}`);
				if (call.rows && (!problem || lostByN8n)) lostRows += call.rows.filter((row) => !received.has(row.accountnumber)).length;
			});
			const perWorker = cluster!.workers.map(() => 0);
			for (const record of records) {
				const worker = workerOf(record.id);
				if (worker >= 0) perWorker[worker]++;
			}
			const runCalls = load.calls.filter((_, i) => list[i].rows);
			const figure: CaseFigures = {
				n8n: `n8n ${install.version}`,
				case: label,
				calls,
				reads,
				rowsExpected: calls * ROWS_PER_CALL,
				rowsSent: [...received.values()].reduce((a, b) => a + b, 0),
				runs: runs.length,
				duplicateRows: [...received.values()].reduce((sum, n) => sum + (n - 1), 0),
				lostRows,
				failedCalls: failures.length,
				unansweredByN8n: unansweredWhy.length,
				unansweredWhy,
				failedExecutions: records.filter((record) => record.status !== 'success').length,
				executions: records.length,
				onWorkers: perWorker.reduce((a, b) => a + b, 0),
				perWorker,
				logins: simulator.count('gettoken'),
				wallMs: load.wallMs,
				executionsPerSecond: (list.length / load.wallMs) * 1000,
				p50Ms: percentile(runCalls.map((c) => c.ms), 50),
				p95Ms: percentile(runCalls.map((c) => c.ms), 95),
				failures: [...failures.slice(0, 5), ...failedExecutionMessages(records).slice(0, 5)],
			};
			figures.push(figure);
			log(`[${name}] ${label}: ${JSON.stringify({ ...figure, failures: figure.failures.slice(0, 3) })}`);
			return figure;
		}

		/** What must hold for every case: rows exactly once, every caller answered, every execution on a worker and successful. */
		function expectClean(figure: CaseFigures) {
			expect({
				failures: figure.failures,
				failedExecutions: figure.failedExecutions,
				duplicateRows: figure.duplicateRows,
				lostRows: figure.lostRows,
				rowsSent: figure.rowsSent,
				runs: figure.runs,
				executions: figure.executions,
				onWorkers: figure.onWorkers,
			}).toEqual({
				failures: [],
				failedExecutions: 0,
				duplicateRows: 0,
				lostRows: 0,
				rowsSent: figure.rowsExpected,
				runs: figure.calls,
				executions: figure.calls + figure.reads,
				onWorkers: figure.calls + figure.reads,
			});
		}

		it(`runs examples 1 and 4 on their production webhooks, on the workers, logging in once`, async () => {
			simulator.clearLog();
			const firstId = lastExecutionId();
			const rows = callRows('example', 1, 3);
			const answer = await fetch(`${cluster!.url}/webhook/${EXAMPLE_RUN_MAP.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ rows }),
			});
			expect(answer.status).toBe(200);
			// One item per row, in the order posted, each with its smartConnect status.
			const result = (await answer.json()) as Array<Record<string, unknown>>;
			const runNumber = (result[0]?.smartConnect as Record<string, unknown> | undefined)?.runNumber;
			const status = { status: 'success', runNumber, mapKey: MAP_KEYS.importCustomers, sent: true };
			expect(result).toEqual(rows.map((row) => ({ ...row, smartConnect: status })));
			const bad = [{ accountnumber: 'example-4-0', name: 'Lakeside', email: 'l@example.com' }, { accountnumber: 'example-4-1', email: 'no-name@example.com' }];
			const started = await fetch(`${cluster!.url}/webhook/${EXAMPLE_MAP_ERRORS.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ rows: bad }),
			});
			expect(started.status).toBe(200);
			const records = await executionsAfter(firstId, 2);
			expect(records.map((r) => ({ workflowId: r.workflowId, mode: r.mode, status: r.status }))).toEqual([
				{ workflowId: EXAMPLE_RUN_MAP.id, mode: 'webhook', status: 'success' },
				{ workflowId: EXAMPLE_MAP_ERRORS.id, mode: 'webhook', status: 'success' },
			]);
			for (const record of records) expect({ id: record.id, worker: workerOf(record.id) >= 0 }).toEqual({ id: record.id, worker: true });
			expect(cluster!.main.output).not.toMatch(/Worker started execution/);
			const runs = simulator.runs.filter((run) => run.mapKey === MAP_KEYS.importCustomers);
			expect(runs.map((run) => run.rows.map((row) => row.accountnumber))).toEqual([rows.map((row) => row.accountnumber), ['example-4-0', 'example-4-1']]);
			expect(runs[0].runNumber).toBe(runNumber);
			expect(simulator.count('gettoken')).toBe(1);
			const stored = await cluster!.mainFolder.exportCredential('SmartConnectDemo');
			expect(simulator.issuedTokens()).toContain(stored.sessionToken);
		});

		it(`load: ${LOAD_CALLS} calls of ${ROWS_PER_CALL} rows to Run With Data Table and ${LOAD_READS} reads, ${IN_FLIGHT} at a time, with the stored token: no login`, async () => {
			const figure = await runCase('load', LOAD_CALLS, LOAD_READS);
			expectClean(figure);
			expect(figure.perWorker.every((n) => n > 0)).toBe(true);
			expect(figure.logins).toBe(0);
		});

		fullOnly(`the same load with HTTP Request + Code instead of the node (bench/n8n's workflow): rows exactly once, one GetToken per execution`, async () => {
			const figure = await runCase('http-code', LOAD_CALLS, 0, () => {}, HTTP_CODE.path);
			expectClean(figure);
			expect(figure.logins).toBe(LOAD_CALLS);
		});

		fullOnly(`cold start (no stored token): ${STORM_CALLS} calls, logins bounded by the jobs running at once (${SLOTS})`, async () => {
			await cluster!.mainFolder.importCredentials([simulatorCredential(simulator)]);
			const figure = await runCase('cold', STORM_CALLS, 0);
			expectClean(figure);
			expect(figure.logins).toBeGreaterThanOrEqual(1);
			expect(figure.logins).toBeLessThanOrEqual(SLOTS);
		});

		fullOnly(`the token expires mid-load: ${STORM_CALLS} calls, 0 failed`, async () => {
			const figure = await runCase('expire', STORM_CALLS, 0, (done) => {
				// Every token issued so far is now older than its 90-day life; later ones live on this clock.
				if (done === Math.floor(STORM_CALLS / 2)) simulator.setOptions({ now: () => Date.now() + 91 * DAY_MS });
			});
			expectClean(figure);
			expect(figure.logins).toBeGreaterThanOrEqual(1);
			expect(figure.logins).toBeLessThanOrEqual(SLOTS);
		});

		fullOnly(`the token is revoked mid-load: ${STORM_CALLS} calls, 0 failed`, async () => {
			const figure = await runCase('revoke', STORM_CALLS, 0, (done) => {
				if (done === Math.floor(STORM_CALLS / 2)) simulator.revokeTokens();
			});
			expectClean(figure);
			expect(figure.logins).toBeGreaterThanOrEqual(1);
			expect(figure.logins).toBeLessThanOrEqual(SLOTS);
		});

		it(`the service keeps only the newest token per user: cold start and two revocations, ${STORM_CALLS} calls, 0 failed`, async () => {
			simulator.setOptions({ tokensPerUser: 'newest' });
			await cluster!.mainFolder.importCredentials([simulatorCredential(simulator)]);
			try {
				const figure = await runCase('newest', STORM_CALLS, 0, (done) => {
					if (done === Math.round(STORM_CALLS / 3) || done === Math.round((2 * STORM_CALLS) / 3)) simulator.revokeTokens();
				});
				expectClean(figure);
				expect(figure.logins).toBeGreaterThanOrEqual(3);
				expect(figure.logins).toBeLessThanOrEqual(3 * SLOTS);
			} finally {
				simulator.setOptions({ tokensPerUser: 'many' });
			}
		});


		/**
		 * One call to example 1 whose map run SmartConnect receives (and records) but does not answer
		 * yet; the worker running it is killed (SIGKILL) then. What came of it: the runs of its rows at
		 * SmartConnect, the execution record, the caller's answer. The killed worker is started again
		 * with the documented settings afterwards.
		 */
		async function killWorkerMidRun(label: string, settings: string): Promise<KillOutcome> {
			simulator.clearLog();
			const firstId = lastExecutionId();
			const rows = callRows(label, 0, ROWS_PER_CALL);
			const accounts = rows.map((row) => row.accountnumber).join(',');
			const ours = () => simulator.runs.filter((run) => run.rows.map((row) => row.accountnumber).join(',') === accounts);
			for (const endpoint of ['runmapdatatable', 'runmapdatatablewitherrors']) {
				simulator.inject({ endpoint, fault: { kind: 'delay', ms: 900000 }, afterAction: true });
			}
			const answer = callWebhook(cluster!.url, { path: EXAMPLE_RUN_MAP.path, body: { rows } }, 600000);
			try {
				const deadline = Date.now() + 120000;
				while (ours().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
				expect(ours()).toHaveLength(1);
				const [started] = cluster!.executions().filter((e) => Number(e.id) > firstId);
				const victim = workerOf(started.id);
				expect(victim).toBeGreaterThanOrEqual(0);
				await cluster!.workers[victim].stop('SIGKILL');
				const killedAt = Date.now();
				const result = await answer;
				const answeredAfterMs = Date.now() - killedAt;
				const [record] = await executionsAfter(firstId, 1);
				const startedOn = cluster!.workers.map((worker, i) => (worker.startedExecutions().includes(record.id) ? i + 1 : 0)).filter((i) => i > 0);
				const outcome: KillOutcome = {
					n8n: `n8n ${install.version}`,
					settings,
					runs: ours().length,
					execution: record.id,
					status: record.status,
					startedOn,
					answer: { status: result.status, body: JSON.stringify(result.body ?? '').slice(0, 300), error: result.error },
					answeredAfterMs,
					message: record.status === 'success' ? '' : failedExecutionMessages([record])[0],
				};
				await cluster!.restartWorker(victim + 1, QUEUE_SETTINGS[name]);
				kills.push(outcome);
				log(`[${name}] worker killed mid-run (${settings}): ${JSON.stringify(outcome)}`);
				return outcome;
			} finally {
				simulator.clearFaults();
			}
		}

		if (name === 'n8n-1') {
			fullOnly(`a worker killed (SIGKILL) while its map run is in flight, n8n's default QUEUE_WORKER_MAX_STALLED_COUNT=1: another worker runs the job again and the map runs twice (why the setting is documented)`, async () => {
				// Both workers with n8n's default, so that the survivor's stalled-job check re-queues the job.
				for (let i = 1; i <= WORKERS; i++) await cluster!.restartWorker(i, { QUEUE_WORKER_MAX_STALLED_COUNT: '1' });
				const outcome = await killWorkerMidRun('kill-default', 'QUEUE_WORKER_MAX_STALLED_COUNT=1 (default)');
				for (let i = 1; i <= WORKERS; i++) await cluster!.restartWorker(i, QUEUE_SETTINGS[name]);
				expect({ runs: outcome.runs, status: outcome.status, workers: outcome.startedOn.length }).toEqual({ runs: 2, status: 'success', workers: 2 });
			});
		}

		it(`a worker killed (SIGKILL) while its map run is in flight, with the documented settings (${settingsText(name)}): the map ran once, the execution failed and the caller is answered`, async () => {
			const outcome = await killWorkerMidRun('kill', settingsText(name));
			expect({ runs: outcome.runs, failed: outcome.status !== 'success', answered: outcome.answer.status >= 400, startedOn: outcome.startedOn.length }).toEqual({
				runs: 1,
				failed: true,
				answered: true,
				startedOn: 1,
			});
		});
	});
}

function settingsText(name: N8nName): string {
	const settings = Object.entries(QUEUE_SETTINGS[name]).map(([key, value]) => `${key}=${value}`);
	return settings.length > 0 ? settings.join(', ') : 'n8n defaults';
}

/** A call that got no HTTP 200: the status and body, or the network error when no answer came. */
function answerProblem(result: CallResult): string {
	if (result.status === 0) return `no answer: ${result.error ?? 'unknown error'} after ${result.ms} ms`;
	return `HTTP ${result.status}: ${String(JSON.stringify(result.body) ?? '').slice(0, 300)}`;
}

/** A run-map call's problem, or undefined when it got its own run's successful result. */
type RunLog = Array<{ runNumber: number; rows: Array<Record<string, string | null>> }>;

function checkRunCall(result: CallResult, rows: Array<Record<string, string>>, runs: RunLog): string | undefined {
	if (result.status !== 200) return answerProblem(result);
	// The node's items (one per row, in the order posted, each with its smartConnect status), or
	// SmartConnect's RunMapResponse as the HTTP Request node passes it on.
	const body = result.body;
	let runNumber: unknown;
	if (Array.isArray(body)) {
		const items = body as Array<Record<string, unknown>>;
		const statuses = items.map((item) => item.smartConnect as Record<string, unknown> | undefined);
		runNumber = statuses[0]?.runNumber;
		const ok =
			items.length === rows.length &&
			items.every((item, i) => item.accountnumber === rows[i].accountnumber) &&
			statuses.every((status) => status?.status === 'success' && status.sent === true && status.runNumber === runNumber);
		if (!ok) return `answer ${JSON.stringify(body).slice(0, 300)}`;
	} else {
		const response = body as Record<string, unknown> | undefined;
		runNumber = response?.RunNumber;
		if (response?.Status !== 0 || response.RecordCount !== rows.length) return `answer ${JSON.stringify(body).slice(0, 300)}`;
	}
	const run = runs.find((r) => r.runNumber === runNumber);
	if (!run) return `run ${String(runNumber)} is not in SmartConnect's log`;
	const sent = run.rows.map((row) => row.accountnumber).join(',');
	if (sent !== rows.map((row) => row.accountnumber).join(',')) return `run ${String(runNumber)} carried other rows`;
	return undefined;
}

/** What a read call sends (the read ignores it): a value only its execution holds, to find it by. */
function readKey(label: string, n: number): string {
	return `queue-read-${label.replace(/[^\w-]/g, '')}-${n}`;
}

function checkReadCall(result: CallResult, expected: Array<Record<string, string | null>>): string | undefined {
	if (result.status !== 200) return answerProblem(result);
	const rows = result.body as Array<Record<string, unknown>>;
	if (!Array.isArray(rows) || rows.length !== SOURCE_ROWS) return `answer ${JSON.stringify(result.body).slice(0, 200)}`;
	const differs = rows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(expected[i]));
	return differs >= 0 ? `row ${differs} differs: ${JSON.stringify(rows[differs])}` : undefined;
}

export function formatFigures(figures: CaseFigures[]): string {
	return [
		'| n8n | case | calls + reads | rows sent / expected | runs | duplicate rows | failed executions | failed calls | unanswered by n8n | logins | executions/s | p50 / p95 (ms) | per worker |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
		...figures.map(
			(f) =>
				`| ${f.n8n} | ${f.case} | ${f.calls} + ${f.reads} | ${f.rowsSent} / ${f.rowsExpected} | ${f.runs} | ${f.duplicateRows} | ${f.failedExecutions} | ${f.failedCalls} | ${f.unansweredByN8n ?? 0} | ${f.logins} | ${f.executionsPerSecond.toFixed(1)} | ${f.p50Ms} / ${f.p95Ms} | ${f.perWorker.join(' / ')} |`,
		),
	].join('\n');
}
