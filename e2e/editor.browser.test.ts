/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The n8n editor in headless Chromium (Debian's chromium, driven by playwright-core; no browser
 * download): real n8n 1.x started with `n8n start`, the package installed as a community package,
 * the owner set up through n8n's REST API, then as a user would: sign in, open example 1, open
 * the SmartConnect node, open the map list (loaded from the simulator), choose a map (its columns
 * load in the resource mapper), test the credential, and Fetch Test Event on the SmartConnect Trigger;
 * then run a data-table workflow from the editor and read its output panel: one row per input, and the
 * next node's `.item` expression resolved for every item. Screenshots: e2e/.screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { MAP_KEYS, SmartConnectSimulator } from '../test/simulator';
import {
	DEV_OWNER,
	exampleFiles,
	freePort,
	n8nInstall,
	N8nUserFolder,
	removePackedPackage,
	setupOwner,
	simulatorCredential,
	type N8nServer,
} from './lib/n8n';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '.screenshots');
const WORKFLOW_ID = 'scWebhookRunMap1';
const NODE_NAME = 'Run IMPORT CUSTOMERS with the rows';
const NEXT_WORKFLOW_ID = 'scRowsThenNext01';
const NEXT_NODE = 'Next: the row name';

/**
 * Example 1's Manual Trigger path with an Edit Fields node after the SmartConnect node that reads
 * `$('One item per row').item.json.name`, the expression n8n users write most.
 */
