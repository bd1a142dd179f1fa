/**
 * The SmartConnect REST API (OAuth2, credential `smartConnectOAuth2Api`) through n8n's real engine
 * against the simulator's REST API mode on 127.0.0.1: the password grant, tokens kept in the
 * credential, one refresh per refused token, a new login when the refresh token is refused, the
 * integration run read into the run result, and no secret in any output.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { SmartConnectOAuth2Api } from '../../credentials/SmartConnectOAuth2Api.credentials';
import { MAP_KEYS, OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, SmartConnectSimulator, type RequestLogEntry } from '../simulator';
import { TestCredentialsHelper, type RunResult } from '../helpers/engine';
import { runWithService } from '../helpers/services';
import { useSimulator } from '../helpers/simulator-suite';

const sim = useSimulator();
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
	simulator.oauth.username = simulator.demo.email;
});

const CREDENTIAL = 'smartConnectOAuth2Api';

function oauthCredentials(data: IDataObject = {}): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	(helper.types as Record<string, unknown>)[CREDENTIAL] = new SmartConnectOAuth2Api();
	helper.store['oauth-1'] = {
		region: 'custom',
		tokenUrl: simulator.oauthTokenUrl,
		username: simulator.demo.email,
		password: simulator.demo.password,
		clientId: OAUTH_CLIENT_ID,
		clientSecret: OAUTH_CLIENT_SECRET,
		accessToken: '',
		refreshToken: '',
		...data,
	} as never;
	return helper;
}

const runIntegration = (county: string) => ({
	resource: 'integration',
	operation: 'run',
	map: MAP_KEYS.customersByCounty,
	variables: { variable: [{ name: 'GBL_COUNTY', value: county }] },
	options: { output: 'summary' },
});

async function run(helper: TestCredentialsHelper, parameters: IDataObject, extra: Partial<INode> = {}): Promise<RunResult> {
	return await runWithService(helper, { type: CREDENTIAL, id: 'oauth-1', name: 'SmartConnect REST' }, parameters, [{}], extra);
}

const requests = (endpoint: string): RequestLogEntry[] => simulator.log.filter((entry) => entry.endpoint === endpoint);
const grants = () => requests('token').map((entry) => new URLSearchParams(entry.body).get('grant_type'));
const stored = (helper: TestCredentialsHelper) => helper.store['oauth-1'];

describe('Integration › Run', () => {
	it('logs in with the password grant, runs with Bearer, and reads the answer into the run result', async () => {
		const helper = oauthCredentials();
		const result = await run(helper, runIntegration('GA'));
		expect(result.error).toBeUndefined();

		const [token] = requests('token');
		expect(token.method).toBe('POST');
		expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({
			grant_type: 'password',
			username: simulator.demo.email,
			password: simulator.demo.password,
			client_id: OAUTH_CLIENT_ID,
			client_secret: OAUTH_CLIENT_SECRET,
		});
		expect(stored(helper).accessToken).not.toBe('');
		expect(stored(helper).refreshToken).not.toBe('');

		const [request, ...more] = requests('run-integration');
		expect(more).toHaveLength(0);
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/v1/run-integration/${MAP_KEYS.customersByCounty}`);
		expect(request.query).toEqual({ returnErrors: 'true' });
		expect(request.headers.authorization).toBe(`Bearer ${stored(helper).accessToken}`);
		expect(request.headers.accept).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual({ Variables: [{ Name: 'GBL_COUNTY', Value: 'GA' }] });

		const map = simulator.mapsFor().find((m) => m.mapKey === MAP_KEYS.customersByCounty);
		const rows = map?.rows.filter((row) => row.County === 'GA') ?? [];
		expect(rows.length).toBeGreaterThan(0);
		expect(result.output().map((item) => item.json)).toEqual([
			{
				status: 'success',
				mapKey: MAP_KEYS.customersByCounty,
				mapId: 'CUSTOMERS BY COUNTY',
				description: map?.description,
				runNumber: simulator.runs[0].runNumber,
				recordCount: rows.length,
				errorCount: 0,
				errorMessage: '',
				failedRows: [],
				inputItems: [0],
			},
		]);
	});

	it('a second execution reuses the stored access token', async () => {
		const helper = oauthCredentials();
		await run(helper, runIntegration('GA'));
		const result = await run(helper, runIntegration('FL'));
		expect(result.error).toBeUndefined();
		expect(grants()).toEqual(['password']);
		expect(requests('run-integration')).toHaveLength(2);
	});

	it('an expired access token is refreshed once with the refresh token and the run sent again, once', async () => {
		const helper = oauthCredentials();
		await run(helper, runIntegration('GA'));
		const firstRefresh = stored(helper).refreshToken;
		simulator.oauthTokens.expireAccess();
		simulator.clearLog();
		const result = await run(helper, runIntegration('FL'));
		expect(result.error).toBeUndefined();
		expect(grants()).toEqual(['refresh_token']);
		expect(new URLSearchParams(requests('token')[0].body).get('refresh_token')).toBe(firstRefresh);
		expect(requests('run-integration').map((entry) => entry.status)).toEqual([401, 200]);
		expect(simulator.runs).toHaveLength(1);
		expect(stored(helper).refreshToken).not.toBe(firstRefresh);
	});

	it('when the refresh token is refused too, it logs in again with the password', async () => {
		const helper = oauthCredentials();
		await run(helper, runIntegration('GA'));
		simulator.oauthTokens.expireAccess();
		simulator.oauthTokens.expireRefresh();
		simulator.clearLog();
		const result = await run(helper, runIntegration('GA'));
		expect(result.error).toBeUndefined();
		expect(grants()).toEqual(['refresh_token', 'password']);
		expect(requests('run-integration').map((entry) => entry.status)).toEqual([401, 200]);
	});

	it('a token refused after two new logins of its own fails, without a fourth send', async () => {
		const helper = oauthCredentials();
		await run(helper, runIntegration('GA'));
		simulator.clearLog();
		simulator.inject({ endpoint: 'run-integration', fault: { kind: 'tokenRejected', as: 'http401' }, times: Infinity });
		const result = await run(helper, runIntegration('GA'));
		expect(result.error?.message).toContain('rejected the token');
		expect(requests('run-integration')).toHaveLength(3);
		expect(grants()).toEqual(['refresh_token', 'refresh_token']);
		expect(simulator.runs).toHaveLength(0);
	});

	it('a wrong password: one grant, no run, a login error that names the credential; nothing secret in it', async () => {
		const wrong = `${simulator.demo.password}-wrong`;
		const helper = oauthCredentials({ password: wrong });
		const result = await run(helper, runIntegration('GA'));
		const error = result.error;
		expect(error?.message).toBe('SmartConnect refused the login for credential "SmartConnect REST"');
		expect(error?.description).toContain('user name, password, client ID or client secret');
		expect(grants()).toEqual(['password']);
		expect(requests('run-integration')).toHaveLength(0);
		const shown = JSON.stringify({ message: error?.message, description: error?.description });
		for (const secret of [wrong, OAUTH_CLIENT_SECRET]) expect(shown).not.toContain(secret);
	});

	it('with Continue On Fail a lost run answer is an error item, never resent; no token in it', async () => {
		const helper = oauthCredentials();
		simulator.inject({ endpoint: 'run-integration', fault: { kind: 'status', status: 502 }, afterAction: true });
		const result = await run(helper, { ...runIntegration('GA'), options: {} }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		const [item] = result.output().map((i) => i.json);
		expect(item.smartConnect).toMatchObject({ status: 'failed', sent: 'unknown' });
		expect(requests('run-integration')).toHaveLength(1);
		expect(simulator.runs).toHaveLength(1);
		const shown = JSON.stringify(item);
		for (const secret of [stored(helper).accessToken, stored(helper).refreshToken, OAUTH_CLIENT_SECRET, simulator.demo.password]) {
			expect(shown).not.toContain(String(secret));
		}
	});

	it('tokens issued to another user are not reused: a password grant for the new one, no refresh', async () => {
		const helper = oauthCredentials();
		await run(helper, runIntegration('GA'));
		const before = stored(helper).loggedInAs;
		helper.store['oauth-1'] = { ...stored(helper), username: 'other@example.com' };
		simulator.oauth.username = 'other@example.com';
		simulator.clearLog();
		const result = await run(helper, runIntegration('GA'));
		expect(result.error).toBeUndefined();
		expect(grants()).toEqual(['password']);
		expect(new URLSearchParams(requests('token')[0].body).get('username')).toBe('other@example.com');
		expect(stored(helper).loggedInAs).not.toBe(before);
		expect(requests('run-integration')).toHaveLength(1);
	});

	it('an empty Integration ID stops before anything is sent', async () => {
		const result = await run(oauthCredentials(), { ...runIntegration('GA'), map: ' ' });
		expect(result.error?.message).toContain('[item 1]');
		expect(simulator.log).toHaveLength(0);
	});
});
