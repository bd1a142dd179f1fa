/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The n8n editor in headless Chromium (Debian's chromium, driven by playwright-core; no browser
 * download): real n8n 1.x started with `n8n start`, the package installed as a community package,
 * the owner set up through n8n's REST API, then as a user would: sign in, open example 1, open
 * the SmartConnect node, open the map list (loaded from the simulator), choose a map (its columns
 * load in the resource mapper), test the credential, and Fetch Test Event on the SmartConnect Trigger;
 * then run a data-table workflow from the editor and read its output panel: one row per input, and the
 * next node's `.item` expression resolved for every item. Screenshots: e2e/.screenshots/.
 *
 * Then, on n8n 1.x and 2.x: the forms of the three credentials (SmartConnect.com, on-premise server,
 * REST API), and the resources and operations the node offers for each service, compared with what
 * the built package's description shows for that service (see lib/description.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import type { INodeProperties } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator } from '../test/simulator';
import { credentialType, servicesMenu, shownCredentialFields } from './lib/description';
import {
	DEV_OWNER,
	exampleCredentials,
	exampleFiles,
	freePort,
	n8nInstall,
	N8nUserFolder,
	removePackedPackage,
	setupOwner,
	simulatorCredential,
	type N8nName,
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

/** Debian's Chromium, headless, with one page whose actions wait at most `timeoutMs`. */
async function launchChromium(timeoutMs: number): Promise<{ browser: Browser; page: Page }> {
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	page.setDefaultTimeout(timeoutMs);
	return { browser, page };
}

/** Stops what a suite started (each part only if it was started). */
async function tearDown(parts: { browser?: Browser; server?: N8nServer; simulator?: SmartConnectSimulator; n8n?: N8nUserFolder }): Promise<void> {
	await parts.browser?.close();
	await parts.server?.stop();
	await parts.simulator?.close();
	if (parts.n8n && !process.env.E2E_KEEP_USER_FOLDER) parts.n8n.remove();
	removePackedPackage();
}

/** Signs in through n8n's sign-in page as the owner setupOwner made. */
async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	// The editor's first load after n8n starts can take minutes on a busy machine (seen with n8n 2.x).
	await page.locator('input[name="emailOrLdapLoginId"]').waitFor({ timeout: 240000 });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(DEV_OWNER.email);
	await page.locator('input[name="password"]').fill(DEV_OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

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
		({ browser, page } = await launchChromium(30000));
	});

	afterAll(async () => await tearDown({ browser, server, simulator, n8n }));

	it('signs in through the sign-in page and opens example 1 with the SmartConnect node', async () => {
		await signIn(page, server.url);
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

/** n8n adds this option to the resource and operation lists of nodes whose credentials the HTTP Request node can use. */
const N8N_CUSTOM_API_CALL = 'Custom API Call';
const LINES: N8nName[] = ['n8n-1', 'n8n-2'];
/** Example 6's on-premise run node: its credential select switches the node between the services. */
const SERVICES_WORKFLOW_ID = 'scOnPremRunMap06';
const SERVICES_NODE = 'Run IMPORT CUSTOMERS on the server';

(chromiumMissing ? describe.skip : describe).each(LINES)('the three SmartConnect services in the editor (%s)', (line) => {
	const install = n8nInstall(line);
	const menu = servicesMenu();
	let simulator: SmartConnectSimulator;
	let n8n: N8nUserFolder;
	let server: N8nServer;
	let browser: Browser;
	let page: Page;
	/** The imported credentials (id, name, type, data), by type. */
	let credentials: Record<string, { id: string; name: string; type: string; data: Record<string, string> }>;

	async function screenshot(name: string): Promise<void> {
		await page.screenshot({ path: path.join(SCREENSHOTS, `${line}-services-${name}.png`) });
	}

	/** The names of the open dropdown's items (first line: the option's name; its description follows). */
	async function dropdownItems(): Promise<string[]> {
		const items = page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor();
		return (await items.allInnerTexts()).map((text) => text.trim().split('\n')[0].trim()).filter((name) => name !== N8N_CUSTOM_API_CALL);
	}

	async function closeDropdown(): Promise<void> {
		await page.keyboard.press('Escape');
		await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
	}

	/** Opens the dropdown of `parameter` in the node panel, returns its option names and picks `choose` if given. */
	async function options(parameter: string, choose?: string): Promise<string[]> {
		const input = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]`);
		await input.click();
		const names = await dropdownItems();
		if (choose === undefined) {
			await closeDropdown();
		} else {
			await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText(choose, { exact: true }) }).first().click();
			// Closed (its items gone, or the next list would include them) and chosen.
			await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
			await expect(input.locator('input').inputValue()).resolves.toBe(choose);
		}
		return names;
	}

	beforeAll(async () => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		simulator = await SmartConnectSimulator.start();
		n8n = await N8nUserFolder.create(install);
		const imported = exampleCredentials(simulator) as Array<(typeof credentials)[string]>;
		credentials = Object.fromEntries(imported.map((credential) => [credential.type, credential]));
		await n8n.importCredentials(imported);
		await n8n.importWorkflows(exampleFiles());
		server = await n8n.start(await freePort());
		await setupOwner(server.url);
		({ browser, page } = await launchChromium(60000));
		await signIn(page, server.url);
	}, 600000);

	afterAll(async () => await tearDown({ browser, server, simulator, n8n }));

	it('the description offers each service its own operations (Token for SmartConnect.com only, Get Map XML for the server only, Integration › Run for the REST API only)', () => {
		const has = (resource: string, operation?: string) =>
			menu
				.filter((service) => service.resources.some((r) => r.value === resource && (operation === undefined || r.operations.some((o) => o.value === operation))))
				.map((service) => service.authentication);
		expect(menu.map((service) => service.authentication)).toEqual(['smartConnectApi', 'smartConnectOnPremApi', 'smartConnectOAuth2Api']);
		expect(has('token')).toEqual(['smartConnectApi']);
		expect(has('mapRun', 'getMapXml')).toEqual(['smartConnectOnPremApi']);
		expect(has('integration', 'run')).toEqual(['smartConnectOAuth2Api']);
		// Every credential type is an Authentication value, and the node asks for that credential only then.
		expect(Object.keys(credentials).sort()).toEqual(menu.map((service) => service.authentication).sort());
	});

	/** Opens the credential's edit dialog; answers the dialog and the fields the description shows for `data`. */
	async function openCredential(type: string): Promise<{ dialog: ReturnType<Page['locator']>; fields: INodeProperties[] }> {
		const credential = credentials[type];
		await page.goto(`${server.url}/home/credentials/${credential.id}`);
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
		await dialog.waitFor();
		const fields = shownCredentialFields(credentialType(type.charAt(0).toUpperCase() + type.slice(1)), credential.data);
		const first = fields.find((field) => field.type !== 'notice');
		await dialog.locator(`[data-test-id="parameter-input-${first?.name}"]`).waitFor();
		return { dialog, fields };
	}

	/** The credential's own parameters the dialog shows, in order (n8n adds some of its own, e.g. allowed domains). */
	async function shownFields(dialog: ReturnType<Page['locator']>, type: string): Promise<string[]> {
		const own = new Set(credentialType(type.charAt(0).toUpperCase() + type.slice(1)).properties.map((property) => property.name));
		const ids = await dialog.locator('[data-test-id^="parameter-input-"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-test-id') ?? ''));
		return [...new Set(ids.map((id) => id.slice('parameter-input-'.length)))].filter((name) => own.has(name));
	}

	it.each(['smartConnectApi', 'smartConnectOnPremApi', 'smartConnectOAuth2Api'])(
		'the %s credential form: the fields its description shows, secrets masked and never sent to the page',
		async (type) => {
			const { dialog, fields } = await openCredential(type);
			await screenshot(`credential-${type}`);
			expect(await shownFields(dialog, type)).toEqual(fields.filter((field) => field.type !== 'notice').map((field) => field.name));
			const text = await dialog.innerText();
			for (const notice of fields.filter((field) => field.type === 'notice')) expect(text).toContain(notice.displayName);
			const html = await page.content();
			for (const field of fields.filter((f) => f.type === 'string' || f.type === 'number')) {
				const input = dialog.locator(`[data-test-id="parameter-input-${field.name}"] input`).first();
				const masked = field.typeOptions?.password === true;
				expect({ field: field.name, type: await input.getAttribute('type') }).toEqual({ field: field.name, type: masked ? 'password' : 'text' });
				const secret = credentials[type].data[field.name];
				if (masked) {
					// n8n sends the editor a placeholder for a stored secret, never the secret itself.
					expect(secret.length).toBeGreaterThan(5);
					expect({ field: field.name, inPage: html.includes(secret), inInput: (await input.inputValue()) === secret }).toEqual({
						field: field.name,
						inPage: false,
						inInput: false,
					});
				}
			}
			if (type === 'smartConnectOnPremApi') {
				// The notice says NTLM/Negotiate is not supported, above the fields.
				expect(fields[0].type).toBe('notice');
				expect(fields[0].displayName).toMatch(/NTLM\/Negotiate/);
				await expect(dialog.getByText(fields[0].displayName).isVisible()).resolves.toBe(true);
			}
			await page.keyboard.press('Escape');
			await dialog.waitFor({ state: 'hidden' });
		},
	);

	it("the on-premise form: Authentication None hides the user and password, as the description says", async () => {
		const type = 'smartConnectOnPremApi';
		const { dialog } = await openCredential(type);
		const none = credentialType('SmartConnectOnPremApi').properties.find((p) => p.name === 'authentication')?.options?.find((o) => 'value' in o && o.value === 'none');
		await dialog.locator('[data-test-id="parameter-input-authentication"]').click();
		await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText(String(none?.name), { exact: true }) }).first().click();
		const expected = shownCredentialFields(credentialType('SmartConnectOnPremApi'), { ...credentials[type].data, authentication: 'none' });
		await dialog.locator('[data-test-id="parameter-input-password"]').waitFor({ state: 'detached' });
		await screenshot('credential-onprem-none');
		expect(await shownFields(dialog, type)).toEqual(expected.filter((field) => field.type !== 'notice').map((field) => field.name));
		expect(expected.map((field) => field.name)).not.toContain('password');
		// Leave without saving.
		await page.goto(`${server.url}/home/credentials`);
	});

	it.each(menu.map((service) => [service.name, service] as const))(
		'Authentication "%s": the node offers the resources and operations its description shows for it',
		async (_name, service) => {
			if (!page.url().includes(SERVICES_WORKFLOW_ID)) {
				await page.goto(`${server.url}/workflow/${SERVICES_WORKFLOW_ID}`);
				const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${SERVICES_NODE}"]`);
				await node.waitFor();
				await node.dblclick();
				await page.locator('[data-test-id="ndv"]').waitFor();
			}
			// n8n's editor puts the Authentication choice in the credential select: a credential of the service's type sets it.
			const credentialName = credentials[service.authentication].name;
			const select = page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"]');
			await select.click();
			await page.locator('.el-select-dropdown__item:visible').filter({ has: page.getByText(credentialName, { exact: true }) }).first().click();
			await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
			await expect(select.locator('input').inputValue()).resolves.toBe(credentialName);
			expect(await options('resource')).toEqual(service.resources.map((resource) => resource.name));
			for (const resource of service.resources) {
				await options('resource', resource.name);
				expect({ resource: resource.name, operations: await options('operation') }).toEqual({
					resource: resource.name,
					operations: resource.operations.map((operation) => operation.name),
				});
			}
			await screenshot(`operations-${service.authentication}`);
		},
	);
});
