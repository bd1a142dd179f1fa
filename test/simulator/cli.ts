/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Standalone simulator: `npm run simulator -- --port 5557 [--host 127.0.0.1] [--token-life-ms N]
 *   [--invalid-token http401|body200] [--bad-login emptyString|http401] [--get-all-variables seed|later|both]
 *   [--unknown-route http404|blank] [--tokens-per-user many|newest]`
 * Prints the connection details, then one line per request (token and password masked), until SIGINT/SIGTERM.
 */
import { maskSecrets, SmartConnectSimulator } from './server';
import type { RequestLogEntry, SimulatorOptions } from './types';

const USAGE =
	'usage: simulator [--port N] [--host H] [--token-life-ms N] [--invalid-token http401|body200] [--bad-login emptyString|http401]' +
	' [--get-all-variables seed|later|both] [--unknown-route http404|blank] [--tokens-per-user many|newest]';

function parseArgs(argv: string[]): SimulatorOptions {
	const opts: SimulatorOptions = { port: 5557 };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = argv[i + 1];
		if (flag === '--help' || flag === '-h') exitWith(USAGE, 0);
		if (value === undefined) exitWith(`missing value for ${flag}\n${USAGE}`, 2);
		i++;
		switch (flag) {
			case '--port':
				opts.port = toInt(flag, value);
				break;
			case '--host':
				opts.host = value;
				break;
			case '--token-life-ms':
				opts.tokenLifeMs = toInt(flag, value);
				break;
			case '--invalid-token':
				if (value !== 'http401' && value !== 'body200') exitWith(`--invalid-token must be http401 or body200\n${USAGE}`, 2);
				opts.invalidTokenResponse = value;
				break;
			case '--bad-login':
				if (value !== 'emptyString' && value !== 'http401') exitWith(`--bad-login must be emptyString or http401\n${USAGE}`, 2);
				opts.badLoginResponse = value;
				break;
			case '--get-all-variables':
				if (value !== 'seed' && value !== 'later' && value !== 'both') exitWith(`--get-all-variables must be seed, later or both\n${USAGE}`, 2);
				opts.getAllDataVariables = value;
				break;
			case '--unknown-route':
				if (value !== 'http404' && value !== 'blank') exitWith(`--unknown-route must be http404 or blank\n${USAGE}`, 2);
				opts.unknownRouteResponse = value;
				break;
			case '--tokens-per-user':
				if (value !== 'many' && value !== 'newest') exitWith(`--tokens-per-user must be many or newest\n${USAGE}`, 2);
				opts.tokensPerUser = value;
				break;
			default:
				exitWith(`unknown option ${flag}\n${USAGE}`, 2);
		}
	}
	return opts;
}

function toInt(flag: string, value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) exitWith(`${flag} needs a non-negative integer, got '${value}'`, 2);
	return n;
}

function exitWith(text: string, code: number): never {
	(code === 0 ? process.stdout : process.stderr).write(text + '\n');
	process.exit(code);
}

function logLine(e: RequestLogEntry): string {
	const query = new URLSearchParams(e.query).toString();
	const target = maskSecrets(query ? `${e.path}?${query}` : e.path);
	const body = e.body.length > 0 ? ` (request body ${e.body.length} B)` : '';
	return `${new Date(e.time).toISOString()} ${e.method} ${target} -> ${e.status === 0 ? 'reset' : e.status}${body}`;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const sim = await SmartConnectSimulator.start({ ...options, onLog: (e) => process.stdout.write(logLine(e) + '\n') });
	process.stdout.write(
		[
			'SmartConnect.com simulator running',
			`  API Url:        ${sim.apiUrl}`,
			`  Public key URL: ${sim.publicKeyUrl}`,
			`  Email:          ${sim.demo.email}`,
			`  Password:       ${sim.demo.password}`,
			`  Customer Id:    ${sim.demo.companyId}`,
			`  (second company for the same login: ${sim.demo.otherCompanyId})`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	const stop = () => {
		void sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
	process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
