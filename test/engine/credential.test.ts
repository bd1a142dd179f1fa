/**
 * The credential and transport through n8n's real engine against the simulator on 127.0.0.1:
 * one login per token life, exactly one re-login when the token is refused, and no secret in errors.
 */
import { randomUUID } from 'node:crypto';
import { hmacPassword } from '../../nodes/SmartConnect/helpers/password';
import { MAP_KEYS, SmartConnectSimulator } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { useSimulator } from '../helpers/simulator-suite';
import { runNode, runWorkflow, smartConnectNode, type RunResult } from '../helpers/engine';
import { N8N_LINE } from '../helpers/line';

const listMaps = { resource: 'map', operation: 'getMany', returnAll: true };
const DAY = 24 * 60 * 60 * 1000;

const sim = useSimulator();
// Each test reads the running simulator through this getter.
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

function tokensSentTo(endpoint: string): string[] {
	return simulator.log.filter((entry) => entry.endpoint === endpoint).map((entry) => entry.query.token);
}

function mapIds(result: RunResult): string[] {
	return result.output().map((item) => item.json.mapId as string);
}

describe('login and token reuse', () => {
	it('logs in once on the first execution and stores the token in the credential', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(mapIds(result)).toEqual(expect.arrayContaining(['IMPORT CUSTOMERS', 'PURCHASE JOURNAL']));
		expect(simulator.count('gettoken')).toBe(1);
		const stored = helper.store['cred-1'].sessionToken as string;
		expect(stored).not.toBe('');
		expect(helper.updates).toBe(1);
		expect(tokensSentTo('getmaplist')).toEqual([stored]);
	});

	it('logs in zero times on a second execution: the stored token is reused', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: listMaps });
		const stored = helper.store['cred-1'].sessionToken;
		simulator.clearLog();
		const second = await runNode(helper, { parameters: listMaps });
		expect(second.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(0);
		expect(tokensSentTo('getmaplist')).toEqual([stored]);
	});

	it('logs in once for many items in one execution', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps }, [{}, {}, {}]);
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(simulator.count('getmaplist')).toBe(3);
		expect(new Set(result.output().map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set(['{"item":0}', '{"item":1}', '{"item":2}']),
		);
	});

	it.each([
		['hmacSha256', (password: string) => hmacPassword(password)],
		['plain', (password: string) => password],
	])('sends the password encoded as %s', async (encoding, expected) => {
		const helper = demoCredentials(simulator, { loginEncoding: encoding });
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		const login = simulator.log.find((entry) => entry.endpoint === 'gettoken');
		expect(login?.query.password).toBe(expected(simulator.demo.password));
		expect(login?.query.email).toBe(simulator.demo.email);
	});

	it('encrypts the password with the RSA public key fetched from the configured URL', async () => {
		const helper = demoCredentials(simulator, { loginEncoding: 'rsa' });
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(simulator.count('public-key')).toBe(1);
		const login = simulator.log.find((entry) => entry.endpoint === 'gettoken');
		expect(login?.query.password).not.toBe(simulator.demo.password);
		expect(Buffer.from(login?.query.password ?? '', 'base64')).toHaveLength(128);
	});

	it('accepts an API URL with a trailing slash', async () => {
		const helper = demoCredentials(simulator, { apiUrl: `${simulator.apiUrl}/` });
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(simulator.log.every((entry) => !entry.path.includes('//'))).toBe(true);
	});
});

