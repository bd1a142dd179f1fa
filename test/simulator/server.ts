/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * SmartConnectSimulator: a real node:http server standing in for SmartConnect.com (API "A") in tests,
 * demos and benchmarks. Listens on 127.0.0.1 only by default.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleRequest, invalidTokenResponse, message, type SimRequest, type SimResponse, type SimState } from './endpoints';
import { FaultQueue, type TakenFault } from './faults';
import {
	DEMO_COMPANY_ID,
	DEMO_EMAIL,
	DEMO_PASSWORD,
	DEMO_USER_ID,
	generateRows,
	OTHER_COMPANY_ID,
	otherCompanyMap,
	seedMaps,
} from './maps';
import { seedConnections, seedDataSources, seedWiring } from './catalog';
import { RunHistory, type HistoryRun } from './history';
import { defaultOAuthSettings, handleOAuth, OAuthStore, oauthRoute, type OAuthSettings } from './oauth';
import { defaultOnPremSettings, handleOnPrem, onPremRoute, type OnPremSettings } from './onprem';
import { RsaKeyPair } from './rsa';
import { executeRun, RunBook, type RunMapResponse } from './runs';
import { TokenStore, UserStore } from './tokens';
import type { FaultRule, RequestLogEntry, RunRecord, SimMap, SimRow, SimulatorOptions } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_TOKEN_LIFE_MS = 90 * DAY_MS;
/** Sent by the 'malformed' fault: a RunMapResponse cut off mid-string, so JSON.parse fails. */
const TRUNCATED_JSON = '{"ErrorCount":0,"Errors":"","MapDescription":"Import of Purch';
/** Body cut in half by 'resetMidBody' when the endpoint's own response was not produced. */
const FILLER_JSON = JSON.stringify({ Message: 'x'.repeat(2048) });

interface ParsedRequest {
	sim: SimRequest;
	entry: RequestLogEntry;
}

export class SmartConnectSimulator {
	readonly url: string;
	readonly apiUrl: string;
	readonly publicKeyUrl: string;
	readonly demo = {
		email: DEMO_EMAIL,
		password: DEMO_PASSWORD,
		companyId: DEMO_COMPANY_ID,
		otherCompanyId: OTHER_COMPANY_ID,
	};
	readonly maps: SimMap[];
	/** The on-premise mode (API "B"): its Server URL, and its settings (see onprem.ts), changeable at any time. */
	readonly onPremUrl: string;
	readonly onPrem: OnPremSettings = defaultOnPremSettings();
	/** The REST API mode (API "C"): token URL `${url}/token`, its settings and issued tokens (see oauth.ts). */
	readonly oauthTokenUrl: string;
	readonly oauth: OAuthSettings = defaultOAuthSettings(DEMO_EMAIL, DEMO_PASSWORD);
	readonly oauthTokens = new OAuthStore();
	readonly log: RequestLogEntry[] = [];
	readonly runs: RunRecord[] = [];

	private readonly state: SimState;
	private readonly faults = new FaultQueue();
	private readonly sockets = new Set<Socket>();
	/** Answers held back by a 'delay' fault: each one's timer, and how to drop it (see reset). */
	private readonly delayed = new Map<NodeJS.Timeout, () => void>();
	private onLog: ((entry: RequestLogEntry) => void) | undefined;
	private closed = false;

