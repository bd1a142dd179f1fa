/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The null sink: the cheapest server that still receives a data-table run. It answers GetToken,
 * validate, GetHistoryForProcess and GetMapColumns (the benchmark's columns) with constants and, for a run, only reads the body and counts its rows (the
 * `</Table>` end tags in the raw bytes, across chunk boundaries), then answers a RunMapResponse
 * with that count. Nothing is parsed, validated or stored. Comparing the node with a bare POST to
 * it measures the node's own cost against loopback plus reading the bytes — the physical limit —
 * instead of against the simulator's fast-xml-parser validation, which costs both sides alike.
 * Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { BENCH_COLUMNS } from './rows';

const ROW_END = Buffer.from('</Table>');
// What the sink hands out as a session token: a fixed dummy, not a secret.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a dummy token of the local null sink
const SINK_TOKEN_VALUE = 'null-sink-token-00000000000000000000';

/** Occurrences of `needle` in a byte stream fed chunk by chunk. */
export class ByteCounter {
	count = 0;
	bytes = 0;
	/** The last needle.length - 1 bytes of the previous chunk (a match may straddle two chunks). */
	private tail: Buffer = Buffer.alloc(0);

	constructor(private readonly needle: Buffer) {}

	push(chunk: Buffer): void {
		this.bytes += chunk.length;
		const n = this.needle.length;
		if (this.tail.length > 0) {
			// Matches that start in the tail and end in this chunk.
			const joint = Buffer.concat([this.tail, chunk.subarray(0, n - 1)]);
			for (let at = joint.indexOf(this.needle); at !== -1 && at < this.tail.length; at = joint.indexOf(this.needle, at + 1)) {
				this.count++;
			}
		}
		for (let at = chunk.indexOf(this.needle); at !== -1; at = chunk.indexOf(this.needle, at + n)) this.count++;
		const last = chunk.length >= n - 1 ? chunk : Buffer.concat([this.tail, chunk]);
		this.tail = Buffer.from(last.subarray(Math.max(0, last.length - (n - 1))));
	}
}

export class NullSink {
	readonly apiUrl: string;
	/** Rows and bytes of each run received, in order. */
	readonly runs: Array<{ endpoint: string; rows: number; bytes: number }> = [];

	private constructor(private readonly server: Server) {
		const { port } = server.address() as AddressInfo;
		this.apiUrl = `http://127.0.0.1:${port}/API`;
	}

	static async start(): Promise<NullSink> {
		// The handler needs the sink, which needs the listening server.
		const started: { sink?: NullSink } = {};
		const server = createServer((request, response) => started.sink?.handle(request, response));
		server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', resolve);
		});
		started.sink = new NullSink(server);
		return started.sink;
	}

	private handle(request: IncomingMessage, response: ServerResponse): void {
		const endpoint = (new URL(request.url ?? '/', 'http://x').pathname.split('/').pop() ?? '').toLowerCase();
		const counter = new ByteCounter(ROW_END);
		request.on('data', (chunk: Buffer) => counter.push(chunk));
		request.on('end', () => {
			let answer: unknown;
			if (endpoint === 'gettoken') answer = SINK_TOKEN_VALUE;
			else if (endpoint === 'validate') answer = true;
			// The run history the node reads before each run (Options › Check Run History After a Failure): empty.
			else if (endpoint === 'gethistoryforprocess') answer = [];
			// The columns the node checks the items' fields against (a hint only; Map Automatically).
			else if (endpoint === 'getmapcolumns') answer = BENCH_COLUMNS.map((name) => ({ ColumnName: name, IsRequired: false }));
			else {
				this.runs.push({ endpoint, rows: counter.count, bytes: counter.bytes });
				answer = { Status: 0, RecordCount: counter.count, ErrorCount: 0, Errors: '', ErrorMessage: '', MapKey: '', MapId: 'NULL SINK', MapDescription: '', RunNumber: this.runs.length };
			}
			const body = JSON.stringify(answer);
			response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
			response.end(body);
		});
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
