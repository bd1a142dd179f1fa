/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * No secret shown: through n8n's real engine against the simulator, with n8n-core's Logger at
 * debug level (JSON lines, so error metadata is printed too) and console output captured, the
 * password, its HMAC and RSA forms and the session token appear in no output item, error (message,
 * description, stack, context, cause chain), hint or log line — the Token › Get operation's own
 * output excepted. SmartConnect (ASP.NET) echoes the request URI, query string included, in some
 * error messages: the token and password in such echoes must be redacted too.
 *
 * test/engine/faults.test.ts and test/engine/bad-input.test.ts run the same watch over every one of
 * their cases.
 */
import { SecretWatch, useWatchedSimulator, type Leak } from '../helpers/secrets';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { hmacPassword } from '../../nodes/SmartConnect/helpers/password';
import { MAP_KEYS, SmartConnectSimulator, type Fault } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { runNode, type NodeSpec, type RunResult, type TestCredentialsHelper } from '../helpers/engine';

const WRONG_PASSWORD = 'Wr0ng-but-still-Secret!';

const watch = new SecretWatch([WRONG_PASSWORD]);
const sim = useWatchedSimulator(watch);
let simulator: SmartConnectSimulator;
beforeAll(() => {
	simulator = sim();
});

afterEach(() => watch.harvest());

const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });
const dataTable = (extra: IDataObject = {}): IDataObject => ({
	resource: 'mapRun',
	operation: 'runWithDataTable',
	map: byKey(MAP_KEYS.importCustomers),
	...extra,
});
const getMany = (options: IDataObject = {}): IDataObject => ({ resource: 'map', operation: 'getMany', returnAll: true, options });
const rows = [
	{ accountnumber: 'S1', name: 'Secret test 1' },
	{ accountnumber: 'S2', name: 'Secret test 2' },
];

/** Runs one node under the watch; the leaks this run added are returned with the result. */
async function run(helper: TestCredentialsHelper, spec: NodeSpec, input: IDataObject[] = [{}]): Promise<RunResult & { leaks: Leak[] }> {
	const before = watch.leaks.length;
	const tokenOutput = spec.parameters.resource === 'token' && spec.parameters.operation === 'get';
	const result = await watch.run(expect.getState().currentTestName ?? 'secrets', async () => await runNode(helper, spec, input), { tokenOutput });
	return Object.assign(result, { leaks: watch.leaks.slice(before) });
}

function errorText(result: RunResult): string {
	const error = result.error;
	return error ? `${error.message}\n${error.description ?? ''}` : '';
}

function loginHelper(encoding: string, overrides: ICredentialDataDecryptedObject = {}): TestCredentialsHelper {
	return demoCredentials(simulator, { loginEncoding: encoding, ...overrides });
}

function tokenOf(helper: TestCredentialsHelper): string {
	return String(helper.store['cred-1'].sessionToken);
}

// ------------------------------------------------------------------------------------------ every encoding

