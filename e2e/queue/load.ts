/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
import * as http from 'node:http';

/**
 * Concurrent webhook callers for the queue-mode tests and benchmark: N calls, at most C in flight,
 * each timed from send to answer. What a caller got back is kept for the checks (no assumption
 * that it succeeded).
 */
export interface CallResult {
	index: number;
	status: number;
	body: unknown;
	/** Network error text when the call got no HTTP answer. */
	error?: string;
	ms: number;
}

/** Longest a webhook caller waits for its answer (a case's calls take seconds each). */
const CALL_TIMEOUT_MS = 120000;

export interface LoadResult {
	calls: CallResult[];
	wallMs: number;
}

export interface WebhookCall {
	path: string;
	body: unknown;
}

/**
 * Sends `calls` POST requests to `<baseUrl>/webhook/<path>` with at most `concurrency` at a time.
 * `onDone(count)` runs after each answer (mid-load events: expire, revoke, kill a worker).
 */
export async function runLoad(
	baseUrl: string,
	calls: WebhookCall[],
	concurrency: number,
	onDone: (done: number) => void | Promise<void> = () => {},
): Promise<LoadResult> {
	const results: CallResult[] = new Array(calls.length);
	let next = 0;
	let done = 0;
	const started = Date.now();
	const worker = async () => {
		while (next < calls.length) {
			const index = next++;
			results[index] = { ...(await callWebhook(baseUrl, calls[index])), index };
			await onDone(++done);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, () => worker()));
	return { calls: results, wallMs: Date.now() - started };
}

/**
 * One POST to `<baseUrl>/webhook/<path>`: its status and (JSON-parsed) body, or the network error.
 * Each call has a connection of its own (no keep-alive): a reused idle connection that the server
 * closes as the next request goes out fails that request with "fetch failed" (seen once in 200
 * calls on n8n 2.x under load, with no execution started), which is the client's race, not n8n's.
 */
export async function callWebhook(baseUrl: string, call: WebhookCall, timeoutMs = CALL_TIMEOUT_MS): Promise<CallResult> {
	const t0 = Date.now();
	const payload = Buffer.from(JSON.stringify(call.body));
	return await new Promise<CallResult>((resolve) => {
		const failed = (error: Error & { code?: string }) =>
			resolve({ index: 0, status: 0, body: undefined, error: `${error.code ?? error.name}: ${error.message}`, ms: Date.now() - t0 });
		const request = http.request(
			`${baseUrl}/webhook/${call.path}`,
			{ method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': payload.length }, timeout: timeoutMs },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', failed);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: unknown = text;
					try {
						body = JSON.parse(text);
					} catch {
						// not JSON: keep the text
					}
					resolve({ index: 0, status: response.statusCode ?? 0, body, ms: Date.now() - t0 });
				});
			},
		);
		// A caller that n8n never answers is a failure of its own, not a hang of the test.
		request.on('timeout', () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'TIMEOUT' })));
		request.on('error', failed);
		request.end(payload);
	});
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}
