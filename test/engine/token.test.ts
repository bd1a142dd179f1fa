/** Token › Get and Token › Validate, and the credential's own test request, through the real engine. */
import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';

import { SmartConnectApi } from '../../credentials/SmartConnectApi.credentials';
import { SmartConnectSimulator } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { useSimulator } from '../helpers/simulator-suite';
import { runNode, runWorkflow, standInDescription, TestNodeTypes, CREDENTIAL_TYPE } from '../helpers/engine';

const sim = useSimulator();
// Each test reads the running simulator through this getter.
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

// n8n's credentials tester applies rules with lodash's get; so does this test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const get = require('lodash/get') as (value: unknown, path: string) => unknown;

describe('Token › Validate', () => {
	it('answers valid: true for the stored token, logging in first when there is none', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		expect(result.output().map((item) => item.json)).toEqual([{ valid: true }]);
		expect(simulator.count('gettoken')).toBe(1);
		expect(simulator.log.find((entry) => entry.endpoint === 'validate')?.query.token).toBe(
			helper.store['cred-1'].sessionToken,
		);
	});

	it('answers valid: false for a revoked token without logging in again', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		simulator.revokeTokens();
		simulator.clearLog();
		const result = await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		expect(result.output().map((item) => item.json)).toEqual([{ valid: false }]);
		expect(simulator.count('gettoken')).toBe(0);
	});
});

describe('Token › Get', () => {
	it('returns the stored token with the company, email and API URL it belongs to', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { resource: 'token', operation: 'get' } });
		expect(result.output().map((item) => item.json)).toEqual([
			{
				token: helper.store['cred-1'].sessionToken,
				customerId: simulator.demo.companyId,
				email: simulator.demo.email,
				apiUrl: simulator.apiUrl,
			},
		]);
		expect(simulator.issuedTokens()).toContain(helper.store['cred-1'].sessionToken);
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('logs in again when the stored token is no longer valid, once', async () => {
		const helper = demoCredentials(simulator);
		await runNode(helper, { parameters: { resource: 'token', operation: 'get' } });
		const old = helper.store['cred-1'].sessionToken;
		simulator.revokeTokens();
		simulator.clearLog();
		const result = await runNode(helper, { parameters: { resource: 'token', operation: 'get' } });
		expect(result.output()[0].json.token).not.toBe(old);
		expect(result.output()[0].json.token).toBe(helper.store['cred-1'].sessionToken);
		expect(simulator.count('gettoken')).toBe(1);
	});
});

/**
 * n8n tests a credential by running its `test` request through RoutingNode on a temporary NoOp
 * node, then applying the rules to the first output item (n8n's credentials-tester.service).
 * The same happens here with the real RoutingNode.
 */
async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credential = new SmartConnectApi();
	const tempNode: INodeType = {
		description: standInDescription('No Operation', 'noOp', {
			defaults: { name: 'Temp' },
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credential.test.request } },
			],
		}),
	};
	const nodeTypes = new TestNodeTypes();
	nodeTypes.types['n8n-nodes-base.noOp'] = tempNode;
	const helper = demoCredentials(simulator, data);
	const result = await runWorkflow(
		helper,
		{
			nodes: [
				{
					id: 'temp',
					name: 'Temp-Node',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
					credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'SmartConnect account' } },
				},
			],
			connections: {},
		},
		[{}],
		nodeTypes,
	);
	if (result.error) return { status: 'Error', message: result.error.message };
	const json = result.output('Temp-Node')[0]?.json;
	for (const rule of credential.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && get(json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

describe('credential test', () => {
	it('passes for the demo login: logs in, then validate answers true', async () => {
		expect(await testCredential({})).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(simulator.count('gettoken')).toBe(1);
		expect(simulator.count('validate')).toBe(1);
	});

	it('fails when validate answers false', async () => {
		simulator.inject({ endpoint: 'validate', fault: { kind: 'status', status: 200, body: 'false', contentType: 'application/json' } });
		const outcome = await testCredential({});
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/validate answered false/);
	});

	it('fails with the login message for a wrong password', async () => {
		const outcome = await testCredential({ password: 'not-the-password' });
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/did not accept the email, password or Customer ID/);
		expect(outcome.message).not.toContain('not-the-password');
	});
});
