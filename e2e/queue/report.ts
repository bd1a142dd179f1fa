/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Prints the figures of the last `npm run test:queue` (e2e/.queue-results/<line>.json) as the
 * markdown of BENCHMARKS.md's section 7:
 *
 *   npx ts-node --transpile-only e2e/queue/report.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { formatFigures, RESULTS_DIR, type CaseFigures, type KillOutcome } from './queue.suite';

function main(): void {
	const files = fs.existsSync(RESULTS_DIR) ? fs.readdirSync(RESULTS_DIR).filter((file) => file.endsWith('.json')).sort() : [];
	if (files.length === 0) throw new Error(`no results in ${RESULTS_DIR}: run npm run test:queue first`);
	const figures = files.flatMap((file) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, file), 'utf8')) as CaseFigures[]);
	const lines = [
		'## 7. Queue mode: the node vs HTTP Request + Code, and login storms',
		'',
		'From `npm run test:queue`: PostgreSQL 15, Redis 7, one n8n main (`EXECUTIONS_MODE=queue`) and two `n8n worker --concurrency=5`, each with the package installed, on this 2-core machine shared with other work. Calls go to production webhooks, 20 in flight; each run call carries 50 rows. *load* is example 1 (Run With Data Table) plus reads of 500 source rows (Map › Get Source Rows) spread among the calls; *http-code* is the same run calls through bench/n8n\'s HTTP Request + Code nodes (GetToken and runmapdatatable per execution). Then, with the node: *cold* (no stored token), *expire* and *revoke* (all tokens expire / are revoked after half the calls), *newest* (the service keeps only the newest token per user; cold start and two revocations). Every case checks at SmartConnect that each row arrived exactly once and each caller got its own run; executions/s counts every call of the case over its wall time; p50/p95 are the run calls\' webhook latencies.',
		'',
		formatFigures(figures),
		'',
	];
	for (const line of [...new Set(figures.map((f) => f.n8n))]) {
		const node = figures.find((f) => f.n8n === line && f.case === 'load');
		const http = figures.find((f) => f.n8n === line && f.case === 'http-code');
		if (node && http) {
			lines.push(
				`- ${line}: the node runs ${(node.executionsPerSecond / http.executionsPerSecond).toFixed(2)}× the executions per second of HTTP Request + Code; webhook latency p50 ${node.p50Ms} vs ${http.p50Ms} ms, p95 ${node.p95Ms} vs ${http.p95Ms} ms; logins ${node.logins} vs ${http.logins}.`,
			);
		}
	}
	for (const figure of figures) for (const why of figure.unansweredWhy ?? []) lines.push(`- ${figure.n8n} ${figure.case}, unanswered by n8n: ${why}`);
	const killDir = path.join(RESULTS_DIR, 'kill');
	const kills = fs.existsSync(killDir)
		? fs
				.readdirSync(killDir)
				.filter((file) => file.endsWith('.json'))
				.sort()
				.flatMap((file) => JSON.parse(fs.readFileSync(path.join(killDir, file), 'utf8')) as KillOutcome[])
		: [];
	if (kills.length > 0) {
		lines.push(
			'',
			'A worker killed (SIGKILL) while SmartConnect holds its map run\'s answer (the run is recorded):',
			'',
			'| n8n | settings | runs of the rows at SmartConnect | execution | workers that started it | caller got (after the kill) |',
			'|---|---|---:|---|---|---|',
			...kills.map(
				(k) =>
					`| ${k.n8n} | ${k.settings} | ${k.runs} | ${k.status}${k.message ? `: ${k.message.replace(/^execution \d+ \(\w+\): /, '')}` : ''} | ${k.startedOn.join(', ')} | HTTP ${k.answer.status} ${k.answer.status === 200 ? '(the second run\'s result)' : k.answer.body} (${Math.round(k.answeredAfterMs / 1000)} s) |`,
			),
		);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

main();
