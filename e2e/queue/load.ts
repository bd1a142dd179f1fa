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

/** One POST to `<baseUrl>/webhook/<path>`: its status and (JSON-parsed) body, or the network error. */
export async function callWebhook(baseUrl: string, call: WebhookCall, timeoutMs = CALL_TIMEOUT_MS): Promise<CallResult> {
	const t0 = Date.now();
	try {
		const response = await fetch(`${baseUrl}/webhook/${call.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(call.body),
			// A caller that n8n never answers is a failure of its own, not a hang of the test.
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { index: 0, status: response.status, body, ms: Date.now() - t0 };
	} catch (error) {
		return { index: 0, status: 0, body: undefined, error: (error as Error).message, ms: Date.now() - t0 };
	}
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}
