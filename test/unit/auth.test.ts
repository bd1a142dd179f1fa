import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INode, type JsonObject } from 'n8n-workflow';

import { tokenIdentity } from '../../nodes/SmartConnect/helpers/identity';
import { loginError, readGetTokenResponse } from '../../nodes/SmartConnect/helpers/login';
import { hmacPassword } from '../../nodes/SmartConnect/helpers/password';
import { AUTH_STRATEGIES, smartConnectApi, strategyFor } from '../../nodes/SmartConnect/transport/auth';
import { ENDPOINTS } from '../../nodes/SmartConnect/transport/endpoints';

/** The auth strategy of the SmartConnect.com credential, without n8n's engine: a context that records what it is asked. */

const NODE: INode = {
	id: 'node-1',
	name: 'SmartConnect',
	type: 'n8n-nodes-smartconnect.smartConnect',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { smartConnectApi: { id: 'cred-1', name: 'SmartConnect account' } },
};

interface Recorded {
	requests: unknown[][];
	hints: unknown[];
}

function fakeContext(node: INode = NODE): { context: IExecuteFunctions; recorded: Recorded } {
	const recorded: Recorded = { requests: [], hints: [] };
	const context = {
		getNode: () => node,
		addExecutionHints: (...hints: unknown[]) => recorded.hints.push(...hints),
		helpers: {
			httpRequestWithAuthentication: async (...args: unknown[]) => {
				recorded.requests.push(args);
				return { statusCode: 200, headers: {}, body: 'true' };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, recorded };
}

const CREDENTIALS = {
	apiUrl: ' https://smartconnect.example/API// ',
	customerId: '6f1c1d2e-0000-4000-8000-000000000001',
	email: 'ann@example.com',
	password: 'Secret+Pass/1=',
	// The token "Token#123456", base64 as SmartConnect issues it.
	sessionToken: Buffer.from('Token#123456').toString('base64'),
};

describe('choosing the strategy', () => {
	it("is the node's credential type; every strategy's column exists in the endpoint table", () => {
		expect(strategyFor(fakeContext().context)).toBe(smartConnectApi);
		expect(strategyFor(fakeContext({ ...NODE, credentials: undefined }).context)).toBe(smartConnectApi);
		for (const strategy of AUTH_STRATEGIES) {
			expect(Object.values(ENDPOINTS).some((endpoint) => strategy.service in endpoint.routes)).toBe(true);
		}
	});
});

describe('the base URL', () => {
	it('is the API URL without trailing slashes', () => {
		const { context, recorded } = fakeContext();
		expect(smartConnectApi.baseUrl.call(context, CREDENTIALS, {})).toBe('https://smartconnect.example/API');
		expect(recorded.hints).toEqual([]);
	});

	it.each([
		['', /is empty/],
		['smartconnect.example/API', /is not a valid URL/],
		['ftp://smartconnect.example/API', /is not an http\(s\) URL/],
		['https://smartconnect.example/API?token=x', /must not contain a query or fragment/],
		['https://ann:pw@smartconnect.example/API', /must not contain a user name or password/],
	])('refuses %j before anything is sent, naming the credential', (apiUrl, problem) => {
		const { context } = fakeContext();
		let caught: unknown;
		try {
			smartConnectApi.baseUrl.call(context, { ...CREDENTIALS, apiUrl }, {}, 3);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(NodeOperationError);
		expect((caught as NodeOperationError).message).toMatch(/^The API URL of credential "SmartConnect account" /);
		expect((caught as NodeOperationError).message).toMatch(problem);
		expect((caught as NodeOperationError).context.itemIndex).toBe(3);
	});

	it('hints once per execution (its memory) that plain http:// is unencrypted', () => {
		const { context, recorded } = fakeContext();
		const plain = { ...CREDENTIALS, apiUrl: 'http://gp-app01:5557/API' };
		const memory = {};
		smartConnectApi.baseUrl.call(context, plain, memory);
		smartConnectApi.baseUrl.call(context, plain, memory);
		expect(recorded.hints).toEqual([expect.objectContaining({ message: expect.stringMatching(/plain http:\/\//) })]);
		// Another execution has a memory of its own, and is told too.
		smartConnectApi.baseUrl.call(context, plain, {});
		expect(recorded.hints).toHaveLength(2);
	});
});

describe('the stored login', () => {
	it('is kept while it was issued for this API URL, company and email', () => {
		const loggedInAs = tokenIdentity(CREDENTIALS);
		expect(smartConnectApi.loginOutdated({ ...CREDENTIALS, loggedInAs })).toBe(false);
		expect(smartConnectApi.loginOutdated({ ...CREDENTIALS, loggedInAs, email: 'bob@example.com' })).toBe(true);
		expect(smartConnectApi.loginOutdated({ ...CREDENTIALS, loggedInAs: '' })).toBe(true);
		// No token yet: n8n logs in by itself (preAuthentication), nothing to replace.
		expect(smartConnectApi.loginOutdated({ ...CREDENTIALS, sessionToken: '', loggedInAs: '' })).toBe(false);
	});
});

describe('sending', () => {
	const options = { method: 'POST' as const, url: 'https://smartconnect.example/API/GetMapList' };

	it("goes through n8n's authenticated request with the credential type and the data given, as it is", async () => {
		const { context, recorded } = fakeContext();
		const data = { ...CREDENTIALS };
		await smartConnectApi.send.call(context, options, data);
		expect(recorded.requests).toEqual([
			['smartConnectApi', options, { credentialsDecrypted: { id: 'cred-1', name: 'SmartConnect account', type: 'smartConnectApi', data } }],
		]);
		// The same object: n8n writes a new login's token into it, so the caller learns which token was sent.
		expect((recorded.requests[0][2] as { credentialsDecrypted: { data: object } }).credentialsDecrypted.data).toBe(data);
	});

	it('logs in again with a copy of the credential that holds no token', () => {
		const copy = smartConnectApi.withoutToken(CREDENTIALS);
		expect(copy).toEqual({ ...CREDENTIALS, sessionToken: '' });
		expect(smartConnectApi.token(copy)).toBe('');
		expect(smartConnectApi.token(CREDENTIALS)).toBe(CREDENTIALS.sessionToken);
		expect(CREDENTIALS.sessionToken).not.toBe('');
	});
});

describe('the secrets to hide', () => {
	it('are the token and the password as typed and as HMAC', () => {
		expect(smartConnectApi.secrets(CREDENTIALS)).toEqual([CREDENTIALS.sessionToken, CREDENTIALS.password, hmacPassword(CREDENTIALS.password)]);
		expect(smartConnectApi.secrets({ ...CREDENTIALS, sessionToken: '', password: '' })).toEqual([]);
	});
});

describe('recognising a failed login, however n8n wrapped it', () => {
	function refusal(): Error {
		try {
			readGetTokenResponse(200, '""');
		} catch (error) {
			return error as Error;
		}
		throw new Error('GetToken accepted an empty token');
	}

	/** n8n-core wraps what preAuthentication throws: `new NodeApiError(node, error)`. */
	const wrap = (error: Error) => new NodeApiError(NODE, error as unknown as JsonObject);

	/** n8n-workflow 1.x's ExecutionBaseError loses an Error cause (a class field resets it). */
	function wrapAsN8n1(error: Error): NodeApiError {
		const wrapped = wrap(error);
		Object.defineProperty(wrapped, 'cause', { value: undefined, configurable: true, writable: true });
		return wrapped;
	}

	it('a refused login, as thrown, as n8n 2.x wraps it, and as n8n 1.x wraps it (no cause)', () => {
		for (const error of [refusal(), wrap(refusal()), wrapAsN8n1(refusal())]) {
			expect(smartConnectApi.loginFailure(error)).toEqual(
				expect.objectContaining({
					message: expect.stringMatching(/^The login was refused: SmartConnect did not accept the email, password or Customer ID/),
					retryable: false,
				}),
			);
		}
		expect(wrapAsN8n1(refusal()).cause).toBeUndefined();
	});

	it('a login that may be retried keeps its network code and Retry-After through the wrapping', () => {
		const network = loginError('GetToken could not reach SmartConnect', { code: 'ECONNRESET' });
		expect(smartConnectApi.loginFailure(wrapAsN8n1(network))).toEqual({
			message: 'GetToken could not reach SmartConnect',
			retryable: true,
			networkCode: 'ECONNRESET',
		});
		let busy: Error | undefined;
		try {
			readGetTokenResponse(503, '', { 'retry-after': '2' });
		} catch (error) {
			busy = error as Error;
		}
		expect(smartConnectApi.loginFailure(wrapAsN8n1(busy as Error))).toEqual({
			message: 'GetToken answered with HTTP 503',
			retryable: true,
			retryAfterMs: 2000,
		});
	});

	it('anything else is not a login failure', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(smartConnectApi.loginFailure(reset)).toBeUndefined();
		expect(smartConnectApi.loginFailure(wrapAsN8n1(reset))).toBeUndefined();
		expect(smartConnectApi.loginFailure(new NodeApiError(NODE, { message: 'x', description: 'SmartConnect login error' }))).toBeUndefined();
		expect(smartConnectApi.loginFailure(undefined)).toBeUndefined();
		expect(smartConnectApi.loginFailure('text')).toBeUndefined();
	});
});