function workflowWithNextNode(): object {
	const example = JSON.parse(fs.readFileSync(exampleFiles()[0], 'utf8')) as {
		nodes: Array<{ name: string; type: string; position: number[] }>;
		connections: Record<string, unknown>;
	};
	const nodes = example.nodes.filter((node) => !/webhook|stickyNote/.test(node.type));
	return {
		...example,
		id: NEXT_WORKFLOW_ID,
		name: 'SmartConnect: rows, a map run, and the next node',
		nodes: [
			...nodes,
			{
				parameters: {
					assignments: {
						assignments: [{ id: 'a1', name: 'rowName', value: "={{ $('One item per row').item.json.name }}", type: 'string' }],
					},
					options: {},
				},
				id: 'b7e1c0de-0001-4000-8000-000000000001',
				name: NEXT_NODE,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [900, 200],
			},
		],
		connections: {
			...Object.fromEntries(Object.entries(example.connections).filter(([name]) => nodes.some((node) => node.name === name))),
			[NODE_NAME]: { main: [[{ node: NEXT_NODE, type: 'main', index: 0 }]] },
		},
	};
}
/** Chromium flags for this machine (closed network): see the machine notes. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** Waits until `condition` holds (the page's own requests are asynchronous); fails after 30 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 300; i++) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`timed out waiting until ${what}`);
}

const chromiumMissing = fs.existsSync(CHROMIUM)
	? undefined
	: `${CHROMIUM} does not exist (Debian's chromium package is not installed: apt-get install -y chromium)`;
if (chromiumMissing) {
	process.stdout.write(`\nSKIPPED: the n8n editor test in headless Chromium, because ${chromiumMissing}.\n\n`);
}

(chromiumMissing ? describe.skip : describe)('the n8n editor (n8n 1.123.81) in headless Chromium', () => {
	let simulator: SmartConnectSimulator;
	let n8n: N8nUserFolder;
	let server: N8nServer;
	let browser: Browser;
	let page: Page;
	let shot = 0;

	async function screenshot(name: string): Promise<void> {
		shot++;
		await page.screenshot({ path: path.join(SCREENSHOTS, `${String(shot).padStart(2, '0')}-${name}.png`) });
	}

	beforeAll(async () => {
		fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		simulator = await SmartConnectSimulator.start();
		n8n = await N8nUserFolder.create(n8nInstall('n8n-1'));
		await n8n.importCredentials([simulatorCredential(simulator)]);
		await n8n.importWorkflows(exampleFiles());
		await n8n.importWorkflowObjects([workflowWithNextNode()]);
		server = await n8n.start(await freePort());
		await setupOwner(server.url);
		browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		page = await context.newPage();
		page.setDefaultTimeout(30000);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await simulator?.close();
		if (n8n && !process.env.E2E_KEEP_USER_FOLDER) n8n.remove();
		removePackedPackage();
	});

	it('signs in through the sign-in page and opens example 1 with the SmartConnect node', async () => {
		await page.goto(`${server.url}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"]').fill(DEV_OWNER.email);
		await page.locator('input[name="password"]').fill(DEV_OWNER.password);
		await screenshot('signin');
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		await node.waitFor();
		await screenshot('workflow');
		simulator.clearLog();
		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').waitFor();
		await page.locator('[data-test-id="resource-mapper-container"]').waitFor();
		await screenshot('node-open');
		// The node's credential and map as the example saved them.
		await expect(page.locator('[data-test-id="node-credentials-select"] input').inputValue()).resolves.toBe('SmartConnect account');
		await expect(page.locator('[data-test-id="rlc-input"]').inputValue()).resolves.toMatch(/^IMPORT CUSTOMERS/);
	});

	it('loads the map list from the simulator', async () => {
		simulator.clearLog();
		await page.locator('[data-test-id="rlc-input"]').click();
		const items = page.locator('[data-test-id="rlc-item"]');
		await items.filter({ hasText: 'PURCHASE JOURNAL' }).waitFor();
		await screenshot('map-list');
		const names = (await items.allInnerTexts()).map((name) => name.trim()).sort();
		// The demo company's maps; not the real-time map, not the other company's.
		expect(names).toEqual([
			'CUSTOMERS BY COUNTY — Customers filtered by GBL_COUNTY',
			'IMPORT CUSTOMERS — Customers to Business Central',
			'NIGHTLY FTP IMPORT — Import the nightly FTP file named by GBL_FILE_NAME',
			'PURCHASE JOURNAL — Import of Purchase Journal',
		]);
		expect(simulator.count('getmaplist')).toBeGreaterThanOrEqual(1);
	});

	it("choosing a map loads that map's columns in the resource mapper", async () => {
		simulator.clearLog();
		await page.locator('[data-test-id="rlc-item"]', { hasText: 'PURCHASE JOURNAL' }).click();
		await until(
			() => simulator.log.some((e) => e.endpoint === 'getmapcolumns' && e.query.mapKey === MAP_KEYS.purchaseJournal),
			'the editor asked SmartConnect for the columns of PURCHASE JOURNAL',
		);
		await page.locator('[data-test-id="mapping-mode-select"]').click();
		await page.getByText('Map Each Column Manually', { exact: true }).click();
		const fields = page.locator('[data-test-id="mapping-fields-container"]');
		await fields.getByText('PostingDate (required)').waitFor();
		await screenshot('columns');
		for (const column of ['PostingDate', 'Batch', 'DocumentNo', 'Vendor', 'Amount', 'Description']) {
			await fields.locator(`[data-test-id="parameter-input-${column}"]`).waitFor();
		}
		const text = await fields.innerText();
		for (const label of ['PostingDate (required)', 'DocumentNo (required)', 'Amount (required)']) expect(text).toContain(label);
		expect(text).not.toContain('Batch (required)');
		// IMPORT CUSTOMERS' columns are gone.
		expect(text).not.toContain('accountnumber');
	});

	it('the credential test passes', async () => {
		simulator.clearLog();
		await page.locator('[data-test-id="credential-edit-button"]').click();
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		const success = dialog.locator('[data-test-id="credentials-config-container-test-success"]');
		await success.waitFor();
		await expect(success.innerText()).resolves.toMatch(/Connection tested successfully/);
		await screenshot('credential-tested');
		const before = simulator.count('validate');
		expect(before).toBeGreaterThanOrEqual(1);
		// Retry runs the test again: another validate call, the same result.
		await success.getByRole('button', { name: 'Retry' }).click();
		await until(() => simulator.count('validate') > before, 'the credential test called validate again');
		await success.waitFor();
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
	});

	it("run from the editor: the output panel shows one row per input, and the next node's .item resolves", async () => {
		await page.goto(`${server.url}/workflow/${NEXT_WORKFLOW_ID}`);
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${NEXT_NODE}"]`).waitFor();
		simulator.clearLog();
		const runsBefore = simulator.runs.length;
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		await until(() => simulator.runs.length === runsBefore + 1, 'the map ran');
		const recorded = simulator.runs[simulator.runs.length - 1];
		expect(recorded.rows.map((row) => row.name)).toEqual(['Alpine Outfitters', 'Harbor & Sons', 'Café Ümlaut']);

		// The SmartConnect node's output panel: three rows, one per input, each with its status.
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`).dblclick();
		// The input pane shows its schema, so the table rows in the dialog are the output's.
		const ndv = page.locator('[data-test-id="ndv"]');
		const rows = ndv.locator('table tbody tr').filter({ hasText: /@(alpine|harbor|umlaut)\.example/ });
		await rows.first().waitFor();
		await expect(rows.count()).resolves.toBe(3);
		await expect(ndv.innerText()).resolves.toMatch(/\b3 items\b/);
		const texts = await rows.allInnerTexts();
		['Alpine Outfitters', 'Harbor & Sons', 'Café Ümlaut'].forEach((name, i) => {
			expect(texts[i]).toContain(name);
			expect(texts[i]).toMatch(/status\s*:\s*success/);
		});
		await screenshot('run-output-one-row-per-input');
		await page.keyboard.press('Escape');

		// The next node: $('One item per row').item resolved for every item, in input order.
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${NEXT_NODE}"]`).dblclick();
		const nextRows = page.locator('[data-test-id="ndv"] table tbody tr').filter({ hasText: /Alpine Outfitters|Harbor & Sons|Café Ümlaut/ });
		await nextRows.first().waitFor();
		expect((await nextRows.allInnerTexts()).map((row) => row.trim())).toEqual(['Alpine Outfitters', 'Harbor & Sons', 'Café Ümlaut']);
		await screenshot('next-node-item-resolved');
		await page.keyboard.press('Escape');
	});

	it('activated in the editor, the real webhook runs the map with the rows posted to it', async () => {
		await page.goto(`${server.url}/workflow/${WORKFLOW_ID}`);
		await page.locator('[data-test-id="workflow-activate-switch"]').click();
		await page.locator('[data-test-id="activation-modal"]').waitFor();
		await screenshot('activated');
		simulator.clearLog();
		const response = await fetch(`${server.url}/webhook/smartconnect/import-customers`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ rows: [{ accountnumber: 'W-1', name: 'Web Shop One' }, { accountnumber: 'W-2', name: 'Web Shop Two' }] }),
		});
		expect(response.status).toBe(200);
		// The webhook answers every row, in the order posted, with its status.
		const result = (await response.json()) as Array<Record<string, unknown>>;
		const runNumber = (result[0]?.smartConnect as Record<string, unknown> | undefined)?.runNumber;
		const status = { status: 'success', runNumber, mapKey: MAP_KEYS.importCustomers, sent: true };
		expect(result).toEqual([
			{ accountnumber: 'W-1', name: 'Web Shop One', smartConnect: status },
			{ accountnumber: 'W-2', name: 'Web Shop Two', smartConnect: status },
		]);
		expect(simulator.runs).toEqual([
			expect.objectContaining({
				mapKey: MAP_KEYS.importCustomers,
				runNumber,
				rows: [
					{ accountnumber: 'W-1', name: 'Web Shop One' },
					{ accountnumber: 'W-2', name: 'Web Shop Two' },
				],
			}),
		]);
		expect(simulator.count('gettoken')).toBe(0);
	});
	it("the SmartConnect Trigger's Fetch Test Event shows the newest run of the watched map", async () => {
		simulator.clearLog();
		simulator.runScheduled(MAP_KEYS.importCustomers, [{ accountnumber: 'T-1', name: '' }]);
		const newest = simulator.runScheduled(MAP_KEYS.importCustomers, [{ accountnumber: 'T-2', name: '' }]).RunNumber;
		// A page of its own (same sign-in): whatever the tests before left open stays out of the way.
		page = await page.context().newPage();
		page.setDefaultTimeout(60000);
		await page.goto(`${server.url}/workflow/scMapFailedNote5`);
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="A SmartConnect map run failed"]');
		await node.waitFor();
		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').waitFor();
		await page.getByRole('button', { name: /Fetch Test Event/i }).first().click();
		await until(() => simulator.log.some((e) => e.endpoint === 'geterrorsforprocessrun' && e.query.runNumber === String(newest)), 'the trigger read the newest run\'s failed rows');
		const output = page.locator('[data-test-id="output-panel"]');
		await output.getByText(String(newest), { exact: true }).first().waitFor();
		await screenshot('trigger-fetch-test-event');
		const text = await output.innerText();
		expect(text).toContain('runFailed');
		expect(text).toContain('name is required.');
		// One run shown, with its failed row: the newest, not the one before it.
		expect(text).toContain('T-2');
		expect(text).not.toContain('T-1');
		await page.keyboard.press('Escape');
	});
});