describe.each(['hmacSha256', 'plain', 'rsa'])('password encoding %s', (encoding) => {
	it('logging in, reading, running and Token › Get: the token only in Token › Get\'s output', async () => {
		const helper = loginHelper(encoding);
		const results = [
			await run(helper, { parameters: { resource: 'token', operation: 'validate' } }),
			await run(helper, { parameters: getMany() }),
			await run(helper, { parameters: { resource: 'map', operation: 'getColumns', map: byKey(MAP_KEYS.importCustomers) } }),
			await run(helper, { parameters: { resource: 'map', operation: 'getSourceRows', returnAll: true, map: byKey(MAP_KEYS.importCustomers) } }),
			await run(helper, { parameters: dataTable() }, rows),
			await run(helper, { parameters: { resource: 'token', operation: 'get' } }),
		];
		results.forEach((result) => expect(result.error).toBeUndefined());
		expect(simulator.count('gettoken')).toBe(1);
		const login = simulator.log.find((entry) => entry.endpoint === 'gettoken');
		if (encoding === 'rsa') expect(login?.query.password).not.toBe(hmacPassword(simulator.demo.password));
		// The Token › Get output holds the token, as it must; nothing else does.
		expect(results[5].output()[0].json.token).toBe(tokenOf(helper));
		expect(results.flatMap((result) => result.leaks)).toEqual([]);
	});

	const LOGIN_FAULTS: Array<[string, Fault]> = [
		['HTTP 500', { kind: 'status', status: 500, headers: { 'Retry-After': '0' } }],
		['an HTML error page', { kind: 'status', status: 502, body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', contentType: 'text/html' }],
		['a connection reset', { kind: 'reset' }],
		['truncated JSON', { kind: 'malformed' }],
		['an empty body', { kind: 'empty' }],
	];
	it.each(LOGIN_FAULTS)('a login failing with %s: errors and logs hold no password form', async (_label, fault) => {
		simulator.inject({ endpoint: 'gettoken', fault, times: Infinity });
		const helper = loginHelper(encoding);
		const stopped = await run(helper, { parameters: getMany({ retries: 0 }) });
		const routed = await run(helper, { parameters: dataTable({ options: { retries: 0 } }), onError: 'continueErrorOutput' }, rows);
		expect(stopped.error?.message).toMatch(/could not log in|refused the login/);
		expect(routed.output('SmartConnect', 1)).toHaveLength(rows.length);
		expect(simulator.count('gettoken')).toBeGreaterThanOrEqual(2);
		expect([...stopped.leaks, ...routed.leaks]).toEqual([]);
	});

	it('a wrong password (refused by SmartConnect): the error says so, without the password', async () => {
		simulator.setOptions({ badLoginResponse: 'http401' });
		const helper = loginHelper(encoding, { password: WRONG_PASSWORD });
		const result = await run(helper, { parameters: getMany() });
		expect(result.error?.message).toMatch(/could not log in|refused the login/);
		expect(errorText(result)).toMatch(/did not accept the email, password or Customer ID/);
		expect(result.leaks).toEqual([]);
	});
});

// ------------------------------------------------------------------------------------------ failures after login

describe('failures after login: no token in errors, error items or logs', () => {
	const FAULTS: Array<[string, string, Fault]> = [
		['GetMapList HTTP 500', 'getmaplist', { kind: 'status', status: 500, headers: { 'Retry-After': '0' } }],
		['GetMapList reset', 'getmaplist', { kind: 'reset' }],
		['GetMapList truncated JSON', 'getmaplist', { kind: 'malformed' }],
		['a run answered with HTTP 502', 'runmapdatatablewitherrors', { kind: 'status', status: 502 }],
		['a run reset mid-response', 'runmapdatatablewitherrors', { kind: 'resetMidBody' }],
		['a run token rejected twice', 'runmapdatatablewitherrors', { kind: 'tokenRejected', as: 'body200' }],
	];
	it.each(FAULTS)('%s', async (_label, endpoint, fault) => {
		// The fault comes before a run happens, so the run history check finds none and the run fails.
		simulator.inject({ endpoint, fault, times: Infinity, afterAction: false });
		const helper = demoCredentials(simulator);
		const parameters = endpoint === 'getmaplist' ? getMany({ retries: 1 }) : dataTable({ options: { rowsPerRun: 1 } });
		const stopped = await run(helper, { parameters }, rows);
		const routed = await run(helper, { parameters, onError: 'continueErrorOutput' }, rows);
		expect(stopped.error).toBeDefined();
		expect(routed.error).toBeUndefined();
		expect(routed.output('SmartConnect', 1).length).toBeGreaterThan(0);
		expect([...stopped.leaks, ...routed.leaks]).toEqual([]);
	});

	it('a slow run past the timeout', async () => {
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'delay', ms: 1500 }, times: 1, afterAction: false });
		const result = await run(demoCredentials(simulator), { parameters: dataTable({ options: { timeout: 1 } }) }, rows);
		expect(result.error?.message).toMatch(/no answer within 1 s/);
		expect(result.leaks).toEqual([]);
	});
});

