/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * What users do today (issue "Performance" §3), in real n8n: the same job, the same items, the same
 * simulator and the same n8n, done two ways —
 *   - "HTTP Request + Code": a Code node builds the data table XML, an HTTP Request node calls
 *     GetToken, another POSTs the XML to runmapdatatable with the token (what the API reference
 *     says users chain today);
 *   - one SmartConnect node, Map Run › Run With Data Table (same endpoint: Return Validation
 *     Errors off), the token kept in its credential.
 * Each execution is `n8n execute --id` (a fresh n8n process, as the end-to-end tests run them);
 * times are n8n's own: each node's executionTime and the run's startedAt → stoppedAt.
 */
import { isDeepStrictEqual } from 'node:util';

import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	N8nUserFolder,
	removePackedPackage,
	simulatorCredential,
	type ExecuteResult,
	type N8nName,
} from '../../e2e/lib/n8n';
import { SmartConnectSimulator } from '../../test/simulator';
import { median } from '../median';
import { BENCH_MAP_KEY, benchMap } from '../node';
import { BENCH_COLUMNS, benchRows } from '../node/rows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require('../../e2e/install') as typeof import('../../e2e/install');

export type Approach = 'http' | 'node';

/** The Code node both workflows start with. */
const ROWS_NODE = 'Make the rows (Code)';

/** The nodes whose executionTime is "the job" in each workflow (the rows' Code node is shared). */
export const JOB_NODES: Record<Approach, string[]> = {
	http: ['Build the XML (Code)', 'Get a token (HTTP Request)', 'Run the map (HTTP Request)'],
	node: ['Run With Data Table (SmartConnect)'],
};

export interface UserWorkflowRow {
	n8n: string;
	items: number;
	executions: number;
	/** Median over the executions of the job nodes' executionTime, summed per execution. */
	jobMs: Record<Approach, number>;
	/** Median of startedAt → stoppedAt of the whole execution (rows' Code node included). */
	executionMs: Record<Approach, number>;
	/** Median executionTime of the shared Code node that makes the rows. */
	rowsMs: Record<Approach, number>;
	/** The job's time in each execution, in order (the spread behind the median). */
	jobRuns: Record<Approach, number[]>;
	/** Median per job node. */
	perNodeMs: Record<string, number>;
	/** GetToken calls in each execution, in order. */
	logins: Record<Approach, number[]>;
	/** HTTP + Code time / SmartConnect node time: above 1 means the node is faster. */
	ratio: number;
}

/** The Code node both workflows start with: `count` rows equal to bench/node/rows.ts's benchRows. */
function makeRowsCode(count: number): string {
	return [
		`const count = ${count};`,
		'const items = new Array(count);',
		'for (let i = 0; i < count; i++) {',
		'  items[i] = { json: {',
		"    DocumentNo: 'INV-' + (100000 + i),",
		"    PostingDate: '2026-11-' + String((i % 28) + 1).padStart(2, '0'),",
		"    Batch: 'N8N-' + (i % 50),",
		"    Vendor: 'V' + String(i % 997).padStart(5, '0'),",
		"    VendorName: i % 10 === 0 ? 'Smith & Sons <Wholesale> ' + i : 'Vendor ' + (i % 997),",
		"    Account: '6' + String(i % 1000).padStart(4, '0'),",
		"    Description: 'Line ' + i + ': office supplies, café, 配送',",
		"    Currency: i % 3 === 0 ? 'EUR' : 'USD',",
		'    Amount: ((i % 10000) / 7).toFixed(2),',
		"    TaxCode: i % 2 === 0 ? 'VAT20' : 'EXEMPT',",
		"    Project: 'P-' + (i % 37),",
		"    Reference: 'REF/' + i + '/2026',",
		'  } };',
		'}',
		'return items;',
	].join('\n');
}

