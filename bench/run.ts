/**
 * `npm run bench`: every benchmark, side by side in one run, as one report.
 *   npm run bench                 print the report
 *   npm run bench -- --write      also replace BENCHMARKS.md with it
 *   npm run bench -- --quick      smaller sizes, for a smoke run
 * Benchmarks measure; tests assert. Nothing here is a pass/fail threshold except where a target
 * is quoted next to its figure.
 */
import '../test/setup-env';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { formatUserWorkflowBench, runUserWorkflowBench } from './n8n';
import { runLargeSourceBench, runLoginBench, runOverheadBench } from './node';
import { formatXmlBench, runXmlBench } from './xml';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const progress = (line: string) => process.stderr.write(`${line}\n`);
const f = (n: number, digits = 0) => n.toFixed(digits);

/** A dependency's version, from the package.json above its entry point (its exports may hide the file). */
function versionOf(name: string): string {
	let dir = path.dirname(require.resolve(name));
	while (!existsSync(path.join(dir, 'package.json')) || JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
		const parent = path.dirname(dir);
		if (parent === dir) return 'unknown';
		dir = parent;
	}
	return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function machine(): string {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	return `${cpu}, ${os.cpus().length} cores, ${f(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; n8n-core ${versionOf(
		'n8n-core',
	)}, n8n-workflow ${versionOf('n8n-workflow')}, fast-xml-parser ${versionOf('fast-xml-parser')}`;
}

async function main(): Promise<void> {
	const sections: string[] = [];
	const started = new Date();
	const commit = (() => {
		try {
			return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.join(__dirname, '..') }).toString().trim();
		} catch {
			return 'unknown';
		}
	})();
	sections.push(
		`# Benchmarks\n\nLatest run: ${started.toISOString()} at commit ${commit}, command \`npm run bench${quick ? ' -- --quick' : ''}${
			args.has('--write') ? ' -- --write' : ''
		}\`.\nMachine: ${machine()}.\nEvery ratio below compares two measurements taken in this same run, one after the other, each in a process of its own.`,
	);

	progress('1/5 XML writer and reader vs fast-xml-parser …');
	const xml = await runXmlBench(quick ? { rows: 10000, reps: 3 } : {});
	sections.push(
		`## 1. XML: our writer and reader vs fast-xml-parser\n\nTargets: writer ≥ 3× faster than XMLBuilder, reader ≥ 1.5× faster than XMLParser.\n\n${formatXmlBench(xml)}`,
	);

	progress('2/5 Node overhead through n8n\'s engine vs a bare POST …');
	const overhead = await runOverheadBench(quick ? [1000, 10000] : [1000, 10000, 100000], progress);
	sections.push(
		[
			'## 2. Node overhead end to end: Run With Data Table through n8n\'s engine vs a bare POST',
			'',
			'Items → one data table → `RunMapDataTableWithErrors` on the simulator (127.0.0.1). "Bare POST" is `node:http` sending the identical body (built beforehand) to the same endpoint with a token obtained beforehand: the physical limit on this machine, simulator included. The node\'s time includes n8n\'s engine, reading the items, building the XML, the request and decoding the result; its login happens before timing, as for the bare POST. Peak RSS is the whole node process; "baseline" is the same process running the engine with one item. Targets: at 10,000 items ≤ 1.5× the bare POST; peak memory ≤ 4× the payload above the baseline.',
			'',
			'| items | XML sent (MB) | bare POST (ms) | SmartConnect node (ms) | node / bare | node peak RSS (MB) | baseline RSS (MB) | (RSS − baseline) / payload |',
			'|---:|---:|---:|---:|---:|---:|---:|---:|',
			...overhead.map(
				(row) =>
					`| ${row.items} | ${f(row.payloadMb, 1)} | ${f(row.bareMs)} | ${f(row.nodeMs)} | ${f(row.ratio, 2)}× | ${f(row.nodeRssMb)} | ${f(row.baselineRssMb)} | ${f(row.rssOverPayload, 1)}× |`,
			),
			'',
			'Reading the memory column: below a few MB of payload the difference to the baseline is within the run-to-run variation of RSS (it can come out negative). At 100,000 items the 100,000 input items themselves — the engine\'s input, held in the same process before the node runs — weigh more than the XML, so that ratio measures them too; the target is stated at 10,000 items. The bare POST includes the simulator parsing and validating the table (fast-xml-parser), which is the same work for both sides and most of the time of each; it varies between repetitions, so the ratio moves around 1 from run to run of this bench (10,000 items: 1.18×, 1.16× and 0.76× in the last three runs, about 1 s each): read it as no measurable overhead, not as the node beating the limit.',
		].join('\n'),
	);
	progress('3/5 HTTP Request + Code nodes vs the SmartConnect node in real n8n …');
	const users = await runUserWorkflowBench(
		quick ? { versions: ['n8n-1'], sizes: [1000], executions: 2 } : { versions: ['n8n-1', 'n8n-2'], sizes: [1000, 10000], executions: 5 },
		progress,
	);
	sections.push(
		[
			'## 3. What users do today: HTTP Request + Code nodes vs one SmartConnect node, in real n8n',
			'',
			'The same job in the same n8n against the same simulator: a Code node makes the rows (shared, not counted), then either a Code node builds the data table XML, an HTTP Request node calls GetToken (the password as typed; the token\'s quotes stripped in an expression) and another POSTs the XML to `runmapdatatable` — what users chain today — or one SmartConnect node runs Map Run › Run With Data Table on the same endpoint (Return Validation Errors off) with the token kept in its credential. Each execution is `n8n execute --id` of the imported workflow (a fresh n8n process, the package installed as a community package, as in the end-to-end tests), the two alternating; times are n8n\'s own per-node `executionTime`, summed over the job\'s nodes, median of the executions. The first execution of each workflow is checked: SmartConnect received exactly the same rows from both. The job\'s time includes its login wherever one happens (every HTTP execution; the node\'s first). "Whole execution" is n8n\'s startedAt → stoppedAt and includes the shared rows node, which on n8n 2.x also waits for the Code task runner to start (about a second, varying between executions): compare the job columns. Target: the node at least as fast, one login per token life instead of one per execution.',
			'',
			formatUserWorkflowBench(users),
		].join('\n'),
	);

	progress('4/5 Logins over 100 executions …');
	const logins = await runLoginBench(quick ? 20 : 100);
	sections.push(
		[
			'## 4. Logins (GetToken calls)',
			'',
			'| executions | logins with the stored token | logins after the token expired |',
			'|---:|---:|---:|',
			`| ${logins.executions} | ${logins.loginsWithStoredToken} (target 1) | ${logins.loginsAfterExpiry} more (target 1) |`,
		].join('\n'),
	);

	progress('5/5 Map Data › Get All on a large source …');
	const large = await runLargeSourceBench(quick ? 10000 : 100000, progress);
	sections.push(
		[
			'## 5. Large source data: Map Data › Get All',
			'',
			'The node through the engine (request, `<string>` unwrapping, reading the dataset, one item per row) vs a bare POST whose body fast-xml-parser parses (the `<string>` wrapper, then the dataset inside).',
			'',
			'| rows | body (MB) | SmartConnect node (ms) | bare POST + fast-xml-parser (ms) | speed-up | node peak RSS (MB) | fast-xml-parser peak RSS (MB) |',
			'|---:|---:|---:|---:|---:|---:|---:|',
			`| ${large.rows} | ${f(large.bodyMb, 1)} | ${f(large.nodeMs)} | ${f(large.fxpMs)} | ${f(large.ratio, 2)}× | ${f(large.nodeRssMb)} | ${f(large.fxpRssMb)} |`,
		].join('\n'),
	);

	const report = `${sections.join('\n\n')}\n`;
	process.stdout.write(report);
	if (args.has('--write')) {
		// Section 6 comes from `npm run test:queue` (queue mode in real n8n), not from this run: kept as it is.
		const file = path.join(__dirname, '..', 'BENCHMARKS.md');
		const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
		const queueSection = previous.indexOf(QUEUE_SECTION);
		writeFileSync(file, queueSection >= 0 ? `${report}\n${previous.slice(queueSection)}` : report);
	}
}

/** The heading of the queue-mode section (written from e2e/.queue-results by e2e/queue/report.ts). */
const QUEUE_SECTION = '## 6. Queue mode';

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