// ------------------------------------------------------------------------------------------ echoed URLs

describe('SmartConnect echoing the request URI (query string included) in an error', () => {
	/** Logs in, then answers `endpoint` with a body built from the token (raw and as it travels in the URL). */
	async function echo(endpoint: string, body: (token: string, inUrl: string) => Fault): Promise<TestCredentialsHelper> {
		const helper = demoCredentials(simulator);
		await run(helper, { parameters: { resource: 'token', operation: 'validate' } });
		const token = tokenOf(helper);
		// Before any run happens: the run history check finds no run, so a run's error stays.
		simulator.inject({ endpoint, fault: body(token, encodeURIComponent(token)), times: Infinity, afterAction: false });
		return helper;
	}

	const notFound = (path: string) => (_token: string, inUrl: string): Fault => ({
		kind: 'status',
		status: 404,
		body: JSON.stringify({ Message: `No HTTP resource was found that matches the request URI '${simulator.apiUrl}/${path}?token=${inUrl}'.` }),
	});

	it('a 404 on a read, stopping: the message is kept, the token is not', async () => {
		const helper = await echo('getmaplist', notFound('GetMapList'));
		const result = await run(helper, { parameters: getMany({ retries: 0 }) });
		expect(errorText(result)).toMatch(/No HTTP resource was found/);
		expect(result.leaks).toEqual([]);
	});

	it('a 404 on a run, with the error output: the error items hold no token', async () => {
		const helper = await echo('runmapdatatablewitherrors', (token, inUrl) => ({
			...notFound(`RunMapDataTableWithErrors?mapKey=${MAP_KEYS.importCustomers}&x=1`)(token, inUrl),
		}));
		const result = await run(helper, { parameters: dataTable(), onError: 'continueErrorOutput' }, rows);
		expect(result.output('SmartConnect', 1).map((item) => item.json.message)).toEqual(rows.map(() => expect.stringMatching(/HTTP 404/)));
		expect(result.leaks).toEqual([]);
	});

	it('a 503 on a run whose Message echoes the URI: the run\'s error holds no token', async () => {
		const helper = await echo('runmapxml', (_token, inUrl) => ({
			kind: 'status',
			status: 503,
			body: JSON.stringify({ Message: `The service is unavailable for '${simulator.apiUrl}/runmapxml?mapKey=${MAP_KEYS.importCustomers}&token=${inUrl}'.` }),
		}));
		const result = await run(helper, { parameters: { resource: 'mapRun', operation: 'runWithXml', map: byKey(MAP_KEYS.importCustomers) } }, rows);
		expect(result.error?.message).toMatch(/HTTP 503/);
		expect(errorText(result)).toMatch(/The service is unavailable/);
		expect(result.leaks).toEqual([]);
	});

	it('a 500 whose ExceptionMessage holds the raw token', async () => {
		const helper = await echo('getmapcolumns', (token) => ({
			kind: 'status',
			status: 500,
			body: JSON.stringify({ Message: 'An error has occurred.', ExceptionMessage: `Token ${token} could not be read`, ExceptionType: 'System.FormatException' }),
		}));
		const result = await run(helper, { parameters: { resource: 'map', operation: 'getColumns', map: byKey(MAP_KEYS.importCustomers), options: { retries: 0 } } });
		expect(result.error?.message).toMatch(/HTTP 500/);
		expect(result.leaks).toEqual([]);
	});

	it('an HTML error page whose title holds the URL with the token', async () => {
		const helper = await echo('getalldata', (_token, inUrl) => ({
			kind: 'status',
			status: 502,
			body: `<!DOCTYPE html><html><head><title>?token=${inUrl}</title></head></html>`,
			contentType: 'text/html',
		}));
		const result = await run(helper, { parameters: { resource: 'map', operation: 'getSourceRows', returnAll: true, map: byKey(MAP_KEYS.importCustomers), options: { retries: 0 } } });
		expect(result.error).toBeDefined();
		expect(result.leaks).toEqual([]);
	});

	it('a GetToken 400 echoing the URI with the email and the (HMAC) password', async () => {
		const inUrl = encodeURIComponent(hmacPassword(simulator.demo.password));
		simulator.inject({
			endpoint: 'gettoken',
			fault: {
				kind: 'status',
				status: 400,
				body: JSON.stringify({
					Message: `The request is invalid: '${simulator.apiUrl}/GetToken?email=${encodeURIComponent(simulator.demo.email)}&password=${inUrl}&companyId=${simulator.demo.companyId}'.`,
				}),
			},
			times: Infinity,
		});
		const result = await run(demoCredentials(simulator), { parameters: getMany({ retries: 0 }) });
		expect(result.error?.message).toMatch(/could not log in|refused the login/);
		expect(errorText(result)).toMatch(/HTTP 400/);
		expect(result.leaks).toEqual([]);
	});

	it('a GetToken 404 echoing the URI with the plain password', async () => {
		simulator.inject({
			endpoint: 'gettoken',
			fault: {
				kind: 'status',
				status: 404,
				body: JSON.stringify({
					Message: `No HTTP resource was found that matches the request URI '${simulator.apiUrl}/GetToken?email=x&password=${encodeURIComponent(simulator.demo.password)}&companyId=y'.`,
				}),
			},
			times: Infinity,
		});
		const result = await run(loginHelper('plain'), { parameters: getMany({ retries: 0 }) });
		expect(result.error?.message).toMatch(/could not log in|refused the login/);
		expect(result.leaks).toEqual([]);
	});
});

