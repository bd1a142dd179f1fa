/**
 * Child process for one benchmark measurement (one operation, one implementation), so that each
 * side's peak RSS and garbage are its own. Started by bench/xml/index.ts with --expose-gc.
 *
 * Protocol: receives a WorkerTask message, replies with a WorkerResult message, exits.
 */
import { readFileSync } from 'fs';
import { Worker } from 'worker_threads';
import { X2jOptions, XMLBuilder, XMLParser } from 'fast-xml-parser';

import { encodeXmlName, readDataTable, writeDataSet } from '../../nodes/SmartConnect/xml';
import { benchRows } from './data';

export interface WorkerTask {
	op: 'write' | 'read';
	side: 'ours' | 'theirs';
	rows: number;
	cols: number;
	warmup: number;
	reps: number;
	/** For 'read': file holding the XML text to parse. */
	xmlFile?: string;
}

export interface WorkerResult {
	timesMs: number[];
	/** CPU time (user + system, all threads incl. GC helpers) of each timed run */
	cpuMs: number[];
	/** RSS right before the memory run (input prepared, full GC), MB */
	rssBeforeMb: number;
	/** Highest RSS sampled (every ~2 ms, from another thread) during the memory run, MB */
	peakRssMb: number;
	/** Length of the produced XML (write) or number of rows read (read), as a sanity check */
	outputSize: number;
}

function gc(): void {
	const g = (global as unknown as { gc?: () => void }).gc;
	if (g) g();
}

/** Samples process RSS from a second thread while the main thread is busy. */
class RssSampler {
	private readonly shared = new SharedArrayBuffer(8);
	private readonly state = new Int32Array(this.shared); // [0] = running flag, [1] = max RSS in KB
	private readonly worker: Worker;

	constructor() {
		this.worker = new Worker(
			`const { workerData } = require('worker_threads');
			const s = new Int32Array(workerData);
			const nap = new Int32Array(new SharedArrayBuffer(4));
			for (;;) {
				if (Atomics.load(s, 0) === 2) break;
				if (Atomics.load(s, 0) === 1) {
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
		const kb = Math.max(Atomics.load(this.state, 1), process.memoryUsage.rss() / 1024);
		return kb / 1024;
	}

	async close(): Promise<void> {
		Atomics.store(this.state, 0, 2);
		Atomics.notify(this.state, 0);
		await this.worker.terminate();
	}
}

function flat(s: string): number {
	return s.charCodeAt(s.length >> 1) >= 0 ? s.length : 0;
}

/** fast-xml-parser options that keep every value a string, like readDataTable. */
export const FXP_PARSER_OPTIONS: X2jOptions = {
	ignoreAttributes: true,
	parseTagValue: false,
	trimValues: false,
	processEntities: true,
	isArray: (_name: string, jpath: unknown) => jpath === 'DataSet.Table',
};

async function run(task: WorkerTask): Promise<WorkerResult> {
	let op: () => number;
	if (task.op === 'write') {
		// Both results are forced flat (charCodeAt in the middle), as sending them would: XMLBuilder
		// returns a rope of millions of pieces, ours is already flat, so this is the fair comparison.
		if (task.side === 'ours') {
			const rows = benchRows(task.rows, task.cols);
			op = () => flat(writeDataSet(rows));
		} else {
			// XMLBuilder does not encode names: it gets the same rows with already-encoded column
			// names ("Address_x0020_Line_x0020_1"), so both sides produce identical XML.
			const rows = benchRows(task.rows, task.cols, undefined, encodeXmlName);
			const builder = new XMLBuilder({});
			op = () => flat(builder.build({ DataSet: { Table: rows } }) as string);
		}
	} else {
		const xml = readFileSync(task.xmlFile as string, 'utf8');
		if (task.side === 'ours') {
			op = () => readDataTable(xml).rows.length;
		} else {
			const parser = new XMLParser(FXP_PARSER_OPTIONS);
			op = () => (parser.parse(xml) as { DataSet: { Table: unknown[] } }).DataSet.Table.length;
		}
	}
	// Memory first, in a fresh process (later runs would leave freed-but-retained pages in the RSS):
	// one untimed run while another thread samples the RSS.
	const sampler = new RssSampler();
	gc();
	const rssBeforeMb = process.memoryUsage.rss() / 1048576;
	sampler.start();
	op();
	const peakRssMb = sampler.stop();
	await sampler.close();

	const timesMs: number[] = [];
	const cpuMs: number[] = [];
	let outputSize = 0;
	for (let i = 0; i < task.warmup + task.reps; i++) {
		gc();
		const c0 = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		outputSize = op();
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		const c = process.cpuUsage(c0);
		if (i >= task.warmup) {
			timesMs.push(ms);
			cpuMs.push((c.user + c.system) / 1000);
		}
	}
	return { timesMs, cpuMs, rssBeforeMb, peakRssMb, outputSize };
}

process.on('message', (task: WorkerTask) => {
	run(task).then(
		(result) => process.send?.({ ok: true, result }, () => process.exit(0)),
		(e) => process.send?.({ ok: false, error: String((e as Error).stack ?? e) }, () => process.exit(1)),
	);
});
