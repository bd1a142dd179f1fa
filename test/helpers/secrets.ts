/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Secret watch for the reliability and security engine tests.
 *
 * It collects everything the node produces in a test file: the whole run data n8n keeps
 * (`IRun`: output items, error outputs, hints, `resultData.error`), every error with its
 * description, context, stack and cause chain (own and non-enumerable properties, circular-safe),
 * errors a run rejected with, and every line n8n-core's Logger (debug level, JSON format) or
 * `console` printed while the run was going on. Each run is checked right after it finished, so
 * only the findings are kept, not the (sometimes very large) run data.
 *
 * Secrets: the credential's password, its HMAC-SHA256 form, every RSA-encrypted form GetToken
 * received (read from the simulator's request log), and every session token the simulator issued,
 * each raw and in its URL-encoded forms. The Token › Get operation's own output (its `token`
 * field) is the one place a token may appear.
 */
import { hmacPassword } from '../../nodes/SmartConnect/helpers/password';
import { SmartConnectSimulator } from '../simulator';
import { shutdownEngine, type RunResult } from './engine';
import { defaultTestOptions } from './simulator-defaults';

export interface Leak {
	/** The label the run was checked under. */
	run: string;
	/** Which secret (never the secret itself). */
	secret: string;
	/** Where: a property path in the run data, or `log`. */
	where: string;
	/** Some text around the secret, with the secret replaced by «secret». */
	context: string;
}

interface Secret {
	name: string;
	value: string;
}

/** Forms a value takes on the wire and in messages: raw, and percent-encoded (upper and lower hex, and form-style). */
function forms(name: string, value: string): Secret[] {
	const out: Secret[] = [{ name, value }];
	const uri = encodeURIComponent(value);
	if (uri !== value) out.push({ name: `${name} (URL-encoded)`, value: uri });
	const lower = uri.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
	if (lower !== uri) out.push({ name: `${name} (URL-encoded, lower-case hex)`, value: lower });
	const form = new URLSearchParams({ v: value }).toString().slice(2);
	if (form !== value && form !== uri) out.push({ name: `${name} (form-encoded)`, value: form });
	return out;
}

/** A property path, kept as a chain (deep values would make copied path arrays quadratic). */
interface PathNode {
	key: string;
	parent: PathNode | undefined;
}

function pathKeys(node: PathNode | undefined): string[] {
	const keys: string[] = [];
	for (let at = node; at; at = at.parent) keys.push(at.key);
	return keys.reverse();
}

export interface Walked {
	text: string;
	/** Where the text was found (computed on demand). */
	where: () => string;
}

/**
 * Every string reachable from `root`: values and keys, own properties including non-enumerable
 * ones (an Error's message, stack and cause), Map and Set entries, Buffers as UTF-8. Iterative and
 * circular-safe. `skip(key, path)` leaves a property out (`path()` gives its keys from the root).
 */