/** What a user writes in a Code node to turn the items into SmartConnect's data table XML. */
const BUILD_XML_CODE = [
	"const escape = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');",
	'const rows = $input.all().map(({ json }) =>',
	"  '<Table>' + Object.entries(json).map(([column, value]) => '<' + column + '>' + escape(value) + '</' + column + '>').join('') + '</Table>',",
	');',
	"return [{ json: { xml: '<RequestData>' + rows.join('') + '</RequestData>' } }];",
].join('\n');

export type WorkflowNode = {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: object;
	webhookId?: string;
};

/** A workflow that chains `chain` in order (first node first). */
export function workflow(id: string, name: string, chain: WorkflowNode[]): object {
	const nodes = chain.map((node, i) => ({ ...node, id: `${id}-${i}`, position: [i * 220, 0] }));
	const connections: Record<string, object> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * The HTTP Request + Code way, after whatever makes the items: a Code node builds the data table
 * XML, an HTTP Request node calls GetToken, another POSTs the XML to runmapdatatable with the token.
 */
export function httpJobNodes(simulator: SmartConnectSimulator, mapKey: string): WorkflowNode[] {
	const { email, password, companyId } = simulator.demo;
	const query = (parameters: Array<{ name: string; value: string }>) => ({ sendQuery: true, queryParameters: { parameters } });
	const [buildXml, getToken, runMap] = JOB_NODES.http;
	return [
		{ name: buildXml, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: BUILD_XML_CODE } },
		{
			name: getToken,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${simulator.apiUrl}/GetToken`,
				// The password as typed: hashing it would take one more (Crypto) node.
				...query([
					{ name: 'email', value: email },
					{ name: 'password', value: password },
					{ name: 'companyId', value: companyId },
				]),
				options: { response: { response: { responseFormat: 'text', outputPropertyName: 'token' } } },
			},
		},
		{
			name: runMap,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${simulator.apiUrl}/runmapdatatable`,
				// GetToken answers a JSON string: the quotes come off here.
				...query([
					{ name: 'token', value: '={{ $json.token.replace(/"/g, "") }}' },
					{ name: 'mapKey', value: mapKey },
				]),
				sendBody: true,
				contentType: 'raw',
				rawContentType: 'text/xml',
				body: `={{ $('${buildXml}').first().json.xml }}`,
				options: {},
			},
		},
	];
}

