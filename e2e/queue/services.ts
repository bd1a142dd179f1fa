/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The services n8n's queue mode needs besides n8n: PostgreSQL (Debian's postgresql 15) and Redis
 * (Debian's redis-server), each started for one test run with its data in a temporary folder,
 * listening on 127.0.0.1 only, on a free port, and stopped (folder removed) at the end. Missing
 * packages are installed with apt-get when this runs as root; otherwise the error says what to install.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from '../lib/n8n';

const POSTGRES_VERSIONS = ['17', '16', '15'];

/** The bin folder of Debian's newest installed PostgreSQL, or undefined. */
function postgresBin(): string | undefined {
	for (const version of POSTGRES_VERSIONS) {
		const bin = `/usr/lib/postgresql/${version}/bin`;
		if (fs.existsSync(path.join(bin, 'postgres')) && fs.existsSync(path.join(bin, 'initdb'))) return bin;
	}
	return undefined;
}

function redisBin(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** apt-get install of Debian packages, as root only (what .ci/run does for chromium). */
function aptInstall(packages: string[], log: (line: string) => void): void {
	if (!isRoot()) {
		throw new Error(`queue mode needs ${packages.join(' and ')}: install with \`sudo apt-get install -y ${packages.join(' ')}\``);
	}
	log(`apt-get install -y ${packages.join(' ')} …`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update'], { encoding: 'utf8', env });
	const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { encoding: 'utf8', env });
	if (update.status !== 0 || install.status !== 0) {
		throw new Error(`apt-get could not install ${packages.join(' ')}:\n${(install.stderr || update.stderr).slice(-1500)}`);
	}
}

/** Installs postgresql and redis-server when missing; returns where they are. */
export function ensureServicePackages(log: (line: string) => void = () => {}): { postgres: string; redis: string } {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(redisBin() ? [] : ['redis-server'])];
	if (missing.length > 0) aptInstall(missing, log);
	const postgres = postgresBin();
	const redis = redisBin();
	if (!postgres || !redis) throw new Error('postgresql or redis-server is still missing after apt-get install');
	return { postgres, redis };
}

/** A server process this test run started, with its output kept for error messages. */
class Service {
	output = '';
	private exitCode: number | null | undefined;

	constructor(
		readonly name: string,
		readonly child: ChildProcess,
		private readonly cleanup: () => void,
	) {
		const take = (d: Buffer) => {
			this.output = (this.output + d.toString()).slice(-20000);
		};
		child.stdout?.on('data', take);
		child.stderr?.on('data', take);
		child.on('exit', (code) => (this.exitCode = code));
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	async waitUntil(ready: () => boolean, what: string, timeoutMs = 60000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) throw new Error(`${this.name} exited (${this.exitCode}) before ${what}\n${this.output.slice(-3000)}`);
			if (ready()) return;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`${this.name}: no ${what} within ${timeoutMs / 1000} s\n${this.output.slice(-3000)}`);
	}

	async stop(): Promise<void> {
		if (this.running) {
			const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
			this.child.kill('SIGTERM');
			const timer = setTimeout(() => this.child.kill('SIGKILL'), 15000);
			await exited;
			clearTimeout(timer);
		}
		this.cleanup();
	}
}

export interface Postgres {
	port: number;
	user: string;
	database: string;
	/** Runs SQL with psql; returns the rows as arrays of column text (tab-separated output split). */
	query(sql: string): string[][];
	stop(): Promise<void>;
}

/**
 * initdb into a new temporary folder (trust authentication, superuser `n8n`) and `postgres` on
 * 127.0.0.1:<free port>. PostgreSQL refuses to run as root: as root it runs as the `postgres`
 * user of Debian's package (runuser). Durability is switched off (a throw-away test database).
 */
export async function startPostgres(bin: string): Promise<Postgres> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartconnect-queue-pg-'));
	const asUser = (command: string, args: string[]): [string, string[]] =>
		isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	if (isRoot()) {
		fs.chmodSync(dir, 0o700);
		const chown = spawnSync('chown', ['postgres:', dir], { encoding: 'utf8' });
		if (chown.status !== 0) throw new Error(`chown postgres ${dir} failed: ${chown.stderr}`);
	}
	const data = path.join(dir, 'data');
	const [initCommand, initArgs] = asUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8', cwd: os.tmpdir() });
	if (init.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	}
	const port = await freePort();
	const [command, args] = asUser(path.join(bin, 'postgres'), [
		'-D', data,
		'-h', '127.0.0.1',
		'-p', String(port),
		'-k', dir,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	]);
	const child = spawn(command, args, { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
	const service = new Service('postgres', child, () => fs.rmSync(dir, { recursive: true, force: true }));
	const psql = (sql: string) =>
		spawnSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'postgres', '-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
			encoding: 'utf8',
		});
	try {
		await service.waitUntil(() => psql('select 1').status === 0, 'answer to psql');
	} catch (error) {
		await service.stop();
		throw error;
	}
	return {
		port,
		user: 'n8n',
		database: 'postgres',
		query(sql) {
			const result = psql(sql);
			if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}\n${sql}`);
			return result.stdout
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('\t'));
		},
		stop: () => service.stop(),
	};
}

export interface Redis {
	port: number;
	/** One command through redis-cli (Debian's redis-tools, installed with redis-server); its output. */
	command(args: string[]): string;
	stop(): Promise<void>;
}

/** redis-server on 127.0.0.1:<free port>, no persistence, working folder in a temporary folder. */
export async function startRedis(bin: string): Promise<Redis> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartconnect-queue-redis-'));
	const port = await freePort();
	const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const service = new Service('redis-server', child, () => fs.rmSync(dir, { recursive: true, force: true }));
	try {
		await service.waitUntil(() => /Ready to accept connections/.test(service.output), 'ready line');
	} catch (error) {
		await service.stop();
		throw error;
	}
	return {
		port,
		command(args) {
			const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });
			if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
			return result.stdout.trim();
		},
		stop: () => service.stop(),
	};
}