export function collectStrings(root: unknown, skip?: (key: string, path: () => string[]) => boolean): Walked[] {
	const out: Walked[] = [];
	const seen = new Set<object>();
	const stack: Array<[unknown, PathNode | undefined]> = [[root, undefined]];
	const at = (node: PathNode | undefined, suffix = '') => () => pathKeys(node).join('.') + suffix;
	while (stack.length > 0) {
		const [value, path] = stack.pop() as [unknown, PathNode | undefined];
		if (typeof value === 'string') {
			out.push({ text: value, where: at(path) });
			continue;
		}
		if (value === null || typeof value !== 'object') continue;
		if (seen.has(value)) continue;
		seen.add(value);
		if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
			out.push({ text: Buffer.from(value as Uint8Array).toString('utf8'), where: at(path) });
			continue;
		}
		if (value instanceof Map) {
			let i = 0;
			for (const [key, entry] of value) {
				stack.push([key, { key: `<map key ${i}>`, parent: path }]);
				stack.push([entry, { key: `<map value ${i++}>`, parent: path }]);
			}
			continue;
		}
		if (value instanceof Set) {
			let i = 0;
			for (const entry of value) stack.push([entry, { key: `<set ${i++}>`, parent: path }]);
			continue;
		}
		for (const key of Object.getOwnPropertyNames(value)) {
			const child: PathNode = { key, parent: path };
			if (skip?.(key, () => pathKeys(child))) continue;
			out.push({ text: key, where: at(child, ' (key)') });
			let entry: unknown;
			try {
				entry = (value as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			stack.push([entry, child]);
		}
	}
	return out;
}

/** `runData.<node>.<run>.data.main.<output>.<item>.json.token`: the Token › Get output field. */
function isTokenOutput(key: string, path: () => string[]): boolean {
	if (key !== 'token') return false;
	const keys = path();
	const n = keys.length;
	return n >= 7 && keys[n - 2] === 'json' && keys[n - 5] === 'main' && keys.includes('runData');
}

export interface CheckOptions {
	/** The run was a Token › Get: its output's `token` field may hold the token. */
	tokenOutput?: boolean;
	/** Extra values produced by the run (a rejection, a context) to check too. */
	extra?: unknown;
}

export class SecretWatch {
	readonly leaks: Leak[] = [];
	/** How many runs, texts and log lines were checked (so a test can tell the watch really saw something). */
	readonly counts = { runs: 0, texts: 0, logLines: 0, secrets: 0 };
	private readonly passwords = new Set<string>();
	private readonly simulators = new Set<SmartConnectSimulator>();
	private readonly secrets = new Map<string, Secret>();
	private readonly loginPasswords = new Set<string>();
	private readonly savedEnv: Record<string, string | undefined>;

	/**
	 * Debug logging in JSON (so the metadata of a log line, e.g. an error with its cause, is printed
	 * too). n8n-core creates its Logger on the first run of a test file and reads these then.
	 */
	constructor(passwords: string[] = []) {
		this.savedEnv = { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL, N8N_LOG_FORMAT: process.env.N8N_LOG_FORMAT };
		process.env.N8N_LOG_LEVEL = 'debug';
		process.env.N8N_LOG_FORMAT = 'json';
		for (const password of passwords) this.addPassword(password);
	}

	/** Puts the logging environment back (jest runs other test files in the same process). */
	restoreEnvironment(): void {
		for (const [name, value] of Object.entries(this.savedEnv)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}

	/** A password of some credential: itself and its HMAC form are secrets. */
	addPassword(password: string): void {
		if (this.passwords.has(password)) return;
		this.passwords.add(password);
		this.add('password', password);
		this.add('HMAC password', hmacPassword(password));
	}

	/** The simulator whose issued tokens and GetToken passwords (plain, HMAC or RSA) are secrets. */
	watch(simulator: SmartConnectSimulator): void {
		this.simulators.add(simulator);
	}

	/** Reads the secrets the simulators saw: call before clearing their logs (`check` does it too). */
	harvest(): void {
		for (const simulator of this.simulators) {
			simulator.issuedTokens().forEach((token) => this.add('session token', token));
			for (const entry of simulator.log) {
				if (entry.endpoint !== 'gettoken') continue;
				const password = entry.query.password;
				if (password && !this.loginPasswords.has(password)) {
					this.loginPasswords.add(password);
					this.add('password as GetToken received it (plain, HMAC or RSA)', password);
				}
			}
		}
	}

	private add(name: string, value: string): void {
		// Too short to be a meaningful secret (and would match by chance).
		if (value.length < 8) return;
		for (const form of forms(name, value)) {
			if (!this.secrets.has(form.value)) this.secrets.set(form.value, form);
		}
		this.counts.secrets = this.secrets.size;
	}

	/**
	 * Runs `fn` (one workflow execution) with everything n8n and the node print captured, then
	 * checks the result, the captured lines and any rejection. Returns what `fn` returned or rethrows.
	 */
	async run<T extends RunResult>(label: string, fn: () => Promise<T>, options: CheckOptions = {}): Promise<T> {
		const lines: string[] = [];
		const restore = captureOutput(lines);
		let result: T | undefined;
		let failure: unknown;
		try {
			result = await fn();
		} catch (error) {
			failure = error;
		} finally {
			restore();
		}
		this.check(label, { run: result?.run, error: result?.error, rejection: failure, extra: options.extra }, options, lines);
		if (failure !== undefined) throw failure;
		return result as T;
	}

	/** Runs `fn` (e.g. the engine's shutdown) with its output captured and checked. */
	quietly(label: string, fn: () => void): void {
		const lines: string[] = [];
		const restore = captureOutput(lines);
		try {
			fn();
		} finally {
			restore();
		}
		this.check(label, undefined, {}, lines);
	}

	/** Checks any value (and log lines) for secrets, recording leaks under `label`. */
	check(label: string, value: unknown, options: CheckOptions = {}, lines: string[] = []): void {
		this.harvest();
		this.counts.runs++;
		const texts = collectStrings(value, options.tokenOutput ? isTokenOutput : undefined);
		this.counts.texts += texts.length;
		this.counts.logLines += lines.length;
		for (const line of lines) texts.push({ text: line, where: () => 'log' });
		for (const { text, where } of texts) {
			if (text.length < 8) continue;
			for (const secret of this.secrets.values()) {
				const at = text.indexOf(secret.value);
				if (at < 0) continue;
				const context = `${text.slice(Math.max(0, at - 60), at)}«secret»${text.slice(at + secret.value.length, at + secret.value.length + 60)}`;
				this.leaks.push({ run: label, secret: secret.name, where: where(), context: scrub(context, this.secrets) });
			}
		}
	}
}

/** Replaces any other secret in a context snippet, so a failure message never prints one. */
function scrub(text: string, secrets: Map<string, Secret>): string {
	let out = text;
	for (const secret of secrets.values()) out = out.split(secret.value).join('«secret»');
	return out;
}

type Write = typeof process.stdout.write;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Where console output goes while a capture is on. */
let consoleSink: string[] | undefined;

// winston's Console transport (n8n-core's Logger) binds console.log & co. when the Logger is
// created, or writes to console._stdout when the console has one. The console methods are
// replaced once, now — this module is imported before n8n-core creates its Logger — by
// dispatchers that record while a capture is on and pass through otherwise.
for (const method of CONSOLE_METHODS) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		if (consoleSink) consoleSink.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '));
		else original(...args);
	};
}

