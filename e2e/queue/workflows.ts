/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * What the queue-mode tests send through n8n: the examples with webhooks (1 and 4) as they ship,
 * and a webhook workflow that reads a map's source rows (Map › Get Source Rows) and answers
 * with them. Rows are unique per case, call and row, so SmartConnect's run log shows each one's fate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { httpJobNodes, workflow } from '../../bench/n8n';
import { generateRows, MAP_KEYS, type SimMap, type SmartConnectSimulator } from '../../test/simulator';
import { CREDENTIAL_ID, CREDENTIAL_NAME, EXAMPLES_DIR } from '../lib/n8n';

export const EXAMPLE_RUN_MAP = { id: 'scWebhookRunMap1', path: 'smartconnect/import-customers', file: '01-webhook-rows-to-map.json' };
export const EXAMPLE_MAP_ERRORS = { id: 'scMapErrorsNote1', path: 'smartconnect/new-customers', file: '04-map-errors-to-notification.json' };
export const READ_ROWS = { id: 'scQueueReadRows', path: 'smartconnect/queue-source-rows' };
export const HTTP_CODE = { id: 'scQueueHttpCode', path: 'smartconnect/http-request-and-code' };

/** A map with enough source rows that each read carries real data. */
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a map key of the simulator's test map, not a secret
export const SOURCE_MAP_KEY = '0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
export const SOURCE_ROWS = 500;

export function sourceMap(): SimMap {
	const columns = ['CustomerID', 'Name', 'County', 'Balance'];
	return {
		mapKey: SOURCE_MAP_KEY,
		mapId: 'QUEUE SOURCE',
		description: 'Source rows read by the queue-mode load',
		columns: columns.map((ColumnName) => ({ ColumnName, IsRequired: false })),
		mappedColumns: [],
		rows: generateRows(SOURCE_ROWS, columns),
	};
}

export function exampleWorkflow(file: string): Record<string, unknown> {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** Webhook → SmartConnect Map › Get Source Rows → the webhook answers with every row. */
export function readRowsWorkflow(): object {
	return {
		id: READ_ROWS.id,
		name: 'Queue mode: read a map’s source rows',
		active: false,
		nodes: [
			{
				id: 'q-read-0',
				name: 'Rows wanted',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4e',
				parameters: { httpMethod: 'POST', path: READ_ROWS.path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: 'q-read-1',
				name: 'Get the source rows',
				type: 'n8n-nodes-smartconnect.smartConnect',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'map', operation: 'getSourceRows', returnAll: true, map: { __rl: true, mode: 'mapKey', value: SOURCE_MAP_KEY }, options: {} },
				credentials: { smartConnectApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: { 'Rows wanted': { main: [[{ node: 'Get the source rows', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Example 1's job the way users do it today (bench/n8n's HTTP Request + Code nodes): the webhook's
 * rows, one item each, built into data table XML by a Code node, GetToken and runmapdatatable by
 * HTTP Request nodes; the webhook answers with SmartConnect's RunMapResponse.
 */
export function httpCodeWorkflow(simulator: SmartConnectSimulator): object {
	return workflow(HTTP_CODE.id, 'Queue mode: HTTP Request + Code', [
		{
			name: 'Rows posted',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: '3c2b1a0f-9e8d-4c7b-8a69-5f4e3d2c1b0a',
			parameters: { httpMethod: 'POST', path: HTTP_CODE.path, responseMode: 'lastNode', options: {} },
		},
		{ name: 'One item per row', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.rows', options: {} } },
		...httpJobNodes(simulator, MAP_KEYS.importCustomers),
	]);
}

/** The rows call `call` of case `label` posts: unique account numbers `<label>-<call>-<row>`. */
export function callRows(label: string, call: number, rows: number): Array<Record<string, string>> {
	return Array.from({ length: rows }, (_, r) => ({
		accountnumber: `${label}-${call}-${r}`,
		name: `Customer ${call}/${r} & Co <queue>`,
		email: `c${call}.${r}@queue.example`,
	}));
}

export { MAP_KEYS };