describe('API URL', () => {
	it.each([
		['not a URL', 'smartconnect.example/API', /is not a valid URL/],
		['another protocol', 'ftp://127.0.0.1/API', /is not an http\(s\) URL/],
		['with a query', 'https://127.0.0.1/API?token=x', /must not contain a query/],
		['empty', '', /is empty/],
	])('refuses an API URL that is %s, before anything is sent', async (_label, apiUrl, message) => {
		const result = await runNode(demoCredentials(simulator, { apiUrl }), { parameters: listMaps });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/credential "SmartConnect account"/);
		expect(simulator.log).toHaveLength(0);
	});

	it('warns, once per execution, that a plain http:// API URL is unencrypted', async () => {
		const result = await runNode(demoCredentials(simulator), { parameters: listMaps }, [{}, {}]);
		expect(result.error).toBeUndefined();
		const hints = result.run.data.resultData.runData.SmartConnect[0].hints ?? [];
		expect(hints.filter((hint) => /uses plain http:\/\//.test(hint.message))).toHaveLength(1);
		expect(hints[0].message).toMatch(/credential "SmartConnect account".*'Plain HTTP on a Trusted Network'/);
	});

	it("gives no such hint when the credential's Plain HTTP on a Trusted Network is on", async () => {
		const result = await runNode(demoCredentials(simulator, { trustedNetwork: true }), { parameters: listMaps }, [{}, {}]);
		expect(result.error).toBeUndefined();
		expect(result.output().length).toBeGreaterThan(0);
		const hints = result.run.data.resultData.runData.SmartConnect[0].hints ?? [];
		expect(hints.filter((hint) => /plain http/.test(hint.message))).toEqual([]);
	});
});

describe('token refused: one new login and one retry', () => {
	async function loggedIn() {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: listMaps });
		simulator.clearLog();
		return helper;
	}

	it('after the token expired', async () => {
		const helper = await loggedIn();
		const old = helper.store['cred-1'].sessionToken;
		simulator.setOptions({ now: () => Date.now() + 91 * DAY });
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(tokensSentTo('getmaplist')).toEqual([old, helper.store['cred-1'].sessionToken]);
		expect(helper.store['cred-1'].sessionToken).not.toBe(old);
	});

	it('after the token was revoked (HTTP 401)', async () => {
		const helper = await loggedIn();
		simulator.revokeTokens();
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(simulator.log.filter((entry) => entry.endpoint === 'getmaplist').map((entry) => entry.status)).toEqual([401, 200]);
	});

	it('when SmartConnect refuses the token in a 200 error body', async () => {
		const helper = await loggedIn();
		simulator.setOptions({ invalidTokenResponse: 'body200' });
		simulator.revokeTokens();
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(mapIds(result)).toContain('IMPORT CUSTOMERS');
		expect(simulator.count('gettoken')).toBe(1);
		expect(simulator.count('getmaplist')).toBe(2);
	});

	it('fails after at most two new logins when every token is refused, without looping', async () => {
		const helper = await loggedIn();
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'tokenRejected', as: 'http401' }, times: Infinity });
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error?.message).toMatch(/rejected the token of credential "SmartConnect account" right after a new login/);
		expect(simulator.count('gettoken')).toBe(2);
		expect(simulator.count('getmaplist')).toBe(3);
	});

	it('logs in again when the email, company or API URL changed since the token was issued', async () => {
		const helper = await loggedIn();
		const old = helper.store['cred-1'].sessionToken as string;
		helper.store['cred-1'] = { ...helper.store['cred-1'], customerId: simulator.demo.otherCompanyId };
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(tokensSentTo('getmaplist')).not.toContain(old);
		const login = simulator.log.find((entry) => entry.endpoint === 'gettoken');
		expect(login?.query.companyId ?? login?.query.companyID).toBe(simulator.demo.otherCompanyId);
	});
});

