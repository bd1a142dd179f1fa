/**
 * `npm run demo`: the main job on a fresh machine. Starts the SmartConnect simulator on
 * 127.0.0.1, runs the SmartConnect node through n8n's real execution engine against it, and says
 * what happened. Exits non-zero if anything fails.
 */
import '../test/setup-env';
import { SmartConnectSimulator } from '../test/simulator';
import { demoCredentials } from '../test/helpers/credentials';
import { runNode, shutdownEngine } from '../test/helpers/engine';

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
	say('Starting the SmartConnect simulator on 127.0.0.1 …');
	const simulator = await SmartConnectSimulator.start();
	let failed = false;
	try {
		say(`  API URL ${simulator.apiUrl}, demo login ${simulator.demo.email}`);
		const credentials = demoCredentials(simulator);

		say('\n1. Token › Validate (first execution: the credential logs in by itself)');
		const validate = await runNode(credentials, { parameters: { resource: 'token', operation: 'validate' } });
		if (validate.error) throw validate.error;
		say(`   token valid: ${validate.output()[0].json.valid}; logins so far: ${simulator.count('gettoken')}`);

		say('\n2. Map › Get Many (second execution: the stored token is reused)');
		const maps = await runNode(credentials, { parameters: { resource: 'map', operation: 'getAll', returnAll: true } });
		if (maps.error) throw maps.error;
		for (const item of maps.output()) {
			say(`   - ${item.json.mapId} (${item.json.description}) key ${item.json.mapKey}`);
		}
		say(`   ${maps.output().length} maps found; logins so far: ${simulator.count('gettoken')}`);

		say('\n3. The token expires (simulated 91 days later): one new login, then the same call succeeds');
		simulator.setOptions({ now: () => Date.now() + 91 * 24 * 3600 * 1000 });
		const again = await runNode(credentials, { parameters: { resource: 'map', operation: 'getAll', returnAll: true } });
		if (again.error) throw again.error;
		say(`   ${again.output().length} maps found; logins so far: ${simulator.count('gettoken')}`);

		say(`\nDone: ${simulator.log.length} requests to SmartConnect, ${simulator.count('gettoken')} logins.`);
	} catch (error) {
		failed = true;
		process.stderr.write(`\nDemo failed: ${(error as Error).message}\n${(error as { description?: string }).description ?? ''}\n`);
	} finally {
		await simulator.close();
		shutdownEngine();
	}
	process.exitCode = failed ? 1 : 0;
}

void main();