// ------------------------------------------------------------------------------------------ the watch itself

describe('the watch sees what it must', () => {
	it('n8n-core logs at debug level through its Logger, and the watch captures those lines', async () => {
		const lines: string[] = [];
		const { captureOutput } = await import('../helpers/secrets');
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'status', status: 500 }, times: Infinity });
		const restore = captureOutput(lines);
		try {
			await runNode(demoCredentials(simulator), { parameters: getMany({ retries: 0 }) });
		} finally {
			restore();
		}
		expect(process.env.N8N_LOG_LEVEL).toBe('debug');
		expect(lines.some((line) => line.includes('Start executing node'))).toBe(true);
		// The error a failed execution is logged with, in JSON with its metadata.
		expect(lines.some((line) => line.includes('Workflow execution finished with error') && line.includes('SmartConnect GetMapList answered with HTTP 500'))).toBe(true);
	});

	it('would catch a token in an output item, and the HMAC password in a log line', () => {
		const probe = new SecretWatch([simulator.demo.password]);
		probe.watch(simulator);
		probe.harvest();
		const token = simulator.issuedTokens()[0];
		probe.check('probe', { json: { nested: [{ text: `a ${encodeURIComponent(token)} b` }] } }, {}, [`log ${hmacPassword(simulator.demo.password)}`]);
		expect(probe.leaks.map((leak) => [leak.secret, leak.where])).toEqual([
			[expect.stringMatching(/^session token/), 'json.nested.0.text'],
			['HMAC password', 'log'],
		]);
		expect(JSON.stringify(probe.leaks)).not.toContain(token);
	});

	it('would catch a secret in an error\'s cause chain and its non-enumerable stack', () => {
		const probe = new SecretWatch([simulator.demo.password]);
		const inner = new Error('inner');
		Object.defineProperty(inner, 'stack', { value: `Error: at ${simulator.demo.password}`, enumerable: false });
		const outer = new Error('outer', { cause: inner });
		(outer as Error & { self?: unknown }).self = outer;
		probe.check('probe', outer);
		expect(probe.leaks.map((leak) => leak.where)).toEqual(['cause.stack']);
	});
});

describe('across every case of this file', () => {
	it('no password form and no token appeared in any output, error, hint or log line', () => {
		watch.harvest();
		expect(watch.counts.runs).toBeGreaterThan(30);
		expect(watch.counts.logLines).toBeGreaterThan(100);
		expect(watch.leaks).toEqual([]);
	});
});