describe('token refused in queue mode: another worker may already have renewed it', () => {
	/** A login of "another worker": a valid token the node has not seen, and the node's stored one superseded. */
	async function otherWorkersLogin(): Promise<string> {
		const { email, password, companyId } = simulator.demo;
		const response = await fetch(`${simulator.apiUrl}/GetToken?${new URLSearchParams({ email, password, companyId })}`, { method: 'POST' });
		return (await response.json()) as string;
	}

	/** When SmartConnect first refuses a token for `endpoint`, the credential store gets `token` (the other worker's write). */
	function storeOnFirstRefusal(helper: ReturnType<typeof demoCredentials>, endpoint: string, token: () => string) {
		let done = false;
		simulator.setOptions({
			onLog: (entry) => {
				if (!done && entry.endpoint === endpoint && entry.status === 401) {
					done = true;
					helper.store['cred-1'] = { ...helper.store['cred-1'], sessionToken: token() };
				}
			},
		});
	}

	it('uses the token another worker stored instead of logging in (the service keeps only the newest token)', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: listMaps });
		simulator.setOptions({ tokensPerUser: 'newest' });
		const mine = helper.store['cred-1'].sessionToken as string;
		const theirs = await otherWorkersLogin();
		simulator.clearLog();
		storeOnFirstRefusal(helper, 'getmaplist', () => theirs);
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(0);
		expect(tokensSentTo('getmaplist')).toEqual([mine, theirs]);
	});

	it('logs in once when the stored token is the refused one, and a map run refused for its token runs once', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: listMaps });
		// The run itself is refused for its token (the column read before it is not): the stored token is the refused one.
		simulator.inject({ endpoint: 'runmapdatatablewitherrors', fault: { kind: 'tokenRejected', as: 'http401' }, times: 1 });
		simulator.clearLog();
		const result = await runNode(helper, {
			parameters: {
				resource: 'mapRun',
				operation: 'runWithDataTable',
				map: { __rl: true, mode: 'mapKey', value: MAP_KEYS.importCustomers },
			},
		}, [{ accountnumber: 'C1', name: 'One' }]);
		expect(result.error).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(1);
		expect(simulator.log.map((e) => `${e.endpoint} ${e.status}`)).toEqual([
			'getmapcolumns 200',
			// The run history read just before the run (Options › Check Run History After a Failure).
			'gethistoryforprocess 200',
			'runmapdatatablewitherrors 401',
			'gettoken 200',
			'runmapdatatablewitherrors 200',
		]);
		expect(simulator.runs).toHaveLength(1);
	});

	it('when the other worker’s token is refused too, logs in itself (at most twice), then gives up', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: listMaps });
		const theirs = await otherWorkersLogin();
		simulator.clearLog();
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'tokenRejected', as: 'http401' }, times: Infinity });
		storeOnFirstRefusal(helper, 'getmaplist', () => theirs);
		const result = await runNode(helper, { parameters: listMaps });
		expect(result.error?.message).toMatch(/rejected the token of credential "SmartConnect account" right after a new login/);
		expect(simulator.count('gettoken')).toBe(2);
		const sent = tokensSentTo('getmaplist');
		expect(sent).toHaveLength(4);
		expect(sent[1]).toBe(theirs);
		expect(new Set(sent).size).toBe(4);
	});
});

describe('wrong password', () => {
	it.each(['emptyString', 'http401'] as const)(
		'fails with a message naming the credential, and the password is nowhere in it (login refused as %s)',
		async (badLoginResponse) => {
			simulator.setOptions({ badLoginResponse });
			const password = `Wr0ng+${randomUUID()}/Value=`;
			const helper = demoCredentials(simulator, { password });
			const result = await runNode(helper, { parameters: listMaps });
			expect(result.run.status).toBe('error');
			expect(result.error?.message).toBe('SmartConnect refused the login for credential "SmartConnect account"');
			expect(result.error?.description).toMatch(/did not accept the email, password or Customer ID/);
			expect(simulator.count('gettoken')).toBe(1);
			expect(simulator.count('getmaplist')).toBe(0);
			const shown = JSON.stringify({ error: result.error, message: result.error?.message, stack: result.error?.stack, run: result.run.data });
			for (const secret of [password, hmacPassword(password), encodeURIComponent(hmacPassword(password))]) {
				expect(shown).not.toContain(secret);
			}
		},
	);
});

