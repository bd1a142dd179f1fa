/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * One measurement in a process of its own, so its peak RSS is its own:
 *   engine <api> <email> <password> <companyId> <mapKey> <items>   the SmartConnect node in n8n's engine
 *   bare   <api> <email> <password> <companyId> <mapKey> <items>   node:http POST of the identical body
 *   floor  <api> … <mapKey> <items>   the least any node can do in n8n's engine: a stand-in node that
 *          sends the identical body (built beforehand) with n8n's request helper and hands its input on
 *   getall-engine <api> … <mapKey> <rows>   Map › Get Source Rows through the engine
 *   getall-fxp    <api> … <mapKey> <rows>   node:http POST of GetAllData + fast-xml-parser on both layers
 *   rejected      <api> … <mapKey> <items> <badEvery>   Run With Data Table with Continue On Fail, every
 *                 badEvery-th item holding a nested object (0: none), set aside before sending
 * Prints one JSON line: { ms, maxRssMb, bodyBytes }.
 */
import '../../test/setup-env';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as inspector from 'node:inspector';

import { XMLParser } from 'fast-xml-parser';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { hmacPassword } from '../../nodes/SmartConnect/helpers/password';
import { writeRunMapDataTableBody } from '../../nodes/SmartConnect/xml';
import { runNode, runWorkflow, shutdownEngine, standInDescription, TestCredentialsHelper, TestNodeTypes } from '../../test/helpers/engine';
import { benchRows } from './rows';

async function login(api: string, email: string, password: string, companyId: string): Promise<string> {
	const response = await post(`${api}/GetToken?${new URLSearchParams({ email, password: hmacPassword(password), companyId }).toString()}`);
	return JSON.parse(response.text) as string;
}

function engineCredentials(api: string, email: string, password: string, companyId: string): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store['cred-1'] = { apiUrl: api, customerId: companyId, email, password, loginEncoding: 'hmacSha256', sessionToken: '', loggedInAs: '' };
	return helper;
}

async function getSourceRows(mode: string, api: string, email: string, password: string, companyId: string, mapKey: string, count: number) {
	let ms: number;
	let rows: number;
	let bodyBytes = 0;
	if (mode === 'getall-fxp') {
		const token = await login(api, email, password, companyId);
		const start = process.hrtime.bigint();
		const response = await post(`${api}/GetAllData?${new URLSearchParams({ token, mapKey }).toString()}`, undefined, 'application/xml');
		bodyBytes = Buffer.byteLength(response.text);
		// Layer 1: the <string> wrapper; layer 2: the dataset it holds (values in CDATA).
		const outer = new XMLParser({ processEntities: true, parseTagValue: false, ignoreAttributes: true, trimValues: false, htmlEntities: false }).parse(response.text) as { string: string };
		const inner = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true, isArray: (_name, jpath) => String(jpath).split('.').length === 2 }).parse(outer.string) as Record<string, Record<string, unknown[]>>;
		const dataSet = Object.values(inner)[0];
		rows = (Object.values(dataSet)[0] ?? []).length;
		ms = Number(process.hrtime.bigint() - start) / 1e6;
	} else {
		const helper = engineCredentials(api, email, password, companyId);
		await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		const start = process.hrtime.bigint();
		const result = await runNode(helper, {
			parameters: { resource: 'map', operation: 'getSourceRows', returnAll: true, map: { __rl: true, mode: 'mapKey', value: mapKey } },
		});
		ms = Number(process.hrtime.bigint() - start) / 1e6;
		if (result.error) throw result.error;
		rows = result.output().length;
		shutdownEngine();
	}
	if (rows !== count) throw new Error(`${mode}: expected ${count} rows, read ${rows}`);
	return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bodyBytes };
}

function post(url: string, body?: string | Buffer, accept = 'application/json'): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				headers:
					body === undefined
						? { Accept: accept }
						: { Accept: accept, 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) },
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

/**
 * BENCH_WINDOW_PROF=<file>: a V8 CPU profile of the timed window only (the node's run), not of the
 * process's start-up (ts-node, module loading), which `--cpu-prof` would mostly show.
 */
async function windowProfiler(): Promise<{ stop(): Promise<void> }> {
	const file = process.env.BENCH_WINDOW_PROF;
	if (!file) return { stop: async () => {} };
	const session = new inspector.Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 200 });
	await post('Profiler.start');
	return {
		async stop() {
			const { profile } = (await post('Profiler.stop')) as { profile: unknown };
			writeFileSync(file, JSON.stringify(profile));
			session.disconnect();
		},
	};
}

/**
 * The floor: what n8n's engine and its request helper cost with no node work at all. The body and
 * token are ready before the timer; the stand-in posts them as the SmartConnect node does (a Buffer
 * through `helpers.httpRequest`) and hands its input items on unchanged, as n8n's No Operation node does.
 */
