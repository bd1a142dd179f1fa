/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * XML benchmark: our writer vs fast-xml-parser's XMLBuilder, our readDataTable vs XMLParser.
 *
 *   npx ts-node --transpile-only bench/xml/index.ts [rows] [cols]     (default 100000 × 12)
 *
 * What is measured
 * - Time: one child process per operation (bench/xml/worker.ts, --expose-gc) runs both
 *   implementations alternately (ours, theirs, theirs, ours, …) on the very same input, so load
 *   from other processes on the machine hits both alike. `warmup` rounds are not counted, then
 *   `reps` rounds; a full GC (not timed) precedes every run. Reported: median wall-clock ms, and the
 *   median CPU ms of the process (user + system, including V8's parallel GC threads), which is less
 *   disturbed by a busy machine. ratio = theirs / ours (> 1: we are faster).
 * - Memory: for each implementation a fresh child prepares the input, runs a full GC, then does one
 *   untimed run while a second thread samples the process RSS every ~2 ms. Reported: the peak RSS
 *   during that run, and its increase over the RSS right before it, i.e. what the operation needed
 *   on top of its input (output plus garbage not yet collected). RSS includes the child's Node/V8
 *   baseline (~50 MB) and the input (rows as JS objects, or the XML text as a JS string).
 * - Inputs: deterministic rows (bench/xml/data.ts). The writers build the RunMapDataTable body
 *   `<RequestData><Table>…</Table>…</RequestData>` — the function the node sends with — and their
 *   output is byte-identical for this data (checked first). The read input is the same rows as a
 *   `<DataSet>` document (the shape SmartConnect answers with).
 * - Writers: the timed operation is "build the request body's bytes", what sending needs: ours
 *   writes UTF-8 bytes directly (a Buffer, handed to n8n's request helper as it is); XMLBuilder
 *   returns a string (a rope V8 flattens on first use), which the request encodes to UTF-8
 *   (Buffer.from). The report also gives XMLBuilder's string alone (flattened, not encoded): the
 *   stricter comparison, which leaves out the encoding step it would still need.
 * - fast-xml-parser 5 options: XMLBuilder defaults; XMLParser with ignoreAttributes, parseTagValue:false,
 *   trimValues:false, processEntities:true and isArray for the rows (strings kept as strings, like ours).
 */
import { fork } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { XMLBuilder } from 'fast-xml-parser';

import { writeRunMapDataTableBody } from '../../nodes/SmartConnect/xml';
import { writeDataSet } from '../../test/helpers/xml';
import { median } from '../median';
import { benchRows } from './data';
import type { MemoryResult, Side, TimeResult, WorkerTask } from './worker';

export interface XmlBenchResult {
	name: string;
	rows: number;
	cols: number;
	/** median wall-clock ms */
	oursMs: number;
	theirsMs: number;
	/** theirs / ours (wall clock) */
	ratio: number;
	/** median CPU ms (all threads of the child) */
	oursCpuMs: number;
	theirsCpuMs: number;
	/** peak RSS sampled during one run, MB */
	peakRssMbOurs: number;
	peakRssMbTheirs: number;
	/** peak RSS minus RSS before the run (input already in memory), MB */
	rssDeltaMbOurs: number;
	rssDeltaMbTheirs: number;
	oursTimesMs: number[];
	theirsTimesMs: number[];
	/** Writer only: XMLBuilder's string alone (flattened, not encoded), median ms, and theirsText / ours. */
	theirsTextMs?: number;
	textRatio?: number;
	/** UTF-8 size of the XML document */
	inputBytes: number;
}

export interface XmlBenchOptions {
	rows?: number;
	cols?: number;
	warmup?: number;
	reps?: number;
}

function runWorker<T>(task: WorkerTask): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = fork(join(__dirname, 'worker.ts'), [], {
			execArgv: ['--expose-gc', '--max-old-space-size=6144', '-r', 'ts-node/register/transpile-only'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let done = false;
		child.on('message', (m: { ok: boolean; result?: T; error?: string }) => {
			done = true;
			if (m.ok && m.result) resolve(m.result);
			else reject(new Error(`bench worker failed: ${m.error}`));
		});
		child.on('exit', (code) => {
			if (!done) reject(new Error(`bench worker exited with code ${code}`));
		});
		child.send(task);
	});
}

/** Sanity check: our writer and XMLBuilder produce the same bytes for the benchmark data. */
function checkSameOutput(cols: number): boolean {
	const rows = benchRows(1000, cols);
	return writeRunMapDataTableBody(rows).equals(Buffer.from(new XMLBuilder({}).build({ RequestData: { Table: rows } }) as string, 'utf8'));
}

export async function runXmlBench(opts?: XmlBenchOptions): Promise<XmlBenchResult[]> {
	const rows = opts?.rows ?? 100000;
	const cols = opts?.cols ?? 12;
	const warmup = opts?.warmup ?? 2;
	const reps = opts?.reps ?? 7;
	if (!checkSameOutput(cols)) throw new Error('our writer and XMLBuilder disagree on the benchmark data');

	const dir = mkdtempSync(join(tmpdir(), 'xml-bench-'));
	try {
		const xml = writeDataSet(benchRows(rows, cols));
		const xmlFile = join(dir, 'table.xml');
		writeFileSync(xmlFile, xml, 'utf8');
		const inputBytes = Buffer.byteLength(xml, 'utf8');

		const results: XmlBenchResult[] = [];
		for (const op of ['write', 'read'] as const) {
			const base = { op, rows, cols, warmup, reps, xmlFile };
			// One child at a time: measurements never compete with each other.
			const t = await runWorker<TimeResult>({ ...base, mode: 'time' });
			const mem: Partial<Record<Side, MemoryResult>> = {};
			for (const side of ['ours', 'theirs'] as const) mem[side] = await runWorker<MemoryResult>({ ...base, mode: 'memory', side });
			const ours = mem.ours as MemoryResult;
			const theirs = mem.theirs as MemoryResult;
			const oursMs = median(t.ours.timesMs);
			const theirsMs = median(t.theirs.timesMs);
			results.push({
				name: op === 'write' ? 'write the data table body (writeRunMapDataTableBody vs XMLBuilder.build)' : 'read DataSet (readDataTable vs XMLParser.parse)',
				rows,
				cols,
				oursMs,
				theirsMs,
				ratio: theirsMs / oursMs,
				oursCpuMs: median(t.ours.cpuMs),
				theirsCpuMs: median(t.theirs.cpuMs),
				peakRssMbOurs: ours.peakRssMb,
				peakRssMbTheirs: theirs.peakRssMb,
				rssDeltaMbOurs: ours.peakRssMb - ours.rssBeforeMb,
				rssDeltaMbTheirs: theirs.peakRssMb - theirs.rssBeforeMb,
				oursTimesMs: t.ours.timesMs,
				theirsTimesMs: t.theirs.timesMs,
				...(t.theirsText ? { theirsTextMs: median(t.theirsText.timesMs), textRatio: median(t.theirsText.timesMs) / oursMs } : {}),
				inputBytes,
			});
		}
		return results;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function fmt(n: number, d = 0): string {
	return n.toFixed(d);
}

export function formatXmlBench(results: XmlBenchResult[]): string {
	const lines: string[] = [];
	const r0 = results[0];
	lines.push(
		`XML benchmark: ${r0.rows} rows × ${r0.cols} columns, ${fmt(r0.inputBytes / 1048576, 1)} MB of XML; ` +
			`median of ${r0.oursTimesMs.length} alternating runs after warm-up; node ${process.version}; load average ${loadavg()
				.map((x) => x.toFixed(2))
				.join(' ')}`,
	);
	lines.push('');
	lines.push(
		'| operation | ours ms | fast-xml-parser ms | ratio theirs/ours | CPU ms ours / theirs (ratio) | peak RSS MB ours / theirs | RSS increase MB ours / theirs |',
	);
	lines.push('|---|---:|---:|---:|---:|---:|---:|');
	for (const r of results) {
		lines.push(
			`| ${r.name} | ${fmt(r.oursMs)} | ${fmt(r.theirsMs)} | ${fmt(r.ratio, 2)}× | ` +
				`${fmt(r.oursCpuMs)} / ${fmt(r.theirsCpuMs)} (${fmt(r.theirsCpuMs / r.oursCpuMs, 2)}×) | ` +
				`${fmt(r.peakRssMbOurs)} / ${fmt(r.peakRssMbTheirs)} | ${fmt(r.rssDeltaMbOurs)} / ${fmt(r.rssDeltaMbTheirs)} |`,
		);
	}
	lines.push('');
	for (const r of results) {
		if (r.theirsTextMs !== undefined && r.textRatio !== undefined) {
			lines.push(
				`${r.name}, stricter: XMLBuilder's string alone (flattened, not yet encoded to bytes) ${fmt(r.theirsTextMs)} ms, ${fmt(r.textRatio, 2)}× ours.`,
			);
		}
	}
	for (const r of results) {
		lines.push(`${r.name}: ours ${r.oursTimesMs.map((t) => fmt(t)).join(', ')} ms; theirs ${r.theirsTimesMs.map((t) => fmt(t)).join(', ')} ms`);
	}
	return lines.join('\n');
}

if (require.main === module) {
	const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
	const cols = process.argv[3] ? Number(process.argv[3]) : undefined;
	runXmlBench({ rows, cols })
		.then((results) => {
			process.stdout.write(`${formatXmlBench(results)}\n`);
		})
		.catch((e) => {
			process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
			process.exitCode = 1;
		});
}