// A wrong password must never be tried again by itself: repeated bad logins can lock the SmartConnect
// account. n8n 1.x drops the `cause` of the error n8n-core wraps around the credential's login error,
// and a refused login was then taken for a network failure and retried (3 GetToken calls per node).
describe.each(['emptyString', 'http401'] as const)(`wrong password on n8n ${N8N_LINE}.x, GetToken answering %s`, (badLoginResponse) => {
	// A fresh wrong password each run: nothing that looks like a secret lives in the source.
	const password = `Wr0ng+${randomUUID()}/Value=`;
	const customers = [
		{ accountnumber: 'C1', name: 'Alpha' },
		{ accountnumber: 'C2', name: 'Beta' },
		{ accountnumber: 'C3', name: 'Gamma' },
	];
	const runDataTable = { resource: 'mapRun', operation: 'runWithDataTable', map: { __rl: true, mode: 'mapKey', value: MAP_KEYS.importCustomers } };
	const REFUSED = /did not accept the email, password or Customer ID/;

	beforeEach(() => {
		simulator.setOptions({ badLoginResponse });
	});

	function expectRefusal(message: unknown, description: unknown): void {
		expect(message).toMatch(/^SmartConnect refused the login for credential "SmartConnect account"/);
		expect(description).toMatch(REFUSED);
		expect(JSON.stringify({ message, description })).not.toContain(password);
	}

	it('a read fails naming the credential and the refusal; GetToken is called once', async () => {
		const result = await runNode(demoCredentials(simulator, { password }), { parameters: listMaps }, [{}, {}]);
		expectRefusal(result.error?.message, result.error?.description);
		expect(simulator.log.map((entry) => `${entry.endpoint} ${entry.status}`)).toEqual([
			`gettoken ${badLoginResponse === 'http401' ? 401 : 200}`,
		]);
	});

	it('a run fails before anything is sent; GetToken is called once', async () => {
		const result = await runNode(demoCredentials(simulator, { password }), { parameters: { ...runDataTable, rowsPerRun: 1 } }, customers);
		expectRefusal(result.error?.message, result.error?.description);
		expect(result.error?.description).not.toMatch(/may have run/);
		expect(simulator.log.map((entry) => entry.endpoint)).toEqual(['gettoken']);
		expect(simulator.runs).toEqual([]);
	});

	it('with Continue On Fail, every item of a run says sent: false and names the refusal; GetToken is called once', async () => {
		const result = await runNode(demoCredentials(simulator, { password }), { parameters: runDataTable, continueOnFail: true }, customers);
		expect(result.error).toBeUndefined();
		const items = result.output();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// With Continue On Fail the items stay on the main output, each with its smartConnect status.
		for (const item of items) {
			const status = item.json.smartConnect as { status?: unknown; sent?: unknown; error?: unknown };
			expect(status).toMatchObject({ status: 'not sent', sent: false });
			expect(status.error).toMatch(/^SmartConnect refused the login for credential "SmartConnect account"/);
			expect(JSON.stringify(item.json)).not.toContain(password);
		}
		expect(simulator.log.map((entry) => entry.endpoint)).toEqual(['gettoken']);
	});

	it('a workflow of a read and a run (both Continue On Fail) calls GetToken once per node, never again', async () => {
		const read = smartConnectNode({ name: 'Read', parameters: listMaps, continueOnFail: true });
		const run = smartConnectNode({ name: 'Run', parameters: { ...runDataTable, operation: 'run' }, continueOnFail: true });
		const result = await runWorkflow(
			demoCredentials(simulator, { password }),
			{ nodes: [read, run], connections: { Read: { main: [[{ node: 'Run', type: 'main', index: 0 }]] } } },
			[{}],
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Read')).toHaveLength(1);
		for (const item of result.output('Read')) expectRefusal(item.json.message, (item.json.error as { description?: unknown }).description);
		const runItems = result.output('Run');
		expect(runItems).toHaveLength(1);
		expect(runItems[0].json.smartConnect).toMatchObject({ status: 'not sent', sent: false });
		expect((runItems[0].json.smartConnect as { error?: unknown }).error).toMatch(/^SmartConnect refused the login for credential "SmartConnect account"/);
		expect(simulator.count('gettoken')).toBe(2);
		expect(simulator.log.map((entry) => entry.endpoint)).toEqual(['gettoken', 'gettoken']);
	});
});
