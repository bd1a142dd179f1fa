/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Node overhead end to end (issue "Performance" §2, §4, §5): the SmartConnect node in n8n's engine
 * against a server on loopback, side by side with a bare node:http POST of the identical body to the
 * same endpoint, each measurement in its own process (peak RSS). Two servers: the simulator, and the
 * null sink (./nullSink.ts), which only reads the body: against it the bare POST is the physical limit.
 */
import '../../test/setup-env';
import { execFile } from 'node:child_process';
import * as path from 'node:path';

import { SmartConnectSimulator, type SimMap } from '../../test/simulator';
import { demoCredentials } from '../../test/helpers/credentials';
import { runNode, shutdownEngine } from '../../test/helpers/engine';
import { median } from '../median';
import { NullSink } from './nullSink';
import { BENCH_COLUMNS } from './rows';

// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a map's GUID, not a credential
export const BENCH_MAP_KEY = '5e1f0c8a-2b3d-4c5e-8f90-a1b2c3d4e5f6';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a map's GUID, not a credential
export const LARGE_SOURCE_MAP_KEY = '6f2a1d9b-3c4e-4d6f-9a01-b2c3d4e5f607';

interface Sample {
	ms: number;
	maxRssMb: number;
	bodyBytes: number;
}

function child(args: string[]): Promise<Sample> {
	const script = path.join(__dirname, 'child.ts');
	return new Promise((resolve, reject) => {
		execFile(
			// BENCH_NODE=<path to a node binary>: run the measurements on another Node.js (n8n 2.x runs on Node 24).
			process.env.BENCH_NODE ?? process.execPath,
			[
				'--max-old-space-size=8192',
				// BENCH_CPU_PROF_DIR=<dir>: each measurement also writes a V8 CPU profile there (bench/cpuprofile.ts reads it).
				...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []),
				'-r',
				'ts-node/register/transpile-only',
				script,
				...args,
			],
			{ maxBuffer: 1 << 20, cwd: path.join(__dirname, '..', '..') },
			(error, stdout, stderr) => {
				if (error) reject(new Error(`${error.message}\n${stderr}`));
				else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Sample);
			},
		);
	});
}

export function benchMap(): SimMap {
	return {
		mapKey: BENCH_MAP_KEY,
		mapId: 'BENCH PURCHASE LINES',
		description: 'Benchmark: 12 text columns',
		columns: BENCH_COLUMNS.map((name, i) => ({ ColumnName: name, IsRequired: i === 0 })),
		mappedColumns: BENCH_COLUMNS.map((name, i) => ({ ColumnName: name, IsRequired: i === 0 })),
		rows: [],
	};
}

/** One server side of the overhead bench: bare POST and node, medians. */
export interface OverheadSide {
	bareMs: number;
	nodeMs: number;
	/** node / bare */
	ratio: number;
	bareRuns: number[];
	nodeRuns: number[];
	nodeRssMb: number;
	/** Null sink only: n8n's engine and request helper around a stand-in node with the body ready (child.ts `floor`). */
	floorMs?: number;
	floorRuns?: number[];
}

export interface OverheadRow {
	items: number;
	payloadMb: number;
	/** Against the simulator (which parses and validates the table with fast-xml-parser); absent with sinkOnly. */
	simulator?: OverheadSide;
	/** Against the null sink (reads the body and counts rows: the physical limit). */
	sink: OverheadSide;
	baselineRssMb: number;
	/** (node peak RSS − baseline) / payload, against the null sink */
	rssOverPayload: number;
}

type ChildArgs = (mode: string, items: number) => string[];

/**
 * The child modes measured on one server, alternating in the order given (`bare` first), `repetitions`
 * times each; medians. `floor` is measured only where it is listed (against the null sink).
 */
async function measureSide(
	args: ChildArgs,
	items: number,
	repetitions: number,
	afterEach: () => void,
	log: (line: string) => void,
	label: string,
	modes: Array<'bare' | 'floor' | 'engine'> = ['bare', 'engine'],
): Promise<{ side: OverheadSide; bodyBytes: number }> {
	const samples: Record<string, Sample[]> = Object.fromEntries(modes.map((mode) => [mode, []]));
	for (let r = 0; r < repetitions; r++) {
		log(`  ${items} items, ${label}, repetition ${r + 1}/${repetitions}`);
		for (const mode of modes) {
			samples[mode].push(await child(args(mode, items)));
			afterEach();
		}
	}
	const runs = (mode: string) => samples[mode].map((s) => s.ms);
	const bareMs = median(runs('bare'));
	const nodeMs = median(runs('engine'));
	return {
		side: {
			bareMs,
			nodeMs,
			ratio: nodeMs / bareMs,
			bareRuns: runs('bare'),
			nodeRuns: runs('engine'),
			nodeRssMb: median(samples.engine.map((s) => s.maxRssMb)),
			...(samples.floor ? { floorMs: median(runs('floor')), floorRuns: runs('floor') } : {}),
		},
		bodyBytes: samples.engine[0].bodyBytes,
	};
}