	private constructor(
		private readonly server: Server,
		rsa: RsaKeyPair,
		options: SimulatorOptions,
	) {
		const { port } = server.address() as AddressInfo;
		const host = options.host ?? '127.0.0.1';
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
		this.apiUrl = `${this.url}/API`;
		this.publicKeyUrl = `${this.url}/v1/public-key`;
		this.onPremUrl = `${this.url}/SmartConnect.svc`;
		this.oauthTokenUrl = `${this.url}/token`;
		this.maps = [...(options.maps ?? seedMaps()), otherCompanyMap()];
		this.onLog = options.onLog;
		const users = new UserStore(rsa);
		users.add(DEMO_EMAIL, DEMO_PASSWORD, [DEMO_COMPANY_ID, OTHER_COMPANY_ID], DEMO_USER_ID);
		this.state = {
			settings: {
				tokenLifeMs: options.tokenLifeMs ?? DEFAULT_TOKEN_LIFE_MS,
				invalidTokenResponse: options.invalidTokenResponse ?? 'http401',
				badLoginResponse: options.badLoginResponse ?? 'emptyString',
				getAllDataVariables: options.getAllDataVariables ?? 'both',
				unknownRouteResponse: options.unknownRouteResponse ?? 'http404',
				tokensPerUser: options.tokensPerUser ?? 'many',
				now: options.now ?? Date.now,
				errorsFormat: options.errorsFormat ?? 'json',
			},
			users,
			tokens: new TokenStore(),
			rsa,
			maps: this.maps,
			runs: this.runs,
			runBook: new RunBook(),
			defaultCompanyId: DEMO_COMPANY_ID,
			history: new RunHistory(),
			connections: seedConnections(),
			dataSources: seedDataSources(),
			wiring: seedWiring(),
		};
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res));
	}

	static async start(options: SimulatorOptions = {}): Promise<SmartConnectSimulator> {
		const rsa = await RsaKeyPair.generate(1024);
		const server = createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		return new SmartConnectSimulator(server, rsa, options);
	}

	static generateRows(n: number, columns: string[]): Record<string, string>[] {
		return generateRows(n, columns);
	}

	// ------------------------------------------------------------ control API

	count(endpoint: string): number {
		const e = endpoint.toLowerCase();
		return this.log.filter((l) => l.endpoint === e).length;
	}

	/**
	 * Starts a test afresh: answers still held back by a 'delay' fault are dropped (their connection
	 * is closed; nothing of them is done, answered or logged later, so a slow answer one test gave up
	 * on cannot land in the next), then the request log, run records, history and faults are cleared
	 * and onLog is removed. Settings stay as they are (tests set them with setOptions).
	 */
	reset(): void {
		this.dropDelayed();
		this.clearLog();
		this.clearFaults();
		this.onLog = undefined;
	}

	/** Clears the request log, the run records and the run history (run numbers keep counting). */
	clearLog(): void {
		this.log.length = 0;
		this.runs.length = 0;
		this.state.history.clear();
	}

	/**
	 * Runs a map as SmartConnect's scheduler would (no web-service call): the run gets the map's next
	 * run number and lands in the history with its failed rows and output. Default rows: the map's source.
	 */
	runScheduled(mapKey: string, rows?: SimRow[]): RunMapResponse {
		const map = this.maps.find((m) => m.mapKey.toLowerCase() === mapKey.toLowerCase());
		if (!map) throw new Error(`no map ${mapKey}`);
		const { record, response } = executeRun(map, 'scheduled', this.state.runBook.take(map), rows ?? [...map.rows], []);
		this.runs.push(record);
		this.state.history.add(map, record, this.state.settings.now());
		return response;
	}

	/** The kept runs of a map (the last 10), newest first, as GetHistoryForProcess and friends serve them. */
	historyOf(mapKey: string): HistoryRun[] {
		return this.state.history.of(mapKey);
	}

	/** Deletes a map: every endpoint then answers for it as for an unknown key (blank). */
	removeMap(mapKey: string): void {
		const i = this.maps.findIndex((m) => m.mapKey.toLowerCase() === mapKey.toLowerCase());
		if (i >= 0) this.maps.splice(i, 1);
	}

	addUser(email: string, password: string, companyIds: string[]): void {
		this.state.users.add(email, password, companyIds);
	}

	revokeTokens(): void {
		this.state.tokens.revokeAll();
	}

	issuedTokens(): string[] {
		return this.state.tokens.all();
	}

	/**
	 * Changes tokenLifeMs, invalidTokenResponse, badLoginResponse, getAllDataVariables, unknownRouteResponse, tokensPerUser,
	 * now, errorsFormat and onLog; port, host and maps are fixed at start.
	 */
	setOptions(o: Partial<SimulatorOptions>): void {
		const s = this.state.settings;
		if (o.tokenLifeMs !== undefined) s.tokenLifeMs = o.tokenLifeMs;
		if (o.invalidTokenResponse !== undefined) s.invalidTokenResponse = o.invalidTokenResponse;
		if (o.badLoginResponse !== undefined) s.badLoginResponse = o.badLoginResponse;
		if (o.getAllDataVariables !== undefined) s.getAllDataVariables = o.getAllDataVariables;
		if (o.unknownRouteResponse !== undefined) s.unknownRouteResponse = o.unknownRouteResponse;
		if (o.tokensPerUser !== undefined) s.tokensPerUser = o.tokensPerUser;
		if (o.now !== undefined) s.now = o.now;
		if (o.errorsFormat !== undefined) s.errorsFormat = o.errorsFormat;
		if (o.onLog !== undefined) this.onLog = o.onLog;
	}

	/** Puts the on-premise mode back to its defaults (anonymous, nothing refused). */
	resetOnPrem(): void {
		Object.assign(this.onPrem, defaultOnPremSettings());
	}

	inject(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	/** The SmartConnect credential's fields for the demo login: HMAC password, no token stored yet. */
	demoCredentialData(): Record<string, string> {
		return {
			apiUrl: this.apiUrl,
			customerId: this.demo.companyId,
			email: this.demo.email,
			password: this.demo.password,
			loginEncoding: 'hmacSha256',
			publicKeyUrl: this.publicKeyUrl,
			sessionToken: '',
			loggedInAs: '',
		};
	}

	/** Adds a map (to the demo company unless map.companyId says otherwise); replaces a map with the same key. */
	addMap(map: SimMap): void {
		const key = map.mapKey.toLowerCase();
		const i = this.maps.findIndex((m) => m.mapKey.toLowerCase() === key);
		if (i >= 0) this.maps.splice(i, 1, map);
		else this.maps.push(map);
	}

	/** Maps a token of that company can see (including real-time ones). */
	mapsFor(companyId: string = DEMO_COMPANY_ID): SimMap[] {
		const c = companyId.toLowerCase();
		return this.maps.filter((m) => (m.companyId ?? DEMO_COMPANY_ID).toLowerCase() === c);
	}

	/** Stops listening, cancels pending delayed responses and destroys open (keep-alive) sockets. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.dropDelayed();
		const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		this.server.closeAllConnections();
		await done;
	}

	// ------------------------------------------------------------ request pipeline

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		let body: string;
		try {
			body = await readBody(req);
		} catch {
			return; // client went away mid-request
		}
		const { sim, entry } = this.parseRequest(req, body);
		this.log.push(entry);
		const taken = this.faults.take(sim.endpoint);
		try {
			if (taken) await this.respondWithFault(sim, entry, taken, res);
			else this.send(res, entry, this.handle(sim));
		} catch (e) {
			// A simulator bug must surface in the test as a 500, not as a hung request.
			this.send(res, entry, message(500, `Simulator error: ${(e as Error).message}`));
		}
	}

	private handle(sim: SimRequest): SimResponse {
		const onPrem = sim.path === undefined ? undefined : onPremRoute(sim.path, sim.param);
		if (onPrem) return handleOnPrem(this.state, this.onPrem, onPrem, sim, sim.headers ?? {});
		const oauth = sim.path === undefined ? undefined : oauthRoute(sim.path);
		if (oauth) return handleOAuth(this.state, this.oauth, this.oauthTokens, oauth, sim, sim.headers ?? {});
		return handleRequest(this.state, sim);
	}

	private parseRequest(req: IncomingMessage, body: string): ParsedRequest {
		const rawUrl = req.url ?? '/';
		const url = new URL(rawUrl, 'http://simulator.invalid');
		// URLSearchParams semantics: '+' decodes to a space, as in any form-encoded query. Clients must
		// percent-encode '+', '/' and '=' in base64 values (password, token), as the docs require.
		const query: Record<string, string> = {};
		const byLowerName = new Map<string, string>();
		for (const [name, value] of url.searchParams) {
			if (!(name in query)) query[name] = value;
			if (!byLowerName.has(name.toLowerCase())) byLowerName.set(name.toLowerCase(), value);
		}
		const param = (name: string) => byLowerName.get(name.toLowerCase());
		const onPrem = onPremRoute(url.pathname, param);
		const oauth = onPrem ? undefined : oauthRoute(url.pathname);
		const { endpoint, routable } = onPrem
			? { endpoint: onPrem.method, routable: true }
			: oauth
				? { endpoint: oauth.endpoint, routable: true }
				: route(url.pathname);
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
		const method = (req.method ?? 'GET').toUpperCase();
		const sim: SimRequest = {
			method,
			endpoint,
			routable,
			param,
			body,
			path: url.pathname,
			headers,
			wantsXml: wantsXml(headers['accept']),
			maskedUri: `http://${headers['host'] ?? 'localhost'}${maskSecrets(rawUrl)}`,
		};
		const entry: RequestLogEntry = { method, path: url.pathname, endpoint, query, headers, body, status: 0, time: this.state.settings.now() };
		return { sim, entry };
	}

	private async respondWithFault(sim: SimRequest, entry: RequestLogEntry, taken: TakenFault, res: ServerResponse): Promise<void> {
		const { fault } = taken;
		if (fault.kind === 'tokenRejected') return this.send(res, entry, invalidTokenResponse(fault.as));
		// The "action" (a map run, a token issue) happens before the broken response when afterAction is set.
		const normal = taken.afterAction ? this.handle(sim) : undefined;
		const mapKey = sim.param('mapKey')?.toLowerCase();
		const known = this.maps.some((map) => map.mapKey.toLowerCase() === mapKey);
		for (let n = 0; n < taken.foreignRuns && known; n++) this.runScheduled(mapKey as string);
		switch (fault.kind) {
			case 'delay':
				if (!(await this.hold(fault.ms))) {
					res.socket?.destroy();
					return;
				}
				return this.send(res, entry, normal ?? this.handle(sim));
			case 'status':
				return this.send(res, entry, {
					status: fault.status,
					body: fault.body ?? JSON.stringify({ Message: fault.status >= 500 ? 'An error has occurred.' : 'The request is invalid.' }),
					contentType: fault.contentType ?? 'application/json; charset=utf-8',
					headers: fault.headers,
				});
			case 'empty':
				return this.send(res, entry, { status: 200, body: '' });
			case 'malformed':
				return this.send(res, entry, { status: 200, body: TRUNCATED_JSON, contentType: 'application/json; charset=utf-8' });
			case 'reset':
				entry.status = 0;
				this.finish(entry);
				res.socket?.destroy();
				return;
			case 'resetMidBody':
				return this.sendHalfThenReset(res, entry, normal && normal.body.length >= 2 ? normal : { status: 200, body: FILLER_JSON, contentType: 'application/json; charset=utf-8' });
		}
	}

	private send(res: ServerResponse, entry: RequestLogEntry, r: SimResponse): void {
		entry.status = r.status;
		this.finish(entry);
		if (res.destroyed || res.writableEnded) return; // the client gave up (e.g. during a delay)
		const body = Buffer.from(r.body, 'utf8');
		const headers: Record<string, string | number> = { ...(r.headers ?? {}), 'content-length': body.length };
		if (r.contentType && r.body !== '') headers['content-type'] = r.contentType;
		res.writeHead(r.status, headers);
		res.end(body);
	}

	/** Announces the full Content-Length, sends the first half of the body, then kills the connection. */
	private sendHalfThenReset(res: ServerResponse, entry: RequestLogEntry, r: SimResponse): void {
		entry.status = r.status;
		this.finish(entry);
		const body = Buffer.from(r.body, 'utf8');
		res.writeHead(r.status, { 'content-type': r.contentType ?? 'application/json; charset=utf-8', 'content-length': body.length });
		res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
	}

	private finish(entry: RequestLogEntry): void {
		this.onLog?.(entry);
	}

	/** Waits `ms` for a delayed answer: true when the time passed, false when reset or close dropped it first. */
	private hold(ms: number): Promise<boolean> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.delayed.delete(t);
				resolve(true);
			}, ms);
			this.delayed.set(t, () => resolve(false));
		});
	}

	private dropDelayed(): void {
		for (const [t, drop] of this.delayed) {
			clearTimeout(t);
			drop();
		}
		this.delayed.clear();
	}
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** /API/<name> and /<name> route to <name> (case-insensitive); /v1/public-key lives only at the root. */
function route(pathname: string): { endpoint: string; routable: boolean } {
	const segments = pathname.toLowerCase().split('/').filter((s) => s !== '');
	if (segments.length === 2 && segments[0] === 'v1' && segments[1] === 'public-key') return { endpoint: 'public-key', routable: true };
	const endpoint = segments[segments.length - 1] ?? '';
	const shaped = segments.length === 1 || (segments.length === 2 && segments[0] === 'api');
	return { endpoint, routable: shaped && endpoint !== 'public-key' };
}

