/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * One section-3 execution of the SmartConnect workflow in real n8n under V8's CPU profiler (what
 * `--cpu-prof` records; see cpu-prof-hook.js):
 *   npx ts-node --transpile-only bench/n8n/profile.ts [n8n-1|n8n-2] [items] [out-dir] [node|http]
 * Builds and installs the package (npm run build first when nodes/ changed), imports the workflows,
 * runs the node workflow once to log in, then once more with V8's CPU profiler; prints the node's
 * executionTime of both runs and where the profile went, then a summary of it (bench/cpuprofile.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { N8nUserFolder, parseRun, removePackedPackage, simulatorCredential, type ExecutedRun, type N8nName } from '../../e2e/lib/n8n';
import { SmartConnectSimulator } from '../../test/simulator';
import { summarise } from '../cpuprofile';
import { BENCH_MAP_KEY, benchMap } from '../node';
import { JOB_NODES, workflows } from '.';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require('../../e2e/install') as typeof import('../../e2e/install');

async function main(): Promise<void> {
	const [name = 'n8n-1', itemsText = '10000', outDir = path.resolve('cpu-profiles'), approach = 'node'] = process.argv.slice(2);
	const items = Number(itemsText);
	const info = installer.installInfo(name as N8nName);
	if (!info.ready) throw new Error(`${info.label} is not installed: node e2e/install.js ${name}`);
	const simulator = await SmartConnectSimulator.start();
	simulator.addMap(benchMap());
	const n8n = await N8nUserFolder.create(info);
	try {
		await n8n.importCredentials([simulatorCredential(simulator)]);
		await n8n.importWorkflowObjects(Object.values(workflows(simulator, items)));
		const id = approach === 'http' ? `benchHttp${items}` : `benchNode${items}`;
		const jobTimes = (run: ExecutedRun | undefined) =>
			run ? JOB_NODES[approach === 'http' ? 'http' : 'node'].map((node) => (run.data.resultData.runData[node]?.[0] as { executionTime?: number } | undefined)?.executionTime) : [];
		const timeOf = (result: Awaited<ReturnType<typeof n8n.execute>>) => jobTimes(result.run);
		const warm = await n8n.execute(id);
		process.stdout.write(`warm-up execution: ${warm.run.status}, job node times ${JSON.stringify(timeOf(warm))} ms\n`);
		fs.mkdirSync(outDir, { recursive: true });
		const before = new Set(fs.readdirSync(outDir));
		const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], {
			N8N_LOG_LEVEL: 'info',
			// Node does not take --cpu-prof from NODE_OPTIONS: the hook starts the same profiler.
			NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-prof-hook.js')}`,
			CPU_PROF_DIR: outDir,
		});
		const profiled = result;
		const run = parseRun(profiled.stdout);
		const times = jobTimes(run);
		if (!run) process.stdout.write(`no run printed (exit ${profiled.code}, signal ${profiled.signal}):\n${profiled.stdout.slice(-1500)}\n${profiled.stderr.slice(-3000)}\n`);
		process.stdout.write(`profiled execution: ${run?.status}, job node times ${JSON.stringify(times)} ms; map ${BENCH_MAP_KEY}\n`);
		const files = fs.readdirSync(outDir).filter((file) => !before.has(file) && file.endsWith('.cpuprofile'));
		for (const file of files) {
			const full = path.join(outDir, file);
			process.stdout.write(`\n${full}\n${summarise(JSON.parse(fs.readFileSync(full, 'utf8')), /smartconnect|SmartConnect/, 30)}\n`);
		}
	} finally {
		n8n.remove();
		removePackedPackage();
		await simulator.close();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
