/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Real n8n, driven the way users and admins drive it: the package installed as a community
 * package (npm pack, unpacked into <user folder>/.n8n/nodes/node_modules), credentials and
 * workflows imported with n8n's CLI, workflows run with `n8n execute --id`, and `n8n start` for
 * the editor. Everything listens on 127.0.0.1 only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

import type { SmartConnectSimulator } from '../../test/simulator';
import type { N8nInstallInfo } from '../install';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require('../install') as typeof import('../install');

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const PACKAGE_NAME = 'n8n-nodes-smartconnect';
/** The fixed credential id the examples refer to. */
export const CREDENTIAL_ID = 'SmartConnectDemo';
export const CREDENTIAL_NAME = 'SmartConnect account';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the key of throwaway n8n user folders on 127.0.0.1 (the dev one is reused, so it is fixed)
export const ENCRYPTION_KEY = 'smartconnect-e2e-encryption-key';

export type N8nName = 'n8n-1' | 'n8n-2';

/** Longest an n8n CLI command may run (a few seconds normally; the tests allow 240 s each). */
const CLI_LIMIT_MS = 150000;
/** Numbers the stdout files of the CLI commands this process runs. */
let outputSequence = 0;
/** Silence after the run was printed that counts as a hang at exit. */
const HANG_AFTER_RUN_MS = 30000;

