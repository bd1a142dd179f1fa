/**
 * A refused login (a wrong password) through n8n's real engine: SmartConnect's GetToken answers
 * 200 with `""` or 401 with `{"Message": …}`. It is asked once and never again (repeated bad logins
 * can lock the account), nothing is sent to a map, reads and runs fail with a message that names
 * the credential and a description that says the login was refused, and run items carry
 * `sent: false`. n8n-workflow 1.x drops the error's `cause` when n8n-core wraps it; the last
 * case keeps only what both lines keep (message and description) and must be recognised the same.
 */
import { randomUUID } from 'node:crypto';

import { MAP_KEYS, SmartConnectSimulator } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { runNode, TestCredentialsHelper, type RunResult } from '../helpers/engine';
import { useSimulator } from '../helpers/simulator-suite';

const sim = useSimulator();
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

// A fresh wrong password each run: nothing that looks like a secret lives in the source.
const WRONG = { password: `wrong-${randomUUID()}` };
const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });
const listMaps = { resource: 'map', operation: 'getMany', returnAll: true };
const runMap = { resource: 'mapRun', operation: 'run', map: byKey(MAP_KEYS.importCustomers) };
const dataTable = {
	resource: 'mapRun',
	operation: 'runWithDataTable',
	map: byKey(MAP_KEYS.importCustomers),
	rowsPerRun: 2,
	options: { retries: 2 },
};
const rows = [1, 2, 3].map((n) => ({ id: `CUST${n}`, name: `Customer ${n}` }));

const MESSAGE = 'SmartConnect refused the login for credential "SmartConnect account"';
const REFUSED = /^The login was refused: SmartConnect did not accept the email, password or Customer ID/;

/** Nothing reached a map, and GetToken was asked exactly once. */
function expectOneLoginOnly(): void {
	expect(simulator.count('gettoken')).toBe(1);
	expect(simulator.log.filter((entry) => entry.endpoint !== 'gettoken')).toEqual([]);
}

function expectRefusedError(result: RunResult): void {
	expect(result.run.status).toBe('error');
	expect(result.error?.message).toBe(MESSAGE);
	expect(result.error?.description).toMatch(REFUSED);
}

/**
 * Throws what n8n 1.x keeps of a login error once n8n-core has wrapped it: its message and
 * description, without the error object itself.
 */
class MessageAndDescriptionOnly extends TestCredentialsHelper {
	async preAuthentication(...args: Parameters<TestCredentialsHelper['preAuthentication']>) {
		try {
			return await super.preAuthentication(...args);
		} catch (error) {
			const { message, description } = error as Error & { description?: string };
			throw Object.assign(new Error(message), { description });
		}
	}
}

describe.each(['emptyString', 'http401'] as const)('GetToken refuses the login (%s)', (badLoginResponse) => {
	beforeEach(() => simulator.setOptions({ badLoginResponse }));

	it('a read fails at once, naming the credential; GetToken is not asked again', async () => {
		const result = await runNode(demoCredentials(simulator, WRONG), { parameters: { ...listMaps, options: { retries: 2 } } });
		expectRefusedError(result);
		expectOneLoginOnly();
	});

	it('reads for several items with the error output: one login for the node, every item routed', async () => {
		const result = await runNode(
			demoCredentials(simulator, WRONG),
			{ parameters: listMaps, onError: 'continueErrorOutput' },
			[{}, {}, {}],
		);
		const failed = result.output('SmartConnect', 1);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of failed) expect(item.json.message).toBe(MESSAGE);
		expectOneLoginOnly();
	});

	it('a run that stops: the error says the item was not sent', async () => {
		const result = await runNode(demoCredentials(simulator, WRONG), { parameters: runMap });
		expectRefusedError(result);
		expect(result.error?.description).toMatch(/Not sent: item 1\.$/);
		expectOneLoginOnly();
	});

	it('runs with the error output: every item is routed with sent: false', async () => {
		const result = await runNode(
			demoCredentials(simulator, WRONG),
			{ parameters: dataTable, onError: 'continueErrorOutput' },
			rows,
		);
		expect(result.run.status).not.toBe('error');
		expect(result.output('SmartConnect', 0)).toEqual([]);
		const failed = result.output('SmartConnect', 1);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of failed) {
			expect(item.json).toEqual({
				message: MESSAGE,
				error: expect.objectContaining({ message: MESSAGE, sent: false, description: expect.stringMatching(REFUSED) }),
			});
		}
		expectOneLoginOnly();
	});

	it('is recognised from the message and description alone, as n8n 1.x passes them on', async () => {
		const helper = new MessageAndDescriptionOnly();
		helper.store['cred-1'] = { ...simulator.demoCredentialData(), ...WRONG };
		const read = await runNode(helper, { parameters: listMaps });
		expectRefusedError(read);
		const run = await runNode(helper, { parameters: runMap, onError: 'continueErrorOutput' });
		expect(run.output('SmartConnect', 1).map((item) => item.json.error)).toEqual([
			expect.objectContaining({ sent: false, description: expect.stringMatching(REFUSED) }),
		]);
		expect(simulator.count('gettoken')).toBe(2);
		expect(simulator.count('runmap') + simulator.count('getmaplist')).toBe(0);
	});
});