/**
 * Node vs bare POST at each size, against the simulator and against the null sink, each in its own
 * process. Null-sink runs are short, so they get more repetitions (5; 3 at 100,000 items).
 */
export async function runOverheadBench(
	sizes = [1000, 10000, 100000],
	log: (line: string) => void = () => {},
	options: { sinkOnly?: boolean } = {},
): Promise<OverheadRow[]> {
	const simulator = await SmartConnectSimulator.start();
	simulator.addMap(benchMap());
	const sink = await NullSink.start();
	const { email, password, companyId } = simulator.demo;
	const on = (api: string): ChildArgs => (mode, items) => [mode, api, email, password, companyId, BENCH_MAP_KEY, String(items)];
	const rows: OverheadRow[] = [];
	try {
		const baseline = await child(on(sink.apiUrl)('engine', 1));
		for (const items of sizes) {
			const sinkSide = await measureSide(on(sink.apiUrl), items, items >= 100000 ? 3 : 5, () => {}, log, 'null sink', ['bare', 'floor', 'engine']);
			const simSide = options.sinkOnly
				? undefined
				: await measureSide(on(simulator.apiUrl), items, items >= 100000 ? 1 : 3, () => simulator.clearLog(), log, 'simulator');
			const payloadMb = sinkSide.bodyBytes / 1048576;
			rows.push({
				items,
				payloadMb,
				simulator: simSide?.side,
				sink: sinkSide.side,
				baselineRssMb: baseline.maxRssMb,
				rssOverPayload: (sinkSide.side.nodeRssMb - baseline.maxRssMb) / payloadMb,
			});
		}
	} finally {
		await sink.close();
		await simulator.close();
	}
	return rows;
}

export interface LoginRow {
	executions: number;
	loginsWithStoredToken: number;
	loginsAfterExpiry: number;
}

/** GetToken calls over 100 executions sharing one stored token, then after the token expires. */
export async function runLoginBench(executions = 100): Promise<LoginRow> {
	const simulator = await SmartConnectSimulator.start();
	try {
		const helper = demoCredentials(simulator);
		for (let i = 0; i < executions; i++) {
			const result = await runNode(helper, { parameters: { resource: 'map', operation: 'getMany', returnAll: true } });
			if (result.error) throw result.error;
		}
		const loginsWithStoredToken = simulator.count('gettoken');
		simulator.setOptions({ now: () => Date.now() + 91 * 24 * 3600 * 1000 });
		for (let i = 0; i < executions; i++) {
			const result = await runNode(helper, { parameters: { resource: 'map', operation: 'getMany', returnAll: true } });
			if (result.error) throw result.error;
		}
		return { executions, loginsWithStoredToken, loginsAfterExpiry: simulator.count('gettoken') - loginsWithStoredToken };
	} finally {
		await simulator.close();
		shutdownEngine();
	}
}

export interface RejectedRow {
	items: number;
	bad: number;
	cleanMs: number;
	badMs: number;
	/** badMs / cleanMs: the cost of setting the bad items aside. */
	ratio: number;
}

/**
 * Run With Data Table with Continue On Fail, every 10th item holding a nested object that XML
 * cannot carry (set aside before sending), side by side with the same input without bad items.
 */
export async function runRejectedBench(sizes = [10000, 100000], log: (line: string) => void = () => {}): Promise<RejectedRow[]> {
	const simulator = await SmartConnectSimulator.start();
	simulator.addMap(benchMap());
	const { email, password, companyId } = simulator.demo;
	const args = (items: number, badEvery: number) => ['rejected', simulator.apiUrl, email, password, companyId, BENCH_MAP_KEY, String(items), String(badEvery)];
	const rows: RejectedRow[] = [];
	try {
		for (const items of sizes) {
			const repetitions = items >= 100000 ? 1 : 3;
			const clean: Sample[] = [];
			const bad: Sample[] = [];
			for (let r = 0; r < repetitions; r++) {
				log(`  ${items} items, 0 % and 10 % bad, repetition ${r + 1}/${repetitions}`);
				clean.push(await child(args(items, 0)));
				simulator.clearLog();
				bad.push(await child(args(items, 10)));
				simulator.clearLog();
			}
			const cleanMs = median(clean.map((s) => s.ms));
			const badMs = median(bad.map((s) => s.ms));
			rows.push({ items, bad: Math.floor(items / 10), cleanMs, badMs, ratio: badMs / cleanMs });
		}
	} finally {
		await simulator.close();
	}
	return rows;
}

