/**
 * The on-premise SmartConnect server (SmartConnect.svc, credential `smartConnectOnPremApi`) through
 * n8n's real engine against the simulator's on-premise mode on 127.0.0.1: every operation the
 * server offers, anonymous and Basic access, and each documented security refusal. Assertions are
 * on what the node outputs and on what the server received (path, verb, headers, body, runs).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { SmartConnectOnPremApi } from '../../credentials/SmartConnectOnPremApi.credentials';
import { ON_PREM_PASSWORD, ON_PREM_USER, SmartConnectSimulator, type OnPremMethod, type RequestLogEntry } from '../simulator';
import { TestCredentialsHelper, type RunResult } from '../helpers/engine';
import { runWithService } from '../helpers/services';
import { loadOptionsContext } from '../helpers/load-options';
import { useSimulator } from '../helpers/simulator-suite';
import { SmartConnect } from '../../nodes/SmartConnect/SmartConnect.node';

const sim = useSimulator();
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
	simulator.resetOnPrem();
});

const CREDENTIAL = 'smartConnectOnPremApi';
const byId = (value: string) => ({ __rl: true, mode: 'mapId', value });

function onPremCredentials(data: IDataObject = {}): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	(helper.types as Record<string, unknown>)[CREDENTIAL] = new SmartConnectOnPremApi();
	helper.store['onprem-1'] = { serverUrl: `${simulator.onPremUrl}/`, authentication: 'none', ...data };
	return helper;
}

function basicCredentials(password = ON_PREM_PASSWORD): TestCredentialsHelper {
	return onPremCredentials({ authentication: 'basic', user: ON_PREM_USER, password });
}

async function run(
	helper: TestCredentialsHelper,
	parameters: IDataObject,
	input: IDataObject[] = [{}],
	extra: Partial<INode> = {},
): Promise<RunResult> {
	return await runWithService(helper, { type: CREDENTIAL, id: 'onprem-1', name: 'SmartConnect server' }, parameters, input, extra);
}

const json = (result: RunResult) => result.output().map((item) => item.json);

/**
 * The one request of `method`, and that nothing else was sent. A data run may first read the map's
 * columns (getmapcolumns, to hint at input fields that are not columns): a read, allowed once.
 */
function only(method: OnPremMethod): RequestLogEntry {
	const entries = simulator.log.filter((entry) => entry.endpoint === method);
	expect(entries).toHaveLength(1);
	const others = simulator.log.filter((entry) => entry.endpoint !== method);
	expect(others.filter((entry) => entry.endpoint !== 'getmapcolumns' || entry.method !== 'GET')).toEqual([]);
	expect(others.length).toBeLessThanOrEqual(1);
	return entries[0];
}

function errorOf(result: RunResult): NonNullable<RunResult['error']> {
	if (!result.error) throw new Error(`expected an error, got ${JSON.stringify(json(result))}`);
	return result.error;
}

