/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * n8n in queue mode, as a user who outgrows one process runs it: PostgreSQL, Redis, one main
 * (`n8n start` with EXECUTIONS_MODE=queue: editor, API and production webhooks) and workers
 * (`n8n worker --concurrency=N`) that run the executions. Every n8n process has its own user
 * folder with the package unpacked into .n8n/nodes (the README's manual install "on every worker
 * too"), and all share the database and the encryption key. Everything listens on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { freePort, N8nServer, N8nUserFolder, packPackage, type N8nName } from '../lib/n8n';
import { ensureServicePackages, startPostgres, startRedis, type Postgres, type Redis } from './services';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require('../install') as typeof import('../install');

export interface ClusterOptions {
	workers?: number;
	/** `n8n worker --concurrency`: jobs each worker runs at once. */
	concurrency?: number;
	/** Extra environment for every n8n process (e.g. QUEUE_WORKER_* levers). */
	env?: Record<string, string>;
	log?: (line: string) => void;
}

/** One `n8n worker` process and everything it printed. */
export class N8nWorker {
	output = '';
	exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

	constructor(
		readonly index: number,
		readonly folder: N8nUserFolder,
		readonly process: ChildProcess,
	) {
		const take = (d: Buffer) => (this.output += d.toString());
		process.stdout?.on('data', take);
		process.stderr?.on('data', take);
		process.on('exit', (code, signal) => (this.exit = { code, signal }));
	}

	/** Execution ids this worker said it started (n8n logs "Worker started execution <id>"). */
	startedExecutions(): string[] {
		return [...this.output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	}

	async waitReady(timeoutMs = 180000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exit) throw new Error(`n8n worker ${this.index} exited (${this.exit.code ?? this.exit.signal})\n${this.output.slice(-4000)}`);
			if (/worker is now ready|Worker ready/i.test(this.output)) return;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		throw new Error(`n8n worker ${this.index} was not ready within ${timeoutMs / 1000} s\n${this.output.slice(-4000)}`);
	}

	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		if (this.exit) return;
		const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
		this.process.kill(signal);
		const timer = setTimeout(() => this.process.kill('SIGKILL'), 30000);
		await exited;
		clearTimeout(timer);
	}
}

export class QueueCluster {
	main!: N8nServer;
	readonly workers: N8nWorker[] = [];
	private readonly folders: N8nUserFolder[] = [];
	private postgres?: Postgres;
	private redis?: Redis;
	private mainPort = 0;

	private constructor(
		readonly name: N8nName,
		private readonly options: Required<Omit<ClusterOptions, 'log'>> & Pick<ClusterOptions, 'log'>,
	) {}

	get install() {
		return installer.installInfo(this.name);
	}

	get url(): string {
		return this.main.url;
	}