/** Accept parsing: the highest-q JSON or XML media type wins; anything else (none, a wildcard) means JSON. */
function wantsXml(accept: string | undefined): boolean {
	if (!accept) return false;
	const types = accept
		.split(',')
		.map((part, i) => {
			const [type, ...params] = part.trim().toLowerCase().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, i };
		})
		.filter((t) => t.q > 0)
		.sort((a, b) => b.q - a.q || a.i - b.i);
	for (const t of types) {
		if (t.type === 'application/json' || t.type === 'text/json') return false;
		if (t.type === 'application/xml' || t.type === 'text/xml') return true;
	}
	return false;
}

/** The request target with token and password values replaced by ***, other bytes as received. */
export function maskSecrets(rawUrl: string): string {
	const q = rawUrl.indexOf('?');
	if (q < 0) return rawUrl;
	const masked = rawUrl
		.slice(q + 1)
		.split('&')
		.map((pair) => {
			const eq = pair.indexOf('=');
			const rawName = eq < 0 ? pair : pair.slice(0, eq);
			let name = rawName;
			try {
				name = decodeURIComponent(rawName.replace(/\+/g, ' '));
			} catch {
				// keep the raw name
			}
			return /^(token|password)$/i.test(name) && eq >= 0 ? `${rawName}=***` : pair;
		})
		.join('&');
	return `${rawUrl.slice(0, q)}?${masked}`;
}
