/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Child process for the XML benchmark (started by bench/xml/index.ts with --expose-gc).
 *
 * - mode 'time': both implementations of one operation, alternating run by run in this one process
 *   (ours, theirs, theirs, ours, …), so background load on the machine hits both alike. Both get
 *   the very same input objects / text. A full GC (not timed) precedes every run.
 * - mode 'memory': one implementation, one untimed run in this fresh process while a second thread
 *   samples the process RSS every ~2 ms.
 *
 * Protocol: receives a WorkerTask message, replies with { ok, result } and exits.
 */
import { readFileSync } from 'fs';
import { Worker } from 'worker_threads';
import { X2jOptions, XMLBuilder, XMLParser } from 'fast-xml-parser';

import { readDataTable, writeRunMapDataTableBody } from '../../nodes/SmartConnect/xml';
import { benchRows } from './data';

/** theirsText: XMLBuilder's string alone, not encoded (write only). */
export type Side = 'ours' | 'theirs' | 'theirsText';

export interface WorkerTask {
	mode: 'time' | 'memory';
	op: 'write' | 'read';
	/** for 'memory' */
	side?: Side;
	rows: number;
	cols: number;
	warmup: number;
	reps: number;
	/** For 'read': file holding the XML text to parse. */
	xmlFile?: string;
}

export interface SideTimes {
	/** wall-clock ms of each timed run */
	timesMs: number[];
	/** CPU ms (user + system, all threads incl. V8's GC helpers) of each timed run */
	cpuMs: number[];
}

export interface TimeResult {
	ours: SideTimes;
	theirs: SideTimes;
	theirsText?: SideTimes;
}

export interface MemoryResult {
	/** RSS right before the run (input prepared, full GC), MB */
	rssBeforeMb: number;
	/** highest RSS sampled during the run, MB */
	peakRssMb: number;
}

/** fast-xml-parser options that keep every value a string, like readDataTable. */
export const FXP_PARSER_OPTIONS: X2jOptions = {
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: false,
	processEntities: true,
	isArray: (_name: string, jpath: unknown) => jpath === 'DataSet.Table',
};

function gc(): void {
	const g = (global as unknown as { gc?: () => void }).gc;
	if (g) g();
}

/**
 * XMLBuilder's string forced flat (one charCodeAt in the middle): it returns a rope of millions of
 * pieces that V8 flattens on first use, e.g. when the request encodes it.
 */
function flat(s: string): number {
	return s.charCodeAt(s.length >> 1) >= 0 ? s.length : 0;
}

/** The operations, sharing one input. */
function prepare(task: WorkerTask): Partial<Record<Side, () => number>> {
	if (task.op === 'write') {
		const rows = benchRows(task.rows, task.cols);
		const builder = new XMLBuilder({});
		return {
			// The body's bytes, as the request sends them.
			ours: () => writeRunMapDataTableBody(rows).length,
			theirs: () => Buffer.from(builder.build({ RequestData: { Table: rows } }) as string, 'utf8').length,
			theirsText: () => flat(builder.build({ RequestData: { Table: rows } }) as string),
		};
	}
	const xml = readFileSync(task.xmlFile as string, 'utf8');
	const parser = new XMLParser(FXP_PARSER_OPTIONS);
	return {
		ours: () => readDataTable(xml).rows.length,
		theirs: () => (parser.parse(xml) as { DataSet: { Table: unknown[] } }).DataSet.Table.length,
	};
}

function time(ops: Partial<Record<Side, () => number>>, warmup: number, reps: number): TimeResult {
	const result: TimeResult = { ours: { timesMs: [], cpuMs: [] }, theirs: { timesMs: [], cpuMs: [] } };
	const sides = (Object.keys(ops) as Side[]).filter((side) => ops[side] !== undefined);
	for (const side of sides) result[side] ??= { timesMs: [], cpuMs: [] };
	for (let i = 0; i < warmup + reps; i++) {
		const order: Side[] = i % 2 === 0 ? sides : [...sides].reverse();
		for (const side of order) {
			gc();
			const c0 = process.cpuUsage();
			const t0 = process.hrtime.bigint();
			(ops[side] as () => number)();
			const ms = Number(process.hrtime.bigint() - t0) / 1e6;
			const c = process.cpuUsage(c0);
			if (i >= warmup) {
				const times = result[side] as SideTimes;
				times.timesMs.push(ms);
				times.cpuMs.push((c.user + c.system) / 1000);
			}
		}
	}
	return result;
}

/** Samples the process RSS from a second thread while the main thread is busy. */
class RssSampler {
	private readonly shared = new SharedArrayBuffer(8);
	private readonly state = new Int32Array(this.shared); // [0] = 1 sampling / 0 idle / 2 quit, [1] = max RSS in KB
	private readonly worker: Worker;

	constructor() {
		this.worker = new Worker(
			`const { workerData } = require('worker_threads');
			const s = new Int32Array(workerData);
			const nap = new Int32Array(new SharedArrayBuffer(4));
			for (;;) {
				const state = Atomics.load(s, 0);
				if (state === 2) break;
				if (state === 1) {
					const kb = Math.floor(process.memoryUsage.rss() / 1024);
					if (kb > Atomics.load(s, 1)) Atomics.store(s, 1, kb);
					Atomics.wait(nap, 0, 0, 2);
				} else {
					Atomics.wait(s, 0, 0, 50);
				}
			}`,
			{ eval: true, workerData: this.shared },
		);
	}

	start(): void {
		Atomics.store(this.state, 1, 0);
		Atomics.store(this.state, 0, 1);
		Atomics.notify(this.state, 0);
	}

	/** Peak RSS in MB since start(). */
	stop(): number {
		Atomics.store(this.state, 0, 0);
		return Math.max(Atomics.load(this.state, 1), process.memoryUsage.rss() / 1024) / 1024;
	}

	async close(): Promise<void> {
		Atomics.store(this.state, 0, 2);
		Atomics.notify(this.state, 0);
		await this.worker.terminate();
	}
}

async function memory(op: () => number): Promise<MemoryResult> {
	const sampler = new RssSampler();
	gc();
	const rssBeforeMb = process.memoryUsage.rss() / 1048576;
	sampler.start();
	op();
	const peakRssMb = sampler.stop();
	await sampler.close();
	return { rssBeforeMb, peakRssMb };
}

async function run(task: WorkerTask): Promise<TimeResult | MemoryResult> {
	const ops = prepare(task);
	if (task.mode === 'time') return time(ops, task.warmup, task.reps);
	// Memory in a fresh process, before anything else ran: later runs would leave freed pages in the RSS.
	return memory(ops[task.side ?? 'ours'] as () => number);
}

process.on('message', (task: WorkerTask) => {
	run(task).then(
		(result) => process.send?.({ ok: true, result }, () => process.exit(0)),
		(e) => process.send?.({ ok: false, error: String((e as Error).stack ?? e) }, () => process.exit(1)),
	);
});