function floorNode(url: string, qs: Record<string, string>, body: Buffer | undefined, expect: (answer: unknown, items: number) => boolean): INodeType {
	return {
		description: standInDescription('Floor', 'benchFloor'),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			// n8n's helper decodes a JSON answer itself.
			const answer = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				qs,
				body,
				headers: { 'Content-Type': 'text/xml', Accept: 'application/json' },
			})) as unknown;
			if (!expect(answer, items.length)) throw new Error(`floor: unexpected answer ${JSON.stringify(answer).slice(0, 200)}`);
			return [items];
		},
	};
}

async function floor(api: string, email: string, password: string, companyId: string, mapKey: string, rows: IDataObject[]): Promise<{ ms: number; bodyBytes: number }> {
	const token = await login(api, email, password, companyId);
	const body = writeRunMapDataTableBody(rows as Array<Record<string, string>>);
	const nodeTypes = new TestNodeTypes();
	const node = { id: 'floor-1', name: 'Floor', type: 'bench.floor', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const helper = new TestCredentialsHelper();
	// Warm-up, as the node's side logs in first through the engine: one request through the engine before the timer.
	nodeTypes.types['bench.floor'] = floorNode(`${api}/Validate`, { token }, undefined, (answer) => answer === true);
	const warm = await runWorkflow(helper, { nodes: [node], connections: {} }, [{}], nodeTypes);
	if (warm.error) throw warm.error;
	nodeTypes.types['bench.floor'] = floorNode(`${api}/RunMapDataTableWithErrors`, { token, mapKey }, body, (answer, items) => (answer as { RecordCount?: number }).RecordCount === items);
	const profiler = await windowProfiler();
	const start = process.hrtime.bigint();
	const result = await runWorkflow(helper, { nodes: [node], connections: {} }, rows, nodeTypes);
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	await profiler.stop();
	if (result.error || result.output('Floor').length !== rows.length) throw new Error(`floor run failed: ${result.error?.message ?? 'wrong item count'}`);
	shutdownEngine();
	return { ms, bodyBytes: body.length };
}

async function main(): Promise<void> {
	const [mode, api, email, password, companyId, mapKey, itemsText, badEveryText] = process.argv.slice(2);
	const count = Number(itemsText);
	if (mode.startsWith('getall')) {
		process.stdout.write(`${JSON.stringify(await getSourceRows(mode, api, email, password, companyId, mapKey, count))}\n`);
		return;
	}
	const rows: Array<Record<string, unknown>> = benchRows(count);
	const badEvery = Number(badEveryText ?? 0);
	if (mode === 'rejected' && badEvery > 0) {
		for (let i = badEvery - 1; i < count; i += badEvery) rows[i] = { ...rows[i], Description: { nested: i } };
	}
	let ms: number;
	let bodyBytes: number;
	if (mode === 'floor') {
		({ ms, bodyBytes } = await floor(api, email, password, companyId, mapKey, rows as IDataObject[]));
	} else if (mode === 'bare') {
		const token = await login(api, email, password, companyId);
		const body = writeRunMapDataTableBody(rows as Array<Record<string, string>>);
		bodyBytes = Buffer.byteLength(body);
		const start = process.hrtime.bigint();
		const response = await post(`${api}/RunMapDataTableWithErrors?${new URLSearchParams({ token, mapKey }).toString()}`, body);
		ms = Number(process.hrtime.bigint() - start) / 1e6;
		if (response.status !== 200 || (JSON.parse(response.text) as { RecordCount: number }).RecordCount !== count) {
			throw new Error(`bare POST failed: HTTP ${response.status} ${response.text.slice(0, 200)}`);
		}
	} else {
		const helper = engineCredentials(api, email, password, companyId);
		// Log in first, so both sides are timed without the login.
		await runNode(helper, { parameters: { resource: 'token', operation: 'validate' } });
		bodyBytes = Buffer.byteLength(writeRunMapDataTableBody(rows.filter((row) => typeof row.Description === 'string') as Array<Record<string, string>>));
		const profiler = await windowProfiler();
		const start = process.hrtime.bigint();
		const result = await runNode(
			helper,
			{
				parameters: { resource: 'mapRun', operation: 'runWithDataTable', map: { __rl: true, mode: 'mapKey', value: mapKey } },
				...(mode === 'rejected' ? { onError: 'continueRegularOutput' as const } : {}),
			},
			rows as IDataObject[],
		);
		ms = Number(process.hrtime.bigint() - start) / 1e6;
		await profiler.stop();
		// One output item per input item: the bad ones "not sent", every other one "success".
		const statuses = result.output().map((item) => (item.json.smartConnect as IDataObject | undefined)?.status);
		const bad = badEvery > 0 ? Math.floor(count / badEvery) : 0;
		const notSent = statuses.filter((status) => status === 'not sent').length;
		if (result.error || statuses.length !== count || notSent !== bad || statuses.filter((status) => status === 'success').length !== count - bad) {
			throw new Error(`node run failed: ${result.error?.message ?? `${statuses.length} items, ${notSent} not sent`}`);
		}
		shutdownEngine();
	}
	process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bodyBytes })}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
