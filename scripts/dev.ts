/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * `npm run dev`: try the node in the real n8n editor. Builds the package if needed, installs the
 * cached real n8n 1.x (first time: a few minutes, with progress), starts the SmartConnect
 * simulator and n8n on 127.0.0.1 with the package installed as a community package, the
 * "SmartConnect account" credential (pointing at the simulator) and the examples imported, and
 * an owner account set up; prints the editor URL and the login. Ctrl+C stops both.
 *
 *   npm run dev                      # n8n 1.123.81 on this machine's Node 20, editor on port 5678
 *   npm run dev -- --n8n 2           # n8n 2.41.1 on Node 24
 *   npm run dev -- --port 5680 --simulator-port 5557
 *
 * The n8n user folder is .n8n-dev/<n8n-1|n8n-2>/ in the repo (git-ignored), kept between runs so
 * your own workflows stay; the package is unpacked into it afresh on every start.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import {
	DEV_OWNER,
	exampleCredentials,
	exampleFiles,
	freePort,
	n8nInstall,
	N8nUserFolder,
	packPackage,
	removePackedPackage,
	setupOwner,
	type N8nName,
} from '../e2e/lib/n8n';
import { maskSecrets, SmartConnectSimulator } from '../test/simulator';
import { distIsStale } from './demo-nodes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require('../e2e/install') as typeof import('../e2e/install');

const ROOT = path.join(__dirname, '..');

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function main(): Promise<void> {
	const name: N8nName = option('n8n', '1') === '2' ? 'n8n-2' : 'n8n-1';
	const port = Number(option('port', '5678'));
	const wantedSimulatorPort = Number(option('simulator-port', '5557'));

	if (distIsStale()) {
		say('Building the package (dist/ is missing or older than the sources) …');
		const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (build.status !== 0) throw new Error('npm run build failed');
	}
	say(`Making sure ${installer.installInfo(name).label} is installed (cached after the first time) …`);
	await installer.install(name);
	const install = n8nInstall(name);
	if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is taken: pass --port N`);

	const simulatorPort = (await portIsFree(wantedSimulatorPort)) ? wantedSimulatorPort : await freePort();
	const simulator = await SmartConnectSimulator.start({
		port: simulatorPort,
		onLog: (e) => {
			const query = new URLSearchParams(e.query).toString();
			say(`[simulator] ${e.method} ${maskSecrets(query ? `${e.path}?${query}` : e.path)} -> ${e.status || 'reset'}`);
		},
	});

	// A persistent user folder: N8nUserFolder.create makes a temp one; move its contents under .n8n-dev/.
	const userRoot = path.join(ROOT, '.n8n-dev', name);
	const fresh = await N8nUserFolder.create(install, packPackage());
	fs.mkdirSync(path.join(userRoot, '.n8n', 'nodes', 'node_modules'), { recursive: true });
	fs.rmSync(path.join(userRoot, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-smartconnect'), { recursive: true, force: true });
	fs.cpSync(path.join(fresh.root, '.n8n', 'nodes'), path.join(userRoot, '.n8n', 'nodes'), { recursive: true });
	fresh.remove();
	removePackedPackage();
	const n8n = await N8nUserFolder.at(install, userRoot);

	say('Importing the SmartConnect credentials (SmartConnect.com, on-premise, REST API; pointing at the simulator) and the examples …');
	await n8n.importCredentials(exampleCredentials(simulator));
	await n8n.importWorkflows(exampleFiles());

	say(`Starting ${install.label} on http://127.0.0.1:${port} …`);
	const server = await n8n.start(port, {}, (line) => say(`[n8n] ${line}`));
	const owner = await setupOwner(server.url);

	const stop = async () => {
		say('\nStopping n8n and the simulator …');
		await server.stop();
		await simulator.close();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
	server.process.once('exit', (code) => {
		say(`n8n exited (${code}); stopping the simulator.`);
		void simulator.close().then(() => process.exit(code ?? 1));
	});

	say('');
	say('================================================================================');
	say(`  n8n editor:  ${server.url}/`);
	say(`  sign in:     ${DEV_OWNER.email} / ${DEV_OWNER.password}${owner === 'exists' ? ' (owner set up in an earlier run)' : ''}`);
	say(`  credential:  "SmartConnect account" -> simulator ${simulator.apiUrl}`);
	say(`               (login ${simulator.demo.email}, Customer ID ${simulator.demo.companyId})`);
	say('  examples:');
	for (const file of exampleFiles()) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; name: string };
		say(`    ${server.url}/workflow/${workflow.id}   ${workflow.name}`);
	}
	say(`  user folder: ${userRoot}`);
	say('  Ctrl+C stops n8n and the simulator.');
	say('================================================================================');
}

main().catch((error: unknown) => {
	process.stderr.write(`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