/** The cached install of `name`; throws with the command to run when it is not installed. */
export function n8nInstall(name: N8nName): N8nInstallInfo {
	const info = installer.installInfo(name);
	if (!info.ready) {
		throw new Error(`${info.label} is not installed in ${info.dir}: run \`node e2e/install.js ${name}\` (or npm run test:e2e)`);
	}
	return info;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

let packed: string | undefined;

/**
 * `npm pack` of this package (dist/ must be built; it is built here when missing), once per
 * process. Returns the .tgz path.
 */
export function packPackage(): string {
	if (packed && fs.existsSync(packed)) return packed;
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'SmartConnect', 'SmartConnect.node.js'))) {
		const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
	}
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'smartconnect-pack-'));
	const result = spawnSync('npm', ['pack', '--pack-destination', destination, '--json', '--ignore-scripts'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stdout}\n${result.stderr}`);
	const [{ filename }] = JSON.parse(result.stdout) as Array<{ filename: string }>;
	packed = path.join(destination, filename);
	return packed;
}

/** Removes the packed .tgz of packPackage (call when done with it). */
export function removePackedPackage(): void {
	if (packed) fs.rmSync(path.dirname(packed), { recursive: true, force: true });
	packed = undefined;
}

export interface CliResult {
	code: number | null;
	/** The process printed its run, then hung and was killed (see HANG_AFTER_RUN_MS). */
	hungAfterRun?: boolean;
	/** The signal that ended the process, if one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** The IRun JSON `n8n execute --rawOutput` prints (only the parts the tests read). */
export interface ExecutedRun {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{ executionStatus?: string; error?: { message?: string }; data?: { main: Array<Array<ExecutedItem> | null> } }>
			>;
		};
	};
}

/** One output item of a node: its JSON and which input item(s) it came from. */
export interface ExecutedItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
}

export interface ExecuteResult extends CliResult {
	run: ExecutedRun;
	/** Output items' json of `node` at output `index` (0 = main, 1 = error output). */
	output(node: string, index?: number): Array<Record<string, unknown>>;
	/** The input item index each output item of `node` at output `index` is paired with. */
	pairedItems(node: string, index?: number): Array<number | number[] | undefined>;
	/** Names of the nodes that ran. */
	ranNodes(): string[];
}

/** One n8n user folder (fresh database, the package installed as a community package). */
export class N8nUserFolder {
	/** Environment every n8n process of this folder gets (e.g. queue mode's database and Redis); `extra` wins. */
	sharedEnv: Record<string, string> = {};

	private constructor(
		readonly install: N8nInstallInfo,
		readonly root: string,
		private readonly brokerPort: number,
	) {}

	/** A new folder under the OS temp dir with the packed package unpacked into .n8n/nodes/node_modules. */
	static async create(install: N8nInstallInfo, tgz: string = packPackage()): Promise<N8nUserFolder> {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), `smartconnect-${install.name}-user-`));
		const target = path.join(root, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.mkdirSync(target, { recursive: true });
		// What n8n's community-package installer does: the tarball's package/ becomes the package folder.
		const untar = spawnSync('tar', ['xzf', tgz, '--strip-components=1', '-C', target], { encoding: 'utf8' });
		if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
		fs.writeFileSync(
			path.join(root, '.n8n', 'nodes', 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: readVersion(target) } }, null, 2),
		);
		return new N8nUserFolder(install, root, await freePort());
	}

	/** An existing user folder (e.g. the persistent one of `npm run dev`). */
	static async at(install: N8nInstallInfo, root: string): Promise<N8nUserFolder> {
		return new N8nUserFolder(install, root, await freePort());
	}

	get packageDir(): string {
		return path.join(this.root, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	}

	/** The environment n8n runs with: a private user folder, no telemetry, loopback only. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		// Keep the machine's basics; drop anything n8n-specific or Node-flag-like from the caller.
		for (const [key, value] of Object.entries(process.env)) {
			// NODE_ENV=test (set by jest) silences n8n's logger, through which `execute` prints its result.
			if (key.startsWith('N8N_') || key.startsWith('npm_') || ['NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID'].includes(key)) continue;
			env[key] = value;
		}
		const binDir = path.dirname(this.install.nodeBin);
		Object.assign(env, {
			PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.root,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_LOG_LEVEL: 'warn',
			...(this.install.name === 'n8n-1'
				? {
						// n8n 1.123's default "vm" expression engine needs isolated-vm, which has no build for Node 20.
						N8N_EXPRESSION_ENGINE: 'legacy',
						N8N_RUNNERS_ENABLED: 'false',
					}
				: {
						// n8n 2.x leaves the Local File Trigger out by default (NODES_EXCLUDE); example 3 uses it.
						NODES_EXCLUDE: '[]',
					}),
			...this.sharedEnv,
			...extra,
		});
		return env;
	}

	/** Runs `n8n <args>` to completion. */
	async cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
		// stdout goes to a file, not a pipe: n8n ends `execute` with process.exit(), which drops
		// whatever a pipe has not taken yet (a large run's JSON came out cut); file writes are synchronous.
		const outFile = path.join(this.root, `stdout-${process.pid}-${++outputSequence}.log`);
		const outFd = fs.openSync(outFile, 'w');
		const readFd = fs.openSync(outFile, 'r');
		return await new Promise((resolve, reject) => {
			const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
				cwd: this.root,
				env: this.env(extraEnv),
				stdio: ['ignore', outFd, 'pipe'],
			});
			fs.closeSync(outFd);
			const decoder = new StringDecoder('utf8');
			let stdout = '';
			let stderr = '';
			let read = 0;
			// An n8n process that outlives its limit is killed, so a hang at exit never leaves an
			// orphan spinning (seen once with n8n 2.41.1 on Node 24); the caller sees the signal.
			const started = Date.now();
			let lastOutput = started;
			let hungAfterRun = false;
			const takeOutput = () => {
				const size = fs.fstatSync(readFd).size;
				if (size <= read) return;
				const chunk = Buffer.alloc(size - read);
				read += fs.readSync(readFd, chunk, 0, chunk.length, read);
				stdout += decoder.write(chunk);
				lastOutput = Date.now();
			};
			let finished = false;
			const finish = () => {
				if (finished) return;
				finished = true;
				clearInterval(watchdog);
				takeOutput();
				stdout += decoder.end();
				fs.closeSync(readFd);
				fs.rmSync(outFile, { force: true });
			};
			const watchdog = setInterval(() => {
				takeOutput();
				const now = Date.now();
				// The run is printed last: silence long after it means the process hangs in its teardown.
				if (stdout.includes('"resultData"') && now - lastOutput > HANG_AFTER_RUN_MS) hungAfterRun = true;
				if (hungAfterRun || now - started > CLI_LIMIT_MS) child.kill('SIGKILL');
			}, 1000);
			child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
			child.on('error', (error) => {
				finish();
				reject(error);
			});
			child.on('close', (code, signal) => {
				finish();
				resolve({ code, signal, stdout, stderr, hungAfterRun });
			});
		});
	}

	/**
	 * Whether the process ended as it should: exit code 0, or, on n8n 2.41.1 only, a SIGSEGV at
	 * exit. That one is n8n's own teardown on Node 24 (seen about 1 run in 15 of `execute`:
	 * the command ends with process.exit() while its isolated-vm expression engine is still
	 * alive); it comes after the command's work is done, which the callers check.
	 */
	exitedCleanly(result: CliResult, what: string): boolean {
		if (result.code === 0) return true;
		if (this.install.name === 'n8n-2' && result.code === null && (result.signal === 'SIGSEGV' || result.hungAfterRun === true)) {
			const how = result.hungAfterRun ? 'hung at exit and was killed' : `died by ${result.signal} at exit`;
			process.stdout.write(`note: ${what}: n8n ${this.install.version} did its work, then ${how} (n8n's teardown on Node 24)\n`);
			return true;
		}
		return false;
	}

	private async cliOk(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (!this.exitedCleanly(result, `n8n ${args[0]}`)) {
			throw new Error(`n8n ${args.join(' ')} exited ${result.code ?? result.signal}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`);
		}
		return result;
	}

	/** `n8n import:credentials` of plain (decrypted) credential objects; n8n encrypts them. */
	async importCredentials(credentials: object[]): Promise<void> {
		const file = path.join(this.root, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.cliOk(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	/** `n8n import:workflow --separate` of the given workflow files, in one call. */
	async importWorkflows(files: string[]): Promise<void> {
		await this.importFolder((dir) => {
			for (const file of files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
		});
	}

	/** The same for workflows built in code (each written to <id>.json first). */
	async importWorkflowObjects(workflows: object[]): Promise<void> {
		await this.importFolder((dir) => {
			for (const workflow of workflows) {
				fs.writeFileSync(path.join(dir, `${(workflow as { id: string }).id}.json`), JSON.stringify(workflow, null, 2));
			}
		});
	}

	private async importFolder(fill: (dir: string) => void): Promise<void> {
		const dir = path.join(this.root, 'workflows-to-import');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir);
		fill(dir);
		await this.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** `n8n export:credentials --decrypted` of one credential (what n8n's database now holds). */
	async exportCredential(id: string): Promise<Record<string, unknown>> {
		const file = path.join(this.root, `export-${id}.json`);
		await this.cliOk(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		const [credential] = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ data: Record<string, unknown> }>;
		fs.rmSync(file);
		return credential.data;
	}

	/** `n8n execute --id=<id> --rawOutput`: starts at the workflow's Manual Trigger. */
	async execute(id: string): Promise<ExecuteResult> {
		// `execute` prints the run through n8n's logger at level info (on success and on failure).
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { N8N_LOG_LEVEL: 'info' });
		const run = parseRun(result.stdout);
		if (!run) {
			throw new Error(`n8n execute --id=${id} printed no run (exit ${result.code})\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`);
		}
		const items = (node: string, index: number): ExecutedItem[] => {
			const runs = run.data.resultData.runData[node];
			return runs?.[runs.length - 1]?.data?.main?.[index] ?? [];
		};
		return {
			...result,
			run,
			output(node: string, index = 0) {
				return items(node, index).map((item) => item.json);
			},
			pairedItems(node: string, index = 0) {
				return items(node, index).map(({ pairedItem }) => {
					if (typeof pairedItem === 'number') return pairedItem;
					if (Array.isArray(pairedItem)) return pairedItem.map((paired) => paired.item);
					return pairedItem?.item;
				});
			},
			ranNodes() {
				return Object.keys(run.data.resultData.runData);
			},
		};
	}

	/** `n8n start` on `port`; resolves when /healthz answers. */
	async start(port: number, extraEnv: Record<string, string> = {}, onOutput?: (line: string) => void): Promise<N8nServer> {
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.root,
			env: this.env({ N8N_PORT: String(port), N8N_LOG_LEVEL: 'info', ...extraEnv }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const server = new N8nServer(child, `http://127.0.0.1:${port}`, onOutput);
		await server.waitReady();
		return server;
	}

	remove(): void {
		fs.rmSync(this.root, { recursive: true, force: true });
	}
}

export class N8nServer {
	output = '';
	private exited: number | null | undefined = undefined;

	constructor(
		readonly process: ChildProcess,
		readonly url: string,
		onOutput?: (line: string) => void,
	) {
		const take = (d: Buffer) => {
			const text = d.toString();
			this.output += text;
			if (onOutput) for (const line of text.split('\n')) if (line.trim() !== '') onOutput(line);
		};
		process.stdout?.on('data', take);
		process.stderr?.on('data', take);
		process.on('exit', (code) => (this.exited = code));
	}

	async waitReady(timeoutMs = 180000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exited !== undefined) throw new Error(`n8n start exited (${this.exited})\n${tail(this.output)}`);
			try {
				const response = await fetch(`${this.url}/healthz`);
				if (response.ok) {
					// /healthz answers before the editor routes are mounted on some versions: wait for /rest/settings too.
					const settings = await fetch(`${this.url}/rest/settings`);
					if (settings.ok) return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s\n${tail(this.output)}`);
	}

	async stop(): Promise<void> {
		if (this.exited !== undefined) return;
		const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
		this.process.kill('SIGTERM');
		const timer = setTimeout(() => this.process.kill('SIGKILL'), 20000);
		await exited;
		clearTimeout(timer);
	}
}

/** The JSON `execute --rawOutput` prints, after whatever n8n logs before it (2.x prints task-broker lines). */
export function parseRun(stdout: string): ExecutedRun | undefined {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (!lines[start].startsWith('{')) continue;
		for (let end = lines.length; end > start; end--) {
			if (!lines[end - 1].startsWith('}')) continue;
			try {
				const parsed = JSON.parse(lines.slice(start, end).join('\n')) as ExecutedRun;
				if (parsed && typeof parsed === 'object' && 'data' in parsed) return parsed;
			} catch {
				// not this span
			}
		}
	}
	return undefined;
}

/** The credential for the simulator's demo login, as `import:credentials` takes it. */
export function simulatorCredential(simulator: Pick<SmartConnectSimulator, 'demoCredentialData'>): object {
	return { id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'smartConnectApi', data: simulator.demoCredentialData() };
}

/** The credential ids examples 6 and 7 refer to. */
export const ON_PREM_CREDENTIAL = { id: 'SCOnPremServer01', name: 'SmartConnect server (on-premise)' };
export const REST_API_CREDENTIAL = { id: 'SCRestApiOAuth01', name: 'SmartConnect REST API (OAuth2)' };

/** The on-premise server credential (example 6): the simulator's SmartConnect.svc with its Basic user. */
export function onPremCredential(simulator: Pick<SmartConnectSimulator, 'onPremUrl' | 'onPrem'>): object {
	const { user, password } = simulator.onPrem;
	return {
		...ON_PREM_CREDENTIAL,
		type: 'smartConnectOnPremApi',
		data: { serverUrl: simulator.onPremUrl, authentication: 'basic', user, password },
	};
}

/** The REST API (OAuth2) credential (example 7): the simulator's token URL and client; no token stored yet. */
export function restApiCredential(simulator: Pick<SmartConnectSimulator, 'oauthTokenUrl' | 'oauth'>): object {
	const { username, password, clientId, clientSecret } = simulator.oauth;
	return {
		...REST_API_CREDENTIAL,
		type: 'smartConnectOAuth2Api',
		data: { region: 'custom', tokenUrl: simulator.oauthTokenUrl, username, password, clientId, clientSecret, accessToken: '', refreshToken: '', loggedInAs: '' },
	};
}

/** The credentials of every example: SmartConnect.com, the on-premise server and the REST API. */
export function exampleCredentials(simulator: SmartConnectSimulator): object[] {
	return [simulatorCredential(simulator), onPremCredential(simulator), restApiCredential(simulator)];
}

/** The owner account `npm run dev` and the browser test set up. */
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- the owner login of a local throwaway n8n on 127.0.0.1, printed for the developer
export const DEV_OWNER = { email: 'owner@smartconnect.test', password: 'SmartConnect-dev-1', firstName: 'Dev', lastName: 'Owner' };

/** Sets up n8n's owner through the REST API (what the first-start screen does); a folder that has one keeps it. */
export async function setupOwner(baseUrl: string, owner = DEV_OWNER): Promise<'created' | 'exists'> {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (response.ok) return 'created';
	const text = await response.text();
	if (response.status === 400 && /already|setup/i.test(text)) return 'exists';
	throw new Error(`POST /rest/owner/setup answered ${response.status}: ${text.slice(0, 300)}`);
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => path.join(EXAMPLES_DIR, file));
}

function readVersion(dir: string): string {
	return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