export function workflows(simulator: SmartConnectSimulator, count: number): Record<Approach, object> {
	const start: WorkflowNode[] = [
		{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{ name: ROWS_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: makeRowsCode(count) } },
	];
	return {
		http: workflow(`benchHttp${count}`, `Bench: HTTP Request + Code, ${count} rows`, [...start, ...httpJobNodes(simulator, BENCH_MAP_KEY)]),
		node: workflow(`benchNode${count}`, `Bench: SmartConnect node, ${count} rows`, [
			...start,
			{
				name: JOB_NODES.node[0],
				type: 'n8n-nodes-smartconnect.smartConnect',
				typeVersion: 1,
				parameters: {
					resource: 'mapRun',
					operation: 'runWithDataTable',
					map: { __rl: true, mode: 'mapKey', value: BENCH_MAP_KEY },
					columns: { mappingMode: 'autoMapInputData', value: null },
					options: { returnValidationErrors: false },
				},
				credentials: { smartConnectApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		]),
	};
}

interface TaskTiming {
	executionTime?: number;
}
interface RunTiming {
	startedAt?: string;
	stoppedAt?: string;
	data: { resultData: { runData: Record<string, TaskTiming[]> } };
}

function nodeMs(result: ExecuteResult, node: string): number {
	const tasks = (result.run as unknown as RunTiming).data.resultData.runData[node];
	const time = tasks?.[tasks.length - 1]?.executionTime;
	if (typeof time !== 'number') throw new Error(`no executionTime for "${node}" in the run`);
	return time;
}

function executionMs(result: ExecuteResult): number {
	const { startedAt, stoppedAt } = result.run as unknown as RunTiming;
	if (!startedAt || !stoppedAt) throw new Error('the run has no startedAt/stoppedAt');
	return Date.parse(stoppedAt) - Date.parse(startedAt);
}

/** The cached n8n install of `name`, installed first when missing (~10 min cold). */
async function ensureInstall(name: N8nName, log: (line: string) => void) {
	let info = installer.installInfo(name);
	if (!info.ready) {
		log(`  installing ${info.label} (one time, cached in ${info.dir}) …`);
		await installer.install(name);
		info = installer.installInfo(name);
	}
	return info;
}

export async function runUserWorkflowBench(
	options: { versions?: N8nName[]; sizes?: number[]; executions?: number } = {},
	log: (line: string) => void = () => {},
): Promise<UserWorkflowRow[]> {
	const { versions = ['n8n-1', 'n8n-2'], sizes = [1000, 10000], executions = 5 } = options;
	const simulator = await SmartConnectSimulator.start();
	simulator.addMap(benchMap());
	const rows: UserWorkflowRow[] = [];
	try {
		for (const name of versions) {
			const install = await ensureInstall(name, log);
			const n8n = await N8nUserFolder.create(install);
			try {
				await n8n.importCredentials([simulatorCredential(simulator)]);
				const files = sizes.flatMap((count) => Object.values(workflows(simulator, count)));
				await n8n.importWorkflowObjects(files);
				for (const count of sizes) {
					rows.push(await measure(n8n, simulator, count, executions, log));
				}
			} finally {
				n8n.remove();
			}
		}
	} finally {
		removePackedPackage();
		await simulator.close();
	}
	return rows;
}

async function measure(
	n8n: N8nUserFolder,
	simulator: SmartConnectSimulator,
	count: number,
	executions: number,
	log: (line: string) => void,
): Promise<UserWorkflowRow> {
	const expectedRows = benchRows(count);
	const job: Record<Approach, number[]> = { http: [], node: [] };
	const whole: Record<Approach, number[]> = { http: [], node: [] };
	const rowsNode: Record<Approach, number[]> = { http: [], node: [] };
	const perNode: Record<string, number[]> = {};
	const logins: Record<Approach, number[]> = { http: [], node: [] };
	for (let e = 0; e < executions; e++) {
		// Alternate which goes first, so neither always runs on a machine the other just warmed.
		const order: Approach[] = e % 2 === 0 ? ['node', 'http'] : ['http', 'node'];
		for (const approach of order) {
			log(`  ${n8n.install.label}: ${count} rows, ${approach === 'http' ? 'HTTP Request + Code' : 'SmartConnect node'}, execution ${e + 1}/${executions}`);
			simulator.clearLog();
			const runsBefore = simulator.runs.length;
			const id = approach === 'http' ? `benchHttp${count}` : `benchNode${count}`;
			const result = await n8n.execute(id);
			if (result.run.status !== 'success' || !n8n.exitedCleanly(result, `execute --id=${id}`)) {
				const error = result.run.data.resultData.error;
				throw new Error(`${id} on ${n8n.install.label} ended "${result.run.status}": ${error?.message ?? ''}\n${result.stderr.slice(-2000)}`);
			}
			// Same job: exactly one run of the bench map, with exactly the rows the Code node made.
			const runs = simulator.runs.slice(runsBefore);
			if (runs.length !== 1 || runs[0].endpoint.toLowerCase() !== 'runmapdatatable' || runs[0].recordCount !== count) {
				throw new Error(`${id}: expected one runmapdatatable run of ${count} rows, SmartConnect saw ${JSON.stringify(runs.map((r) => [r.endpoint, r.recordCount]))}`);
			}
			if (e === 0 && !isDeepStrictEqual(runs[0].rows, expectedRows)) {
				throw new Error(`${id}: the rows SmartConnect received differ from benchRows(${count}) (columns ${BENCH_COLUMNS.join(', ')})`);
			}
			const times = JOB_NODES[approach].map((node) => nodeMs(result, node));
			JOB_NODES[approach].forEach((node, i) => (perNode[node] ??= []).push(times[i]));
			job[approach].push(times.reduce((a, b) => a + b, 0));
			whole[approach].push(executionMs(result));
			rowsNode[approach].push(nodeMs(result, ROWS_NODE));
			logins[approach].push(simulator.count('gettoken'));
		}
	}
	const jobMs = { http: median(job.http), node: median(job.node) };
	return {
		n8n: `n8n ${n8n.install.version}`,
		items: count,
		executions,
		jobMs,
		jobRuns: job,
		executionMs: { http: median(whole.http), node: median(whole.node) },
		rowsMs: { http: median(rowsNode.http), node: median(rowsNode.node) },
		perNodeMs: Object.fromEntries(Object.entries(perNode).map(([node, values]) => [node, median(values)])),
		logins,
		ratio: jobMs.http / jobMs.node,
	};
}

const ms = (n: number) => n.toFixed(0);

/** Section 3 of the report. */
export function formatUserWorkflowBench(rows: UserWorkflowRow[]): string {
	const perNode = (row: UserWorkflowRow, approach: Approach) =>
		JOB_NODES[approach].map((node) => `${node.replace(/ \(.*\)$/, '')} ${ms(row.perNodeMs[node])}`).join(' + ');
	return [
		'| n8n | items | HTTP Request + Code (ms) | SmartConnect node (ms) | node speed-up | whole execution, HTTP / node (ms) | of which the shared rows node, HTTP / node (ms) | GetToken calls per execution, HTTP | … node |',
		'|---|---:|---:|---:|---:|---:|---:|---|---|',
		...rows.map(
			(row) =>
				`| ${row.n8n} | ${row.items} | ${ms(row.jobMs.http)} | ${ms(row.jobMs.node)} | ${row.ratio.toFixed(2)}× | ${ms(row.executionMs.http)} / ${ms(
					row.executionMs.node,
				)} | ${ms(row.rowsMs.http)} / ${ms(row.rowsMs.node)} | ${row.logins.http.join(', ')} | ${row.logins.node.join(', ')} |`,
		),
		'',
		'Where the time goes (medians, ms):',
		'',
		...rows.map(
			(row) =>
				`- ${row.n8n}, ${row.items} items: HTTP Request + Code = ${perNode(row, 'http')}; SmartConnect node = ${ms(row.jobMs.node)}. Each execution: HTTP ${row.jobRuns.http
					.map(ms)
					.join(', ')}; node ${row.jobRuns.node.map(ms).join(', ')}.`,
		),
		'',
		...ownCostLines(rows),
	].join('\n');
}

/**
 * The node's own cost: the SmartConnect node's time minus the HTTP Request node that only sends the
 * finished XML to the same endpoint (same request, same server work), per n8n line and size, and
 * how the two n8n lines compare.
 */
function ownCostLines(rows: UserWorkflowRow[]): string[] {
	const send = JOB_NODES.http[2];
	const own = (row: UserWorkflowRow) => row.jobMs.node - row.perNodeMs[send];
	const lines = rows.map(
		(row) => `- ${row.n8n}, ${row.items} items: the node's own cost = SmartConnect node ${ms(row.jobMs.node)} − ${send.replace(/ \(.*\)$/, '')} ${ms(row.perNodeMs[send])} = ${ms(own(row))} ms.`,
	);
	const sizes = [...new Set(rows.map((row) => row.items))];
	for (const items of sizes) {
		const one = rows.find((row) => row.items === items && row.n8n.startsWith('n8n 1.'));
		const two = rows.find((row) => row.items === items && row.n8n.startsWith('n8n 2.'));
		if (one && two) {
			lines.push(`- ${items} items: own cost on ${one.n8n} / on ${two.n8n} = ${ms(own(one))} / ${ms(own(two))} ms (target: within 1.5×; a difference below the run-to-run spread of the two node times is noise).`);
		}
	}
	return ['The node\'s own cost (medians, ms):', '', ...lines];
}