const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Map › Get Many (getmaplist)', () => {
	it('anonymous: GET getmaplist asking for JSON, no Authorization header; the Map ID is the map key', async () => {
		const result = await run(onPremCredentials(), { resource: 'map', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		const expected = simulator
			.mapsFor()
			.filter((map) => !map.realTime)
			.map((map) => ({ mapKey: map.mapId, mapId: map.mapId, description: map.description }));
		expect(json(result)).toEqual(expected);
		const request = only('getmaplist');
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/SmartConnect.svc/getmaplist');
		expect(request.query).toEqual({});
		expect(request.headers.accept).toBe('application/json');
		expect(request.headers.authorization).toBeUndefined();
		expect(simulator.count('gettoken')).toBe(0);
	});

	it('a plain http:// Server URL gets one hint for the credential over several items; Plain HTTP on a Trusted Network silences it', async () => {
		const plainHttp = (result: RunResult) =>
			(result.run.data.resultData.runData.SmartConnect[0].hints ?? []).filter((hint) => /plain http:\/\//.test(hint.message));
		const warned = await run(onPremCredentials(), { resource: 'map', operation: 'getMany', returnAll: true }, [{}, {}, {}]);
		expect(warned.error).toBeUndefined();
		expect(plainHttp(warned).map((hint) => hint.message)).toEqual([
			expect.stringMatching(/^The Server URL of credential "SmartConnect server" uses plain http:\/\/.*'Plain HTTP on a Trusted Network'/),
		]);
		const trusted = await run(onPremCredentials({ trustedNetwork: true }), { resource: 'map', operation: 'getMany', returnAll: true }, [{}, {}, {}]);
		expect(trusted.error).toBeUndefined();
		expect(json(trusted)).toEqual(json(warned));
		expect(plainHttp(trusted)).toEqual([]);
	});

	it('Extender Map Type asks getmaplist?type= for the Extender maps', async () => {
		const result = await run(onPremCredentials(), { resource: 'map', operation: 'getMany', returnAll: true, filters: { extenderType: '2' } });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([{ mapKey: 'EXT_CUSTOMER', mapId: 'EXT_CUSTOMER', description: 'Extender customer window' }]);
		expect(only('getmaplist').query).toEqual({ type: '2' });
	});

	it('Basic: sends DOMAIN\\user and password as Basic authentication', async () => {
		simulator.onPrem.auth = 'basic';
		const result = await run(basicCredentials(), { resource: 'map', operation: 'getMany', returnAll: false, limit: 1 });
		expect(result.error).toBeUndefined();
		expect(json(result)).toHaveLength(1);
		expect(only('getmaplist').headers.authorization).toBe(basicHeader(ON_PREM_USER, ON_PREM_PASSWORD));
	});

	it('Basic with a wrong password: one request, an error that says what to check, no password in it', async () => {
		simulator.onPrem.auth = 'basic';
		const result = await run(basicCredentials('wrong-Passw0rd'), { resource: 'map', operation: 'getMany', returnAll: true });
		const error = errorOf(result);
		expect(error.message).toBe('The server refused the user of credential "SmartConnect server" (HTTP 401)');
		expect(error.description).toContain('User Name (DOMAIN\\user) and Password');
		expect(error.description).toContain('NTLM/Negotiate');
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain('wrong-Passw0rd');
		expect(only('getmaplist').status).toBe(401);
	});

	it('an anonymous credential against a server that wants a user gets the same error, once', async () => {
		simulator.onPrem.auth = 'basic';
		const result = await run(onPremCredentials(), { resource: 'map', operation: 'getMany', returnAll: true });
		expect(errorOf(result).message).toContain('refused the user');
		expect(simulator.log).toHaveLength(1);
	});
});

describe('Map › Get Columns', () => {
	it('GET getmapcolumns/{Map ID}, percent-encoded, one item per column', async () => {
		const result = await run(onPremCredentials(), { resource: 'map', operation: 'getColumns', map: byId('IMPORT CUSTOMERS') });
		expect(result.error).toBeUndefined();
		const map = simulator.mapsFor().find((m) => m.mapId === 'IMPORT CUSTOMERS');
		expect(json(result)).toEqual(
			map?.columns.map((column) => ({ mapKey: 'IMPORT CUSTOMERS', columnName: column.ColumnName, isRequired: column.IsRequired })),
		);
		const request = only('getmapcolumns');
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/SmartConnect.svc/getmapcolumns/IMPORT%20CUSTOMERS');
		expect(request.query).toEqual({});
	});

	it('an empty Map ID is refused before anything is sent, naming the item and the field', async () => {
		const result = await run(onPremCredentials(), { resource: 'map', operation: 'getColumns', map: byId('  ') });
		const error = errorOf(result);
		expect(error.message).toBe('The map ID "  " is empty or too long [item 1]');
		expect(error.description).toContain("Parameter 'Map'");
		expect(simulator.log).toHaveLength(0);
	});
});

describe('Map Run', () => {
	it('Run: runmap/{Map ID} as a GET, the input item with its status, as on SmartConnect.com', async () => {
		const result = await run(onPremCredentials(), { resource: 'mapRun', operation: 'run', map: byId('IMPORT CUSTOMERS') }, [{ id: 7 }]);
		expect(result.error).toBeUndefined();
		expect(simulator.runs).toHaveLength(1);
		const { runNumber } = simulator.runs[0];
		expect(json(result)).toEqual([{ id: 7, smartConnect: { status: 'success', runNumber, mapKey: 'IMPORT CUSTOMERS', sent: true } }]);
		expect(result.output().map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(only('runmap').method).toBe('GET');
	});

	it('Run with Output › Run Summary: the run result in the same shape as SmartConnect.com', async () => {
		const result = await run(onPremCredentials(), {
			resource: 'mapRun',
			operation: 'run',
			map: byId('IMPORT CUSTOMERS'),
			options: { output: 'summary' },
		});
		expect(result.error).toBeUndefined();
		expect(simulator.runs).toHaveLength(1);
		const { runNumber } = simulator.runs[0];
		expect(json(result)).toEqual([
			{
				status: 'success',
				mapKey: 'IMPORT CUSTOMERS',
				mapId: 'IMPORT CUSTOMERS',
				description: 'Customers to Business Central',
				runNumber,
				recordCount: 3,
				errorCount: 0,
				errorMessage: '',
				failedRows: [],
				inputItems: [0],
			},
		]);
		const request = only('runmap');
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/SmartConnect.svc/runmap/IMPORT%20CUSTOMERS');
		expect(simulator.runs.map((r) => r.endpoint)).toEqual(['runmap']);
	});

	it('Run With Variables: POST runmap/var/{Map ID} with [{"Key","Value"}] JSON', async () => {
		const result = await run(onPremCredentials(), {
			resource: 'mapRun',
			operation: 'runWithVariables',
			map: byId('CUSTOMERS BY COUNTY'),
			variables: { variable: [{ name: 'GBL_COUNTY', value: 'GA' }] },
			options: { output: 'summary' },
		});
		expect(result.error).toBeUndefined();
		const request = only('runmap/var');
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/SmartConnect.svc/runmap/var/CUSTOMERS%20BY%20COUNTY');
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual([{ Key: 'GBL_COUNTY', Value: 'GA' }]);
		const map = simulator.mapsFor().find((m) => m.mapId === 'CUSTOMERS BY COUNTY');
		const expectedRows = map?.rows.filter((row) => row.County === 'GA') ?? [];
		expect(expectedRows.length).toBeGreaterThan(0);
		expect(json(result)[0].recordCount).toBe(expectedRows.length);
		expect(simulator.runs[0].variables).toEqual([{ Key: 'GBL_COUNTY', Value: 'GA' }]);
	});

	it('Run With Data Table: POST runmapdatatable/{Map ID}, a DataSet with its inline schema as text/xml; failed rows come back', async () => {
		const input = [
			{ accountnumber: 'C1', name: 'First', email: 'a@example.com' },
			{ accountnumber: 'C2', email: 'no-name@example.com' },
		];
		const result = await run(
			onPremCredentials(),
			{
				resource: 'mapRun',
				operation: 'runWithDataTable',
				map: byId('IMPORT CUSTOMERS'),
				options: { output: 'summary', stopOnRejectedRows: false },
			},
			input,
		);
		expect(result.error).toBeUndefined();
		const request = only('runmapdatatable');
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/SmartConnect.svc/runmapdatatable/IMPORT%20CUSTOMERS');
		expect(request.headers['content-type']).toBe('text/xml');
		expect(request.body.startsWith('<NewDataSet><xs:schema id="NewDataSet"')).toBe(true);
		expect(request.body).toContain('<xs:element name="accountnumber" type="xs:string" minOccurs="0" />');
		expect(simulator.runs[0].rows).toEqual(input);
		const [out] = json(result);
		expect(out).toMatchObject({ status: 'failed', recordCount: 2, errorCount: 1, rowsSent: 2 });
		// The failed row as the server's Errors table lists it: the map's columns, the missing name null.
		expect(out.failedRows).toEqual([
			expect.objectContaining({ accountnumber: 'C2', email: 'no-name@example.com', name: null, error: expect.any(String) }),
		]);
	});

	it('Run With Data Table with global variables stops before sending: the server takes the table only', async () => {
		const result = await run(
			onPremCredentials(),
			{
				resource: 'mapRun',
				operation: 'runWithDataTable',
				map: byId('IMPORT CUSTOMERS'),
				options: { variables: { variable: [{ name: 'GBL_X', value: '1' }] } },
			},
			[{ accountnumber: 'C1', name: 'First' }],
		);
		expect(errorOf(result).message).toContain('Global variables cannot be sent to the on-premise server with runmapdatatable');
		expect(simulator.log).toHaveLength(0);
	});

	it('Run With XML: POST runmapxml/{Map ID} with the document itself, no envelope', async () => {
		const xml = '<DataSet><Table><accountnumber>C9</accountnumber><name>Nine</name></Table></DataSet>';
		const result = await run(onPremCredentials(), {
			resource: 'mapRun',
			operation: 'runWithXml',
			map: byId('IMPORT CUSTOMERS'),
			xmlSource: 'field',
			xml,
			options: { output: 'summary' },
		});
		expect(result.error).toBeUndefined();
		const request = only('runmapxml');
		expect(request.path).toBe('/SmartConnect.svc/runmapxml/IMPORT%20CUSTOMERS');
		expect(request.headers['content-type']).toBe('text/xml');
		expect(request.body).toBe(xml);
		expect(simulator.runs[0].rows).toEqual([{ accountnumber: 'C9', name: 'Nine' }]);
		expect(json(result)[0]).toMatchObject({ status: 'success', recordCount: 1 });
	});

	it('Run With XML built from items: a plain DataSet document', async () => {
		const input = [{ accountnumber: 'C5', name: 'Five' }];
		const result = await run(
			onPremCredentials(),
			{ resource: 'mapRun', operation: 'runWithXml', map: byId('IMPORT CUSTOMERS'), xmlSource: 'items' },
			input,
		);
		expect(result.error).toBeUndefined();
		expect(only('runmapxml').body).toBe('<DataSet><Table><accountnumber>C5</accountnumber><name>Five</name></Table></DataSet>');
		expect(simulator.runs[0].rows).toEqual(input);
	});

	it('Run and Get XML Output from items: POST getmapxml/datatable/{Map ID}; the output documents come back as outputXml', async () => {
		const input = [{ accountnumber: 'C7', name: 'Seven' }];
		const result = await run(
			onPremCredentials(),
			{
				resource: 'mapRun',
				operation: 'getMapXml',
				map: byId('IMPORT CUSTOMERS'),
				mapXmlInput: 'dataTable',
				options: { output: 'summary' },
			},
			input,
		);
		expect(result.error).toBeUndefined();
		const request = only('getmapxml/datatable');
		expect(request.path).toBe('/SmartConnect.svc/getmapxml/datatable/IMPORT%20CUSTOMERS');
		expect(request.body.startsWith('<NewDataSet><xs:schema')).toBe(true);
		const [out] = json(result);
		expect(out).toMatchObject({ status: 'success', recordCount: 1, mapId: 'IMPORT CUSTOMERS' });
		expect(out.outputXml).toEqual(['<Output><IMPORT_CUSTOMERS><accountnumber>C7</accountnumber><name>Seven</name></IMPORT_CUSTOMERS></Output>']);
	});

	it('Run and Get XML Output with variables: POST getmapxml/var/{Map ID}, one run per item; each item carries its documents', async () => {
		const result = await run(
			onPremCredentials(),
			{
				resource: 'mapRun',
				operation: 'getMapXml',
				map: byId('CUSTOMERS BY COUNTY'),
				mapXmlInput: 'variables',
				variables: { variable: [{ name: 'GBL_COUNTY', value: '={{ $json.county }}' }] },
			},
			[{ county: 'GA' }, { county: 'FL' }],
		);
		expect(result.error).toBeUndefined();
		const requests = simulator.log.filter((entry) => entry.endpoint === 'getmapxml/var');
		expect(requests.map((r) => JSON.parse(r.body))).toEqual([[{ Key: 'GBL_COUNTY', Value: 'GA' }], [{ Key: 'GBL_COUNTY', Value: 'FL' }]]);
		const outputs = json(result);
		expect(outputs).toHaveLength(2);
		for (const out of outputs) {
			expect(out).toMatchObject({ smartConnect: { status: 'success', sent: true } });
			expect(Array.isArray((out.smartConnect as IDataObject).outputXml)).toBe(true);
		}
		expect(result.output().map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('security refusals: each says what to change, nothing is resent', () => {
	const runMap = { resource: 'mapRun', operation: 'run', map: byId('IMPORT CUSTOMERS') };

	it.each([
		['web.config switch', (s: SmartConnectSimulator) => s.onPrem.disabledOnServer.push('runmap'), 'The SmartConnect server has this operation switched off', "web.config"],
		['SmartConnect switch', (s: SmartConnectSimulator) => s.onPrem.disabledInSmartConnect.push('runmap'), 'SmartConnect has this operation switched off', 'Request Security'],
		['specific users', (s: SmartConnectSimulator) => (s.onPrem.allowedUsers.runmap = ['GP\\someone-else']), 'SmartConnect refused the user for this operation', 'DOMAIN\\user'],
		['IP filter', (s: SmartConnectSimulator) => (s.onPrem.ipFilterRefuses = true), "SmartConnect refused the n8n host's IP address", 'IP filter'],
		['time filter', (s: SmartConnectSimulator) => (s.onPrem.timeFilterRefuses = true), 'SmartConnect refused the request at this time', 'time filter'],
	])('%s: one request, the map did not run, the error names the setting', async (_name, configure, message, hint) => {
		configure(simulator);
		const result = await run(onPremCredentials(), runMap);
		const error = errorOf(result);
		expect(error.message).toBe(message);
		expect(error.description).toContain(hint);
		expect(error.description).toContain('Not sent: item 1');
		expect(only('runmap').status).toBe(400);
		expect(simulator.runs).toHaveLength(0);
	});

	it('an unknown Map ID: "map is unavailable or does not exist", with what to check', async () => {
		const result = await run(onPremCredentials(), { ...runMap, map: byId('NO SUCH MAP') });
		const error = errorOf(result);
		expect(error.message).toBe('The map is unavailable or does not exist');
		expect(error.description).toContain('check the Map ID');
		expect(only('runmap').path).toBe('/SmartConnect.svc/runmap/NO%20SUCH%20MAP');
	});

	it('a real-time map is refused with the documented reason', async () => {
		const result = await run(onPremCredentials(), { ...runMap, map: byId('WEBHOOK ORDERS') });
		const error = errorOf(result);
		expect(error.message).toBe('SmartConnect does not run real-time maps through its web service');
		expect(simulator.runs).toHaveLength(0);
		expect(simulator.log).toHaveLength(1);
	});

	it('a refusal answered with HTTP 500 on a read is recognised, not retried', async () => {
		simulator.onPrem.refusalStatus = 500;
		simulator.onPrem.disabledOnServer.push('getmaplist');
		const result = await run(onPremCredentials(), { resource: 'map', operation: 'getMany', returnAll: true });
		expect(errorOf(result).message).toBe('The SmartConnect server has this operation switched off');
		expect(only('getmaplist').status).toBe(500);
	});

	it('with Continue On Fail a refused item becomes an error item marked as not sent', async () => {
		simulator.onPrem.timeFilterRefuses = true;
		const result = await run(onPremCredentials(), runMap, [{}], { continueOnFail: true });
		expect(result.error).toBeUndefined();
		const items = json(result);
		expect(items).toHaveLength(1);
		expect(items[0].smartConnect).toMatchObject({ status: 'not sent', sent: false, error: 'SmartConnect refused the request at this time' });
		expect(simulator.runs).toHaveLength(0);
	});

	it('a run whose answer is lost (HTTP 500 without a refusal) is never resent', async () => {
		simulator.inject({ endpoint: 'runmap', fault: { kind: 'status', status: 500 }, afterAction: true });
		const result = await run(onPremCredentials(), runMap);
		const error = errorOf(result);
		expect(error.description).toContain('The map may have run');
		expect(simulator.count('runmap')).toBe(1);
		expect(simulator.runs).toHaveLength(1);
	});
});

describe('the credential', () => {
	/** The credential's test request as n8n's tester builds it: baseURL joined to url, then `authenticate`. */
	async function sendTestRequest(data: ICredentialDataDecryptedObject): Promise<number> {
		const credential = new SmartConnectOnPremApi();
		const request = credential.test.request;
		expect(request.baseURL).toBe('={{$credentials.serverUrl}}');
		const authenticated = await credential.authenticate(data, { url: request.url ?? '', method: request.method, headers: request.headers });
		const headers: Record<string, string> = { ...(authenticated.headers as Record<string, string>) };
		if (authenticated.auth) headers.authorization = basicHeader(authenticated.auth.username, authenticated.auth.password);
		const response = await fetch(`${String(data.serverUrl).replace(/\/+$/, '')}${authenticated.url}`, { method: authenticated.method, headers });
		return response.status;
	}

	it('Test calls getmaplist; Basic sends the user only when chosen', async () => {
		simulator.onPrem.auth = 'basic';
		expect(await sendTestRequest({ serverUrl: simulator.onPremUrl, authentication: 'basic', user: ON_PREM_USER, password: ON_PREM_PASSWORD })).toBe(200);
		expect(await sendTestRequest({ serverUrl: simulator.onPremUrl, authentication: 'basic', user: ON_PREM_USER, password: 'wrong' })).toBe(401);
		expect(await sendTestRequest({ serverUrl: simulator.onPremUrl, authentication: 'none', user: ON_PREM_USER, password: ON_PREM_PASSWORD })).toBe(401);
		expect(simulator.log.map((entry) => [entry.method, entry.path])).toEqual(
			Array.from({ length: 3 }, () => ['GET', '/SmartConnect.svc/getmaplist']),
		);
		expect(simulator.log.map((entry) => entry.headers.accept)).toEqual(['application/json', 'application/json', 'application/json']);
	});
});

describe('the editor: map locator and resource mapper with Map IDs', () => {
	const node = new SmartConnect();
	const context = (helper: TestCredentialsHelper, parameters: IDataObject, path: string) =>
		loadOptionsContext(helper, {
			parameters: { authentication: CREDENTIAL, ...parameters } as never,
			path,
			credentials: { [CREDENTIAL]: { id: 'onprem-1', name: 'SmartConnect server' } },
		});

	it('From List lists the server\'s maps by Map ID', async () => {
		const result = await node.methods.listSearch.searchMaps.call(
			context(onPremCredentials(), { resource: 'map', operation: 'getColumns' }, 'parameters.map'),
			'customer',
		);
		expect(result.results).toEqual([
			{ name: 'CUSTOMERS BY COUNTY — Customers filtered by GBL_COUNTY', value: 'CUSTOMERS BY COUNTY' },
			{ name: 'IMPORT CUSTOMERS — Customers to Business Central', value: 'IMPORT CUSTOMERS' },
		]);
		expect(only('getmaplist').path).toBe('/SmartConnect.svc/getmaplist');
	});

	it('the Columns mapper reads getmapcolumns/{Map ID}', async () => {
		const result = await node.methods.resourceMapping.getMapColumns.call(
			context(onPremCredentials(), { resource: 'mapRun', operation: 'runWithDataTable', map: byId('PURCHASE JOURNAL') }, 'parameters.columns'),
		);
		const map = simulator.mapsFor().find((m) => m.mapId === 'PURCHASE JOURNAL');
		expect(result.fields.map((field) => [field.id, field.required])).toEqual(map?.columns.map((c) => [c.ColumnName, c.IsRequired]));
		expect(only('getmapcolumns').path).toBe('/SmartConnect.svc/getmapcolumns/PURCHASE%20JOURNAL');
	});

	it('offers only the operations the server has', () => {
		const properties = node.description.properties;
		const shown = (name: string, resource: string) =>
			properties
				.filter((p) => p.name === name && p.displayOptions?.show?.authentication?.includes(CREDENTIAL))
				.filter((p) => name === 'resource' || p.displayOptions?.show?.resource?.includes(resource))
				.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
		expect(shown('resource', '')).toEqual(['map', 'mapRun']);
		expect(shown('operation', 'map')).toEqual(['getColumns', 'getMany']);
		expect(shown('operation', 'mapRun')).toEqual(['run', 'getMapXml', 'runWithDataTable', 'runWithVariables', 'runWithXml']);
		// Every SmartConnect.com selector is hidden for the other services.
		for (const p of properties.filter((p) => (p.name === 'resource' || p.name === 'operation') && !p.displayOptions?.show?.authentication)) {
			expect(p.displayOptions?.hide?.authentication).toEqual([CREDENTIAL, 'smartConnectOAuth2Api']);
		}
		expect(node.description.credentials).toEqual([
			// Shown for its own Authentication value (the default), so n8n's editor picks its type.
			{ name: 'smartConnectApi', required: true, displayOptions: { show: { authentication: ['smartConnectApi'] } } },
			{ name: CREDENTIAL, required: true, displayOptions: { show: { authentication: [CREDENTIAL] } } },
			{ name: 'smartConnectOAuth2Api', required: true, displayOptions: { show: { authentication: ['smartConnectOAuth2Api'] } } },
		]);
	});
});