	/** Postgres, Redis and the user folders (package installed in each); n8n itself starts with start(). */
	static async prepare(name: N8nName, options: ClusterOptions = {}): Promise<QueueCluster> {
		const cluster = new QueueCluster(name, { workers: 2, concurrency: 5, env: {}, ...options });
		try {
			await cluster.prepareServices();
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	private log(line: string): void {
		this.options.log?.(`[${this.name}] ${line}`);
	}

	private async prepareServices(): Promise<void> {
		const install = this.install;
		if (!install.ready) throw new Error(`${install.label} is not installed: run \`node e2e/install.js ${this.name}\``);
		const bins = ensureServicePackages((line) => this.log(line));
		this.postgres = await startPostgres(bins.postgres);
		this.redis = await startRedis(bins.redis);
		this.log(`postgres on 127.0.0.1:${this.postgres.port}, redis on 127.0.0.1:${this.redis.port}`);
		const tgz = packPackage();
		for (let i = 0; i <= this.options.workers; i++) this.folders.push(await N8nUserFolder.create(install, tgz));
		this.mainPort = await freePort();
		const env: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.postgres.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			// Production webhooks call back to this URL; the workers never listen.
			WEBHOOK_URL: `http://127.0.0.1:${this.mainPort}/`,
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			N8N_METRICS: 'false',
			...this.options.env,
		};
		for (const folder of this.folders) folder.sharedEnv = env;
	}

	/** The main's user folder: run n8n CLI commands (import, export) there, against the shared database. */
	get mainFolder(): N8nUserFolder {
		return this.folders[0];
	}

	/** `n8n <args>` against the shared database (import:credentials, update:workflow, …). */
	async cli(args: string[]) {
		const result = await this.mainFolder.cli(args);
		if (!this.mainFolder.exitedCleanly(result, `n8n ${args[0]}`)) {
			throw new Error(`n8n ${args.join(' ')} exited ${result.code ?? result.signal}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		}
		return result;
	}

	/**
	 * Activates workflows before n8n starts, with n8n's CLI: `update:workflow --active=true` on 1.x,
	 * `publish:workflow` on 2.x (where a workflow runs its published version).
	 */
	async activate(ids: string[]): Promise<void> {
		for (const id of ids) {
			await this.cli(this.name === 'n8n-1' ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
		}
	}

	/** Main (`n8n start`, queue mode) and the workers; resolves when all are ready. */
	async start(): Promise<void> {
		this.log(`starting main on 127.0.0.1:${this.mainPort} and ${this.options.workers} workers (concurrency ${this.options.concurrency})`);
		this.main = await this.mainFolder.start(this.mainPort);
		for (let i = 1; i <= this.options.workers; i++) this.workers.push(this.spawnWorker(i));
		await Promise.all(this.workers.map((worker) => worker.waitReady()));
	}

	/** Starts worker `index` (1-based) again in its user folder, stopping it first; `env` overrides the cluster's. */
	async restartWorker(index: number, env: Record<string, string> = {}): Promise<N8nWorker> {
		await this.workers[index - 1]?.stop();
		const worker = this.spawnWorker(index, env);
		this.workers[index - 1] = worker;
		await worker.waitReady();
		return worker;
	}

	private spawnWorker(index: number, env: Record<string, string> = {}): N8nWorker {
		const folder = this.folders[index];
		const child = spawn(folder.install.nodeBin, [folder.install.n8nBin, 'worker', `--concurrency=${this.options.concurrency}`], {
			cwd: folder.root,
			env: folder.env({ N8N_LOG_LEVEL: 'info', ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		return new N8nWorker(index, folder, child);
	}

	/** The execution records in the shared database: id, status, mode, workflow id, started/stopped. */
	executions(): ExecutionRecord[] {
		if (!this.postgres) return [];
		return this.postgres
			.query('select id, status, mode, "workflowId", "startedAt", "stoppedAt" from execution_entity order by id')
			.map(([id, status, mode, workflowId, startedAt, stoppedAt]) => ({ id, status, mode, workflowId, startedAt, stoppedAt }));
	}

	/** SQL against the shared database (psql). */
	query(sql: string): string[][] {
		if (!this.postgres) throw new Error('postgres is not running');
		return this.postgres.query(sql);
	}

	/** A Redis command against the queue's Redis (redis-cli). */
	redisCommand(args: string[]): string {
		if (!this.redis) throw new Error('redis is not running');
		return this.redis.command(args);
	}

	/** Stops every process this cluster started (workers, main, redis, postgres) and removes the folders. */
	async stop(): Promise<void> {
		const errors: unknown[] = [];
		const attempt = async (stop: () => Promise<void>) => {
			try {
				await stop();
			} catch (error) {
				errors.push(error);
			}
		};
		await Promise.all(this.workers.map((worker) => attempt(() => worker.stop())));
		if (this.main) await attempt(() => this.main.stop());
		if (this.redis) await attempt(() => this.redis!.stop());
		if (this.postgres) await attempt(() => this.postgres!.stop());
		if (!process.env.E2E_KEEP_USER_FOLDER) for (const folder of this.folders) folder.remove();
		if (errors.length > 0) throw errors[0];
	}
}

export interface ExecutionRecord {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt: string;
	stoppedAt: string;
}
