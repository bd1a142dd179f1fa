/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The example workflows in real n8n: the package installed as a community package, the
 * credential and examples imported with n8n's CLI, each example executed twice with
 * `n8n execute --id` against the SmartConnect simulator. Asserts n8n's output JSON and what
 * SmartConnect received (logins, tokens, runs, request bodies).
 */
import { MAP_KEYS, SmartConnectSimulator } from '../test/simulator';
import {
	CREDENTIAL_ID,
	exampleFiles,
	n8nInstall,
	N8nUserFolder,
	removePackedPackage,
	simulatorCredential,
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
			await n8n.importCredentials([simulatorCredential(simulator)]);
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
				expect(endpoints()).toEqual(['gettoken', 'getmapcolumns', 'runmapdatatablewitherrors']);
				// GetMapColumns: Map Automatically checks the items' fields against the map's columns (a hint, none here).
				const [login, , runRequest] = simulator.log;
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
				expect(endpoints()).toEqual(['getmapcolumns', 'runmapdatatablewitherrors']);
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
				expect(endpoints()).toEqual(['runmapwithvariables']);
				expect(JSON.parse(simulator.log[0].body)).toEqual([{ Key: 'GBL_FILE_NAME', Value: 'orders_20260101.csv' }]);
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
				expect(endpoints()).toEqual(['runmapwithvariables']);
				expect(logins()).toBe(0);
				expect(result.output(node)).toEqual([expect.objectContaining({ smartConnect: expect.objectContaining({ status: 'success', runNumber: 1501 }) })]);
			});
		});

		describe('4. map validation errors → notify finance', () => {
			const id = 'scMapErrorsNote1';
			const node = 'Run IMPORT CUSTOMERS (failed rows to the error output)';

			async function check(expectedRun: number): Promise<void> {
				const result = await execute(id);
				expect(endpoints()).toEqual(['getmapcolumns', 'runmapdatatablewitherrors']);
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
	});
}