export interface LargeSourceRow {
	rows: number;
	bodyMb: number;
	nodeMs: number;
	fxpMs: number;
	ratio: number;
	nodeRssMb: number;
	fxpRssMb: number;
}

/** Map › Get Source Rows on a 100,000-row source, vs a bare POST parsed by fast-xml-parser. */
export async function runLargeSourceBench(count = 100000, log: (line: string) => void = () => {}): Promise<LargeSourceRow> {
	const simulator = await SmartConnectSimulator.start();
	simulator.addMap({ ...benchMap(), mapKey: LARGE_SOURCE_MAP_KEY, mapId: 'BENCH LARGE SOURCE', rows: SmartConnectSimulator.generateRows(count, BENCH_COLUMNS) });
	const { email, password, companyId } = simulator.demo;
	const args = (mode: string) => [mode, simulator.apiUrl, email, password, companyId, LARGE_SOURCE_MAP_KEY, String(count)];
	try {
		const node: Sample[] = [];
		const fxp: Sample[] = [];
		for (let r = 0; r < 3; r++) {
			log(`  Get Source Rows ${count} rows, repetition ${r + 1}/3`);
			fxp.push(await child(args('getall-fxp')));
			node.push(await child(args('getall-engine')));
			simulator.clearLog();
		}
		const nodeMs = median(node.map((s) => s.ms));
		const fxpMs = median(fxp.map((s) => s.ms));
		return {
			rows: count,
			bodyMb: fxp[0].bodyBytes / 1048576,
			nodeMs,
			fxpMs,
			ratio: fxpMs / nodeMs,
			nodeRssMb: median(node.map((s) => s.maxRssMb)),
			fxpRssMb: median(fxp.map((s) => s.maxRssMb)),
		};
	} finally {
		await simulator.close();
	}
}

/** Formats the overhead rows (section 2 of the report). */
export function formatOverheadBench(rows: OverheadRow[]): string {
	const f = (n: number, digits = 0) => n.toFixed(digits);
	const side = (s: OverheadSide | undefined) => (s ? `${f(s.bareMs)} | ${f(s.nodeMs)} | ${f(s.ratio, 2)}×` : '– | – | –');
	const floor = (s: OverheadSide) => (s.floorMs === undefined ? '– | –' : `${f(s.floorMs)} | ${f(s.floorMs / s.bareMs, 2)}×`);
	return [
		'| items | XML sent (MB) | null sink: bare POST (ms) | null sink: node (ms) | **node / null sink** | n8n floor (ms) | n8n floor / null sink | simulator: bare POST (ms) | simulator: node (ms) | node / simulator bare | node peak RSS (MB) | baseline RSS (MB) | (RSS − baseline) / payload |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		...rows.map(
			(row) =>
				`| ${row.items} | ${f(row.payloadMb, 1)} | ${side(row.sink)} | ${floor(row.sink)} | ${side(row.simulator)} | ${f(row.sink.nodeRssMb)} | ${f(row.baselineRssMb)} | ${f(row.rssOverPayload, 1)}× |`,
		),
		'',
		...rows.map(
			(row) =>
				`- ${row.items} items, each run (ms): null sink bare ${row.sink.bareRuns.map((t) => f(t)).join(', ')}; n8n floor ${(row.sink.floorRuns ?? []).map((t) => f(t)).join(', ')}; node ${row.sink.nodeRuns.map((t) => f(t)).join(', ')}` +
				(row.simulator ? `; simulator bare ${row.simulator.bareRuns.map((t) => f(t)).join(', ')}; node ${row.simulator.nodeRuns.map((t) => f(t)).join(', ')}` : ''),
		),
	].join('\n');
}

if (require.main === module) {
	// npx ts-node --transpile-only bench/node/index.ts [--sink-only] [sizes…]
	const argv = process.argv.slice(2);
	const sizes = argv.filter((a) => /^\d+$/.test(a)).map(Number);
	runOverheadBench(sizes.length > 0 ? sizes : [1000, 10000, 100000], (line) => process.stderr.write(`${line}\n`), { sinkOnly: argv.includes('--sink-only') })
		.then((rows) => process.stdout.write(`${formatOverheadBench(rows)}\n`))
		.catch((error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exitCode = 1;
		});
}
