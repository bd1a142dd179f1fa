/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The example workflows in real n8n: the package installed as a community package, the
 * credential and examples imported with n8n's CLI, each example executed twice with
 * `n8n execute --id` against the SmartConnect simulator. Asserts n8n's output JSON and what
 * SmartConnect received (logins, tokens, runs, request bodies). Examples 6 and 7 use the other two
 * services of the same simulator: the on-premise server (Basic access) and the REST API (OAuth2).
 */
import { MAP_KEYS, ON_PREM_PASSWORD, ON_PREM_USER, SmartConnectSimulator } from '../test/simulator';
import {
	CREDENTIAL_ID,
	exampleCredentials,
	exampleFiles,
	n8nInstall,
	N8nUserFolder,
	REST_API_CREDENTIAL,
	removePackedPackage,
	type ExecuteResult,
	type N8nName,
} from './lib/n8n';

export function describeExamples(name: N8nName): void {
	const install = n8nInstall(name);

	describe(`${install.label}: the examples, imported and executed with n8n's CLI`, () => {
		let simulator: SmartConnectSimulator;
		let n8n: N8nUserFolder;

		const endpoints = () => simulator.log.map((entry) => entry.endpoint);
		const logins = () => simulator.count('gettoken');

		async function execute(id: string): Promise<ExecuteResult> {
			simulator.clearLog();
			const result = await n8n.execute(id);
			if (result.run.status !== 'success') {
				const error = result.run.data.resultData.error;
				throw new Error(`execution of ${id} ended "${result.run.status}": ${error?.message ?? ''} ${error?.description ?? ''}\n${result.stderr.slice(-2000)}`);
			}
			expect({ exitCode: result.code, signal: result.signal, cleanly: n8n.exitedCleanly(result, `execute --id=${id}`) }).toEqual(
				expect.objectContaining({ cleanly: true }),
			);
			return result;
		}

		beforeAll(async () => {
			simulator = await SmartConnectSimulator.start();
			n8n = await N8nUserFolder.create(install);
			await n8n.importCredentials(exampleCredentials(simulator));
			await n8n.importWorkflows(exampleFiles());
		});

		afterAll(async () => {
			await simulator?.close();
			if (n8n && !process.env.E2E_KEEP_USER_FOLDER) n8n.remove();
			removePackedPackage();
		});

		it(`is n8n ${install.version} on Node ${name === 'n8n-1' ? '20' : '24'}`, async () => {
			const version = await n8n.cli(['--version']);
			expect(version.stdout.trim().split('\n').pop()).toBe(install.version);
			const { execFileSync } = await import('node:child_process');
			const nodeVersion = execFileSync(install.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
			expect(nodeVersion).toMatch(name === 'n8n-1' ? /^v20\./ : /^v24\./);
		});

		describe('1. webhook rows → run a map with a data table', () => {
			const id = 'scWebhookRunMap1';
			const node = 'Run IMPORT CUSTOMERS with the rows';

			it('first execution: logs in once, sends the three sample rows as one data table, n8n stores the token', async () => {
				const result = await execute(id);
				expect(result.ranNodes().sort()).toEqual(
					['Try it: Manual Trigger', 'Sample request (manual runs)', 'One item per row', node].sort(),
				);
				// One item per row, in the order posted: the row and its smartConnect status.
				const status = { status: 'success', runNumber: 12, mapKey: MAP_KEYS.importCustomers, sent: true };
				expect(result.output(node)).toEqual([
					{ accountnumber: 'C10001', name: 'Alpine Outfitters', email: 'ap@alpine.example', smartConnect: status },
					{ accountnumber: 'C10002', name: 'Harbor & Sons', email: 'orders@harbor.example', smartConnect: status },
					{ accountnumber: 'C10003', name: 'Café Ümlaut', email: 'info@umlaut.example', smartConnect: status },
				]);
				expect(endpoints()).toEqual(['gettoken', 'getmapcolumns', 'gethistoryforprocess', 'runmapdatatablewitherrors']);
				// GetMapColumns: Map Automatically checks the items' fields against the map's columns (a hint, none here).
				// GetHistoryForProcess: Check Run History After a Failure (on by default) reads it before the run.
				const [login, , , runRequest] = simulator.log;
				expect(login.query).toMatchObject({ email: simulator.demo.email, companyId: simulator.demo.companyId });
				expect(login.query.password).not.toBe(simulator.demo.password); // HMAC form, not the password
				expect(runRequest.query).toMatchObject({ mapKey: MAP_KEYS.importCustomers });
				expect(simulator.issuedTokens()).toContain(runRequest.query.token);
				expect(runRequest.body).toContain('Harbor &amp; Sons');
				expect(simulator.runs).toHaveLength(1);
				expect(simulator.runs[0].rows).toEqual([
					{ accountnumber: 'C10001', name: 'Alpine Outfitters', email: 'ap@alpine.example' },
					{ accountnumber: 'C10002', name: 'Harbor & Sons', email: 'orders@harbor.example' },
					{ accountnumber: 'C10003', name: 'Café Ümlaut', email: 'info@umlaut.example' },
				]);
				// n8n wrote the token GetToken issued back into the (encrypted) credential.
				const stored = await n8n.exportCredential(CREDENTIAL_ID);
				expect(stored.sessionToken).toBe(runRequest.query.token);
			});

			it('second execution: reuses the stored token (0 logins), the next run number', async () => {
				const result = await execute(id);
				expect(endpoints()).toEqual(['getmapcolumns', 'gethistoryforprocess', 'runmapdatatablewitherrors']);
				expect(logins()).toBe(0);
				expect(result.output(node).map((item) => item.smartConnect)).toEqual(
					[0, 1, 2].map(() => ({ status: 'success', runNumber: 13, mapKey: MAP_KEYS.importCustomers, sent: true })),
				);
			});
		});

		describe("2. schedule → read a map's data and hand the rows on", () => {
			const id = 'scScheduleRead01';

			it('reads the rows of CUSTOMERS BY COUNTY for GBL_COUNTY=GA and hands them on, one item per row', async () => {
				const result = await execute(id);
				expect(result.ranNodes().sort()).toEqual(['Try it: Manual Trigger', 'Read CUSTOMERS BY COUNTY (GA)', 'Hand the rows on'].sort());
				expect(result.output('Hand the rows on')).toEqual([
					{ No: 'C00070', Name: 'Purus Limited', County: 'GA', 'Account No': 'A-100', City: 'Atlanta' },
					{ No: 'C00071', Name: 'Smith & Sons', County: 'GA', 'Account No': 'A-101', City: 'Savannah' },
					{ No: 'C00076', Name: 'Peach Tree Inc', County: 'GA', 'Account No': 'A-106', City: 'Macon' },
				]);
				expect(endpoints()).toEqual(['getalldata']);
				expect(simulator.log[0].query).toMatchObject({ mapKey: MAP_KEYS.customersByCounty });
				expect(JSON.parse(simulator.log[0].body)).toEqual([{ Key: 'GBL_COUNTY', Value: 'GA' }]);
				expect(simulator.runs).toHaveLength(0);
			});

			it('second execution: the same rows, no login', async () => {
				const result = await execute(id);
				expect(endpoints()).toEqual(['getalldata']);
				expect(logins()).toBe(0);
				expect(result.output('Hand the rows on')).toHaveLength(3);
			});

			it('a token SmartConnect no longer accepts is renewed once, and the read succeeds', async () => {
				simulator.revokeTokens();
				const result = await execute(id);
				expect(simulator.log.map((entry) => `${entry.endpoint} ${entry.status}`)).toEqual([
					'getalldata 401',
					'gettoken 200',
					'getalldata 200',
				]);
				expect(result.output('Hand the rows on')).toHaveLength(3);
				const stored = await n8n.exportCredential(CREDENTIAL_ID);
				expect(stored.sessionToken).toBe(simulator.log[2].query.token);
			});
		});

		describe('3. a file has arrived → run a map with global variables', () => {
			const id = 'scFileArrived001';
			const node = 'Run NIGHTLY FTP IMPORT for that file';

			it("runs NIGHTLY FTP IMPORT with GBL_FILE_NAME set to the file's name", async () => {
				const result = await execute(id);
				expect(result.ranNodes().sort()).toEqual(['Try it: Manual Trigger', 'Sample file event (manual runs)', node].sort());
				expect(endpoints()).toEqual(['gethistoryforprocess', 'runmapwithvariables']);
				expect(JSON.parse(simulator.log[1].body)).toEqual([{ Key: 'GBL_FILE_NAME', Value: 'orders_20260101.csv' }]);
				expect(simulator.runs).toEqual([
					expect.objectContaining({
						mapKey: MAP_KEYS.nightlyFtpImport,
						runNumber: 1500,
						recordCount: 2,
						errorCount: 0,
						variables: [{ Key: 'GBL_FILE_NAME', Value: 'orders_20260101.csv' }],
					}),
				]);
				expect(result.output(node)).toEqual([
					expect.objectContaining({ smartConnect: { status: 'success', runNumber: 1500, mapKey: MAP_KEYS.nightlyFtpImport, sent: true } }),
				]);
			});

			it('second execution: run 1501, no login', async () => {
				const result = await execute(id);
				expect(endpoints()).toEqual(['gethistoryforprocess', 'runmapwithvariables']);
				expect(logins()).toBe(0);
				expect(result.output(node)).toEqual([expect.objectContaining({ smartConnect: expect.objectContaining({ status: 'success', runNumber: 1501 }) })]);
			});
		});

		describe('4. map validation errors → notify finance', () => {
			const id = 'scMapErrorsNote1';
			const node = 'Run IMPORT CUSTOMERS (failed rows to the error output)';

			async function check(expectedRun: number): Promise<void> {
				const result = await execute(id);
				expect(endpoints()).toEqual(['getmapcolumns', 'gethistoryforprocess', 'runmapdatatablewitherrors']);
				expect(logins()).toBe(0);
				expect(simulator.runs).toEqual([
					expect.objectContaining({ mapKey: MAP_KEYS.importCustomers, runNumber: expectedRun, recordCount: 2, errorCount: 1 }),
				]);
				expect(simulator.runs[0].rows).toEqual([
					{ accountnumber: 'C20001', name: 'Lakeside Bakery', email: 'hello@lakeside.example' },
					{ accountnumber: 'C20002', email: 'no-name@example.com' },
				]);
				// The imported row goes on to "Imported", with its status…
				const imported = {
					accountnumber: 'C20001',
					name: 'Lakeside Bakery',
					email: 'hello@lakeside.example',
					smartConnect: { status: 'success', runNumber: expectedRun, mapKey: MAP_KEYS.importCustomers, sent: true },
				};
				expect(result.output('Imported')).toEqual([imported]);
				// …and "Notify finance" says which row SmartConnect rejected, and why.
				expect(result.output('Notify finance')).toEqual([
					{
						to: 'finance@example.com',
						subject: 'SmartConnect did not import customer C20002',
						text: `Map run ${expectedRun} rejected customer C20002: name is required.`,
					},
				]);
				// The rejected row leaves by the node's error output, merged with its input item, on 1.x and 2.x:
				// one setting (On Error: Continue (using error output)), nothing in the node's parameters.
				expect(result.output(node, 0)).toEqual([imported]);
				expect(result.output(node, 1)).toEqual([
					{
						accountnumber: 'C20002',
						email: 'no-name@example.com',
						message: 'name is required.',
						error: { message: 'name is required.', status: 'failed', sent: true, runNumber: expectedRun, mapKey: MAP_KEYS.importCustomers },
					},
				]);
			}

			// IMPORT CUSTOMERS already ran twice in example 1 (runs 12 and 13).
			it('routes the rejected row to "Notify finance"; the workflow itself succeeds', async () => {
				await check(14);
			});

			it('second execution: the same routing, run 15, no login', async () => {
				await check(15);
			});
		});

		/** Nothing secret in what n8n printed: the run JSON (stdout) and its log (stderr). */
		function expectNoSecrets(result: ExecuteResult, secrets: Record<string, string>): void {
			const printed = `${result.stdout}\n${result.stderr}`;
			for (const [what, secret] of Object.entries(secrets)) {
				expect(secret.length).toBeGreaterThan(5);
				expect({ what, printed: printed.includes(secret) }).toEqual({ what, printed: false });
			}
		}

		describe('6. on-premise server (Basic) → list its maps, run one by Map ID with a data table', () => {
			const id = 'scOnPremRunMap06';
			const node = 'Run IMPORT CUSTOMERS on the server';
			const basic = `Basic ${Buffer.from(`${ON_PREM_USER}:${ON_PREM_PASSWORD}`).toString('base64')}`;
			const rows = [
				{ accountnumber: 'C30001', name: 'Riverside Hardware', email: 'orders@riverside.example' },
				{ accountnumber: 'C30002', email: 'no-name@example.com' },
				{ accountnumber: 'C30003', name: 'Müller & Töchter', email: 'info@mueller.example' },
			];

			beforeAll(() => {
				simulator.resetOnPrem();
				simulator.onPrem.auth = 'basic';
			});
			afterAll(() => simulator.resetOnPrem());

			async function check(): Promise<number> {
				const result = await execute(id);
				expect(result.ranNodes().sort()).toEqual(
					['Try it: Manual Trigger', "List the server's maps", 'Sample rows (manual runs)', 'One item per row', node, 'Imported', 'Rejected rows'].sort(),
				);
				// Only SmartConnect.svc, every request with the credential's user as Basic; no token of any kind.
				expect(simulator.log.map((entry) => entry.path.split('/').slice(0, 2).join('/')).every((p) => p === '/SmartConnect.svc')).toBe(true);
				expect(simulator.log.map((entry) => [entry.endpoint, entry.status, entry.headers.authorization])).toEqual(
					expect.arrayContaining([
						['getmaplist', 200, basic],
						['runmapdatatable', 200, basic],
					]),
				);
				expect(simulator.log.filter((entry) => entry.endpoint === 'runmapdatatable')).toHaveLength(1);
				expect(simulator.log.every((entry) => entry.headers.authorization === basic && entry.status === 200)).toBe(true);
				const [runRequest] = simulator.log.filter((entry) => entry.endpoint === 'runmapdatatable');
				expect(runRequest.path).toBe('/SmartConnect.svc/runmapdatatable/IMPORT%20CUSTOMERS');
				expect(runRequest.headers['content-type']).toBe('text/xml');

				// The server's maps, by Map ID.
				expect(result.output("List the server's maps")).toEqual(
					simulator
						.mapsFor()
						.filter((map) => !map.realTime)
						.map((map) => ({ mapKey: map.mapId, mapId: map.mapId, description: map.description })),
				);

				// One run with the three rows; SmartConnect rejected the one without a name.
				expect(simulator.runs).toEqual([expect.objectContaining({ mapKey: MAP_KEYS.importCustomers, recordCount: 3, errorCount: 1, rows })]);
				const runNumber = simulator.runs[0].runNumber;
				const status = { status: 'success', runNumber, mapKey: 'IMPORT CUSTOMERS', sent: true };
				expect(result.output(node, 0)).toEqual([
					{ ...rows[0], smartConnect: status },
					{ ...rows[2], smartConnect: status },
				]);
				expect(result.pairedItems(node, 0)).toEqual([0, 2]);
				expect(result.output(node, 1)).toEqual([
					{
						...rows[1],
						message: 'name is required.',
						error: { message: 'name is required.', status: 'failed', sent: true, runNumber, mapKey: 'IMPORT CUSTOMERS' },
					},
				]);
				expect(result.pairedItems(node, 1)).toEqual([1]);
				// The next nodes resolve $('One item per row').item through those pairings.
				expect(result.output('Imported')).toEqual([
					{ customer: 'C30001', runNumber, status: 'success' },
					{ customer: 'C30003', runNumber, status: 'success' },
				]);
				expect(result.output('Rejected rows')).toEqual([
					{ customer: 'C30002', text: `Map run ${runNumber} on the server rejected customer C30002: name is required.` },
				]);
				expectNoSecrets(result, { password: ON_PREM_PASSWORD, 'Basic header': basic.slice('Basic '.length) });
				return runNumber;
			}

			let firstRun = 0;

			it('first execution: the map list and one data-table run, each row routed by its status, paired with its input row', async () => {
				firstRun = await check();
			});

			it('second execution: the same, the next run number', async () => {
				expect(await check()).toBe(firstRun + 1);
			});
		});

		describe('7. REST API (OAuth2) → run an integration with variables, once per county', () => {
			const id = 'scRestApiRunInt7';
			const node = 'Run CUSTOMERS BY COUNTY for the county';
			const tokenRequests = () => simulator.log.filter((entry) => entry.endpoint === 'token');
			const grants = () => tokenRequests().map((entry) => `${new URLSearchParams(entry.body).get('grant_type')} ${entry.status}`);
			const runRequests = () => simulator.log.filter((entry) => entry.endpoint === 'run-integration');
			const stored = async () => (await n8n.exportCredential(REST_API_CREDENTIAL.id)) as { accessToken: string; refreshToken: string };

			async function check(): Promise<{ result: ExecuteResult; runNumbers: number[] }> {
				const result = await execute(id);
				expect(result.ranNodes().sort()).toEqual(
					['Try it: Manual Trigger', 'Counties to refresh', 'One item per county', node, 'Report per county'].sort(),
				);
				// The runs that reached SmartConnect: one per county, with its variable.
				expect(simulator.runs.map((run) => [run.mapKey, run.variables])).toEqual([
					[MAP_KEYS.customersByCounty, [{ Key: 'GBL_COUNTY', Value: 'GA' }]],
					[MAP_KEYS.customersByCounty, [{ Key: 'GBL_COUNTY', Value: 'FL' }]],
				]);
				const accepted = runRequests().filter((entry) => entry.status === 200);
				expect(accepted.map((entry) => [entry.path, entry.query, JSON.parse(entry.body)])).toEqual(
					['GA', 'FL'].map((county) => [
						`/v1/run-integration/${MAP_KEYS.customersByCounty}`,
						{ returnErrors: 'true' },
						{ Variables: [{ Name: 'GBL_COUNTY', Value: county }] },
					]),
				);
				const runNumbers = simulator.runs.map((run) => run.runNumber);
				expect(runNumbers[1]).toBe(runNumbers[0] + 1);
				// Each county goes on with its run, paired with its input item.
				expect(result.output(node)).toEqual(
					['GA', 'FL'].map((county, i) => ({
						county,
						smartConnect: { status: 'success', runNumber: runNumbers[i], mapKey: MAP_KEYS.customersByCounty, sent: true },
					})),
				);
				expect(result.pairedItems(node)).toEqual([0, 1]);
				expect(result.output('Report per county')).toEqual([
					{ county: 'GA', runNumber: runNumbers[0], status: 'success' },
					{ county: 'FL', runNumber: runNumbers[1], status: 'success' },
				]);
				// The access token n8n keeps in the credential is the one the accepted runs carried.
				const tokens = await stored();
				expect(accepted.map((entry) => entry.headers.authorization)).toEqual([`Bearer ${tokens.accessToken}`, `Bearer ${tokens.accessToken}`]);
				expectNoSecrets(result, {
					password: simulator.oauth.password,
					'client secret': simulator.oauth.clientSecret,
					'access token': tokens.accessToken,
					'refresh token': tokens.refreshToken,
				});
				return { result, runNumbers };
			}

			it('first execution: one password grant, both runs with the token n8n stored in the credential', async () => {
				await check();
				expect(grants()).toEqual(['password 200']);
				const [login] = tokenRequests();
				expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
				expect(Object.fromEntries(new URLSearchParams(login.body))).toEqual({
					grant_type: 'password',
					username: simulator.oauth.username,
					password: simulator.oauth.password,
					client_id: simulator.oauth.clientId,
					client_secret: simulator.oauth.clientSecret,
				});
				const tokens = await stored();
				expect(tokens.refreshToken).not.toBe('');
				expect(runRequests().map((entry) => entry.status)).toEqual([200, 200]);
			});

			it('second execution: the stored access token, no token request', async () => {
				const before = await stored();
				await check();
				expect(tokenRequests()).toHaveLength(0);
				expect(runRequests().map((entry) => entry.status)).toEqual([200, 200]);
				expect(await stored()).toEqual(expect.objectContaining({ accessToken: before.accessToken, refreshToken: before.refreshToken }));
			});

			it('an expired access token: refused once, one refresh_token grant, the run sent again once, new tokens stored', async () => {
				const before = await stored();
				simulator.oauthTokens.expireAccess();
				simulator.clearLog();
				await check();
				expect(grants()).toEqual(['refresh_token 200']);
				expect(new URLSearchParams(tokenRequests()[0].body).get('refresh_token')).toBe(before.refreshToken);
				expect(runRequests().map((entry) => entry.status)).toEqual([401, 200, 200]);
				expect(runRequests()[0].headers.authorization).toBe(`Bearer ${before.accessToken}`);
				const after = await stored();
				expect(after.accessToken).not.toBe(before.accessToken);
				expect(after.refreshToken).not.toBe(before.refreshToken);
			});

			it('an expired refresh token too: the refresh is refused, one password grant, the run sent again once', async () => {
				simulator.oauthTokens.expireAccess();
				simulator.oauthTokens.expireRefresh();
				simulator.clearLog();
				await check();
				expect(grants()).toEqual(['refresh_token 400', 'password 200']);
				expect(runRequests().map((entry) => entry.status)).toEqual([401, 200, 200]);
			});
		});
	});
}