/**
 * Captures (and swallows) console calls and process.stdout/stderr writes until the returned
 * function is called.
 */
export function captureOutput(lines: string[]): () => void {
	const capture = ((chunk: unknown, ...rest: unknown[]) => {
		lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
		const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
		callback?.();
		return true;
	}) as Write;
	// winston writes to console._stdout / _stderr when the console has them: in a jest worker those
	// are jest's own streams, in band they are process.stdout / stderr.
	const own = console as unknown as { _stdout?: { write: Write }; _stderr?: { write: Write } };
	const streams = [...new Set([process.stdout, process.stderr, own._stdout, own._stderr])].filter(
		(stream): stream is { write: Write } => stream !== undefined && typeof stream.write === 'function',
	);
	const writes = streams.map((stream) => stream.write);
	for (const stream of streams) stream.write = capture;
	const previousSink = consoleSink;
	consoleSink = lines;
	return () => {
		streams.forEach((stream, i) => (stream.write = writes[i]));
		consoleSink = previousSink;
	};
}

function safeJson(value: unknown): string {
	try {
		return collectStrings(value)
			.map(({ text }) => text)
			.join(' ');
	} catch {
		return String(value);
	}
}

/**
 * One simulator per test file whose passwords and log the watch follows: starts it, resets it
 * before each test, and on close shuts the engine down quietly and restores the environment.
 */
export function useWatchedSimulator(watch: SecretWatch): () => SmartConnectSimulator {
	let simulator: SmartConnectSimulator | undefined;
	beforeAll(async () => {
		simulator = await SmartConnectSimulator.start();
		watch.addPassword(simulator.demo.password);
		watch.watch(simulator);
	});
	afterAll(async () => {
		await simulator?.close();
		watch.quietly('engine shutdown', shutdownEngine);
		watch.restoreEnvironment();
	});
	beforeEach(() => {
		simulator?.reset();
		simulator?.setOptions(defaultTestOptions());
	});
	return () => {
		if (!simulator) throw new Error('the simulator is not running (use it inside a test or hook)');
		return simulator;
	};
}
