/**
 * The read operations (Map › Get Many / Get Columns / Get Mapped Columns, Map › Get Source Rows,
 * Map Run › Save Errors) through n8n's real engine against the simulator on 127.0.0.1: what the
 * node outputs (JSON and pairedItem) and what SmartConnect received (endpoint, query, body, headers,
 * number of requests and of logins).
 */
import { WorkflowHasIssuesError } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MAP_KEYS, SmartConnectSimulator, type RequestLogEntry, type SimMap, type SimRow } from '../simulator';
import { demoCredentials } from '../helpers/credentials';
import { useSimulator } from '../helpers/simulator-suite';
import { runNode, type RunResult, type TestCredentialsHelper } from '../helpers/engine';

const sim = useSimulator();
// Each test reads the running simulator through this getter.
let simulator: SmartConnectSimulator;
beforeEach(() => {
	simulator = sim();
});

/** A valid GUID no map has. */
const UNKNOWN_MAP_KEY = '00000000-0000-4000-8000-000000000000';

const byKey = (value: string) => ({ __rl: true, mode: 'mapKey', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

function requestsTo(endpoint: string): RequestLogEntry[] {
	return simulator.log.filter((entry) => entry.endpoint === endpoint);
}

function json(result: RunResult): IDataObject[] {
	return result.output().map((item) => item.json);
}

function paired(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.pairedItem);
}

function seedMap(mapKey: string): SimMap {
	const map = simulator.mapsFor(simulator.demo.companyId).find((m) => m.mapKey === mapKey);
	if (!map) throw new Error(`no seed map ${mapKey}`);
	return map;
}

/** What Map › Get Many should list for the demo company: GetMapList's maps (not real-time), in service order. */
function listedMaps(): IDataObject[] {
	return simulator
		.mapsFor(simulator.demo.companyId)
		.filter((map) => !map.realTime)
		.map((map) => ({ mapKey: map.mapKey, mapId: map.mapId, description: map.description }));
}

function token(helper: TestCredentialsHelper): string {
	return helper.store['cred-1'].sessionToken as string;
}

/** The error the workflow stopped with, or a failure naming what came out instead. */
function errorOf(result: RunResult): NonNullable<RunResult['error']> {
	if (!result.error) throw new Error(`expected an error, got ${JSON.stringify(json(result))}`);
	return result.error;
}

// ------------------------------------------------------------------------------------ Map › Get Many

describe('Map › Get Many', () => {
	const getMany = { resource: 'map', operation: 'getMany' };

	it('Return All lists exactly the demo company\'s maps that are not real-time, with one login and one GetMapList', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: true } });
		expect(result.error).toBeUndefined();
		const expected = listedMaps();
		expect(expected.map((map) => map.mapId)).toEqual(['IMPORT CUSTOMERS', 'PURCHASE JOURNAL', 'CUSTOMERS BY COUNTY', 'NIGHTLY FTP IMPORT']);
		expect(json(result)).toEqual(expected);
		expect(paired(result.output())).toEqual(expected.map(() => ({ item: 0 })));
		// Neither the real-time map nor the other company's map is listed.
		expect(json(result).map((map) => map.mapKey)).not.toContain(MAP_KEYS.realTimeOrders);
		expect(json(result).map((map) => map.mapKey)).not.toContain(MAP_KEYS.otherCompanyVendors);

		expect(simulator.count('gettoken')).toBe(1);
		const [request, ...more] = requestsTo('getmaplist');
		expect(more).toHaveLength(0);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/API/GetMapList');
		expect(request.query).toEqual({ token: token(helper) });
		expect(request.headers.accept).toBe('application/json');
		expect(request.body).toBe('');
		expect(request.status).toBe(200);
	});

	it('Limit 2 returns the first two maps', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: false, limit: 2 } });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual(listedMaps().slice(0, 2));
		expect(paired(result.output())).toEqual([{ item: 0 }, { item: 0 }]);
		expect(simulator.count('getmaplist')).toBe(1);
	});

	it('uses the default limit of 50 when Return All is off and no limit is set', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: false } });
		expect(json(result)).toEqual(listedMaps());
	});

	it.each([
		['customer', ['IMPORT CUSTOMERS', 'CUSTOMERS BY COUNTY']],
		['CUSTOMER', ['IMPORT CUSTOMERS', 'CUSTOMERS BY COUNTY']],
		// Matches the description only ("Customers to Business Central").
		['business CENTRAL', ['IMPORT CUSTOMERS']],
		// Matches the description only ("Import of Purchase Journal") and the ID of another map.
		['journal', ['PURCHASE JOURNAL']],
		['no such map', []],
	])('filter "%s" keeps maps whose ID or description contains it, not case-sensitive', async (name, mapIds) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: true, filters: { name } } });
		expect(result.error).toBeUndefined();
		const needle = name.toLowerCase();
		const expected = listedMaps().filter(
			(map) => String(map.mapId).toLowerCase().includes(needle) || String(map.description).toLowerCase().includes(needle),
		);
		expect(expected.map((map) => map.mapId)).toEqual(mapIds);
		expect(json(result)).toEqual(expected);
		// The filter is applied by the node: SmartConnect gets no filter parameter.
		expect(requestsTo('getmaplist').map((entry) => entry.query)).toEqual([{ token: token(helper) }]);
	});

	it('applies the filter before the limit', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: false, limit: 1, filters: { name: 'county' } } });
		expect(json(result)).toEqual(listedMaps().filter((map) => map.mapId === 'CUSTOMERS BY COUNTY'));
	});

	it('lists once per input item, each list paired to its item, with one login', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: true } }, [{ a: 1 }, { a: 2 }]);
		expect(result.error).toBeUndefined();
		const maps = listedMaps();
		expect(json(result)).toEqual([...maps, ...maps]);
		expect(paired(result.output())).toEqual([...maps.map(() => ({ item: 0 })), ...maps.map(() => ({ item: 1 }))]);
		expect(simulator.count('getmaplist')).toBe(2);
		expect(simulator.count('gettoken')).toBe(1);
		expect(new Set(requestsTo('getmaplist').map((entry) => entry.query.token))).toEqual(new Set([token(helper)]));
	});

	it('reads Limit per item from an expression', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: { ...getMany, returnAll: false, limit: '={{ $json.n }}' } }, [{ n: 1 }, { n: 3 }]);
		expect(result.error).toBeUndefined();
		const maps = listedMaps();
		expect(json(result)).toEqual([maps[0], ...maps.slice(0, 3)]);
		expect(paired(result.output())).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }, { item: 1 }]);
	});
});

// -------------------------------------------------------------------- Map › Get (Mapped) Columns

describe.each([
	['getColumns', 'getmapcolumns', 'GetMapColumns', 'columns'],
	['getMappedColumns', 'getmappedmapcolumns', 'GetMappedMapColumns', 'mappedColumns'],
] as const)('Map › %s', (operation, endpoint, endpointName, seedField) => {
	const parameters = (map: IDataObject) => ({ resource: 'map', operation, map });

	it.each([
		['IMPORT CUSTOMERS', MAP_KEYS.importCustomers],
		['PURCHASE JOURNAL', MAP_KEYS.purchaseJournal],
		['CUSTOMERS BY COUNTY', MAP_KEYS.customersByCounty],
	])('returns { mapKey, columnName, isRequired } for each column of %s', async (_name, mapKey) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: parameters(byKey(mapKey)) });
		expect(result.error).toBeUndefined();
		const expected = seedMap(mapKey)[seedField].map((column) => ({
			mapKey,
			columnName: column.ColumnName,
			isRequired: column.IsRequired,
		}));
		expect(expected.length).toBeGreaterThan(2);
		expect(expected.some((column) => column.isRequired)).toBe(true);
		expect(expected.some((column) => !column.isRequired)).toBe(true);
		expect(json(result)).toEqual(expected);
		expect(paired(result.output())).toEqual(expected.map(() => ({ item: 0 })));

		expect(simulator.count('gettoken')).toBe(1);
		const requests = requestsTo(endpoint);
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe(`/API/${endpointName}`);
		expect(requests[0].query).toEqual({ mapKey, token: token(helper) });
		expect(requests[0].headers.accept).toBe('application/json');
	});

	it('accepts a map chosen from the list', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: parameters(fromList(MAP_KEYS.purchaseJournal)) });
		expect(json(result).map((column) => column.columnName)).toEqual(
			seedMap(MAP_KEYS.purchaseJournal)[seedField].map((column) => column.ColumnName),
		);
		expect(requestsTo(endpoint)[0].query.mapKey).toBe(MAP_KEYS.purchaseJournal);
	});

	it('sends a map key given in braces without them', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: parameters(byKey(` {${MAP_KEYS.importCustomers}} `)) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(endpoint)[0].query.mapKey).toBe(MAP_KEYS.importCustomers);
		expect(json(result)[0]).toMatchObject({ mapKey: MAP_KEYS.importCustomers });
	});

	it.each([
		['a GUID no map has', UNKNOWN_MAP_KEY],
		["another company's map", MAP_KEYS.otherCompanyVendors],
	])('fails with a "blank response" error for %s, after one request', async (_what, mapKey) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: parameters(byKey(mapKey)) });
		const error = errorOf(result);
		expect(error.message).toBe(`SmartConnect ${endpointName} returned a blank response`);
		expect(error.description).toMatch(/map key is unknown or your user has no access to it/);
		expect(result.output()).toEqual([]);
		// A blank answer is not retried.
		expect(requestsTo(endpoint).map((entry) => [entry.query.mapKey, entry.status])).toEqual([[mapKey, 200]]);
	});

	it('rejects a map ID given instead of a key (From List) before sending anything', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: parameters(fromList('IMPORT CUSTOMERS')) });
		const error = errorOf(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('The map key "IMPORT CUSTOMERS" is not a GUID [item 1]');
		expect(error.context?.itemIndex).toBe(0);
		expect(error.description).toMatch(/^Parameter 'Map': /);
		expect(requestsTo(endpoint)).toHaveLength(0);
		expect(simulator.log).toHaveLength(0);
	});

	it('rejects a map ID that an expression produced, naming the item, before sending anything', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(
			helper,
			{ parameters: parameters(byKey('={{ $json.key }}')) },
			[{ key: MAP_KEYS.importCustomers }, { key: 'IMPORT CUSTOMERS' }],
		);
		const error = errorOf(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('The map key "IMPORT CUSTOMERS" is not a GUID [item 2]');
		expect(error.context?.itemIndex).toBe(1);
		expect(error.description).toMatch(/Parameter 'Map'/);
		// Item 0 was read before item 1 failed; nothing was sent for item 1.
		expect(requestsTo(endpoint).map((entry) => entry.query.mapKey)).toEqual([MAP_KEYS.importCustomers]);
	});

	// The node checks the key itself: a `validation` regex would be run by n8n before every
	// execution in a VM with a 250 ms limit, which a busy server can run out of.
	it('refuses a literal By Key value that is not a GUID, naming the item and the field; nothing is sent', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: parameters(byKey('IMPORT CUSTOMERS')) });
		const error = errorOf(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('The map key "IMPORT CUSTOMERS" is not a GUID [item 1]');
		expect(error.description).toMatch(/^Parameter 'Map': /);
		expect(simulator.log).toHaveLength(0);
	});

	it('reads the map key per item from an expression', async () => {
		const helper = demoCredentials(simulator);
		const keys = [MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal, MAP_KEYS.importCustomers];
		const result = await runNode(
			helper,
			{ parameters: parameters(byKey('={{ $json.key }}')) },
			keys.map((key) => ({ key })),
		);
		expect(result.error).toBeUndefined();
		const expected = keys.flatMap((mapKey, item) =>
			seedMap(mapKey)[seedField].map((column) => ({
				json: { mapKey, columnName: column.ColumnName, isRequired: column.IsRequired },
				pairedItem: { item },
			})),
		);
		expect(result.output().map((item) => ({ json: item.json, pairedItem: item.pairedItem }))).toEqual(expected);
		expect(requestsTo(endpoint).map((entry) => entry.query.mapKey)).toEqual(keys);
		expect(simulator.count('gettoken')).toBe(1);
	});
});

// ---------------------------------------------------------------------------- Map › Get Source Rows

describe('Map › Get Source Rows', () => {
	const getAllData = (mapKey: string, extra: IDataObject = {}) => ({
		resource: 'map',
		operation: 'getSourceRows',
		map: byKey(mapKey),
		returnAll: true,
		...extra,
	});
	const GA_BODY = '[{"Key":"GBL_COUNTY","Value":"GA"}]';

	function rowsOf(mapKey: string, keep: (row: SimRow) => boolean = () => true): SimRow[] {
		return seedMap(mapKey).rows.filter(keep);
	}

	it.each([
		['IMPORT CUSTOMERS', MAP_KEYS.importCustomers],
		['PURCHASE JOURNAL', MAP_KEYS.purchaseJournal],
		['NIGHTLY FTP IMPORT', MAP_KEYS.nightlyFtpImport],
	])('returns one item per source row of %s, values as in the source, null for DB nulls', async (_name, mapKey) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(mapKey) });
		expect(result.error).toBeUndefined();
		const rows = rowsOf(mapKey);
		expect(json(result)).toEqual(rows);
		expect(paired(result.output())).toEqual(rows.map(() => ({ item: 0 })));

		expect(simulator.count('gettoken')).toBe(1);
		const requests = requestsTo('getalldata');
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].query).toEqual({ mapKey, token: token(helper) });
		expect(requests[0].headers.accept).toBe('application/xml');
		expect(requests[0].body).toBe('');
		expect(requests[0].headers['content-type']).toBeUndefined();
	});

	it('without Return All, returns the first Limit rows (default 50) of one read', async () => {
		const rows = rowsOf(MAP_KEYS.importCustomers);
		expect(rows.length).toBeGreaterThan(2);
		const limited = await runNode(demoCredentials(simulator), { parameters: getAllData(MAP_KEYS.importCustomers, { returnAll: false, limit: 2 }) });
		expect(limited.error).toBeUndefined();
		expect(json(limited)).toEqual(rows.slice(0, 2));
		const byDefault = await runNode(demoCredentials(simulator), {
			parameters: { resource: 'map', operation: 'getSourceRows', map: byKey(MAP_KEYS.importCustomers) },
		});
		expect(json(byDefault)).toEqual(rows.slice(0, 50));
		expect(requestsTo('getalldata')).toHaveLength(2);
	});

	it('keeps special characters, an empty value and a null apart', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(MAP_KEYS.importCustomers) });
		const rows = json(result);
		expect(rows[1]).toMatchObject({ name: 'Smith & Sons <Wholesale>', phone: null });
		expect(rows[2]).toMatchObject({ name: 'Ünïcødé GmbH', email: '' });
	});

	it.each([
		['Name/Value fields', { specifyVariables: 'keypair', variables: { variable: [{ name: 'GBL_COUNTY', value: 'GA' }] } }],
		['JSON object', { specifyVariables: 'json', variablesJson: '{"GBL_COUNTY":"GA"}' }],
		['JSON Key/Value list', { specifyVariables: 'json', variablesJson: '[{"Key":"GBL_COUNTY","Value":"GA"}]' }],
	])('sends global variables given as %s in the body; only GA rows come back', async (_how, variables) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(MAP_KEYS.customersByCounty, variables) });
		expect(result.error).toBeUndefined();
		const rows = rowsOf(MAP_KEYS.customersByCounty, (row) => row.County === 'GA');
		expect(rows).toHaveLength(3);
		expect(json(result)).toEqual(rows);
		expect(paired(result.output())).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);

		const requests = requestsTo('getalldata');
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toBe(GA_BODY);
		expect(requests[0].headers['content-type']).toBe('application/json');
		expect(requests[0].headers.accept).toBe('application/xml');
		expect(requests[0].query).toEqual({ mapKey: MAP_KEYS.customersByCounty, token: token(helper) });
	});

	it('returns a column whose name has a space ("Account No") under its original name', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(MAP_KEYS.customersByCounty) });
		expect(result.error).toBeUndefined();
		const rows = json(result);
		expect(rows).toHaveLength(7);
		expect(rows.map((row) => row['Account No'])).toEqual(rowsOf(MAP_KEYS.customersByCounty).map((row) => row['Account No']));
		for (const row of rows) expect(Object.keys(row)).not.toContain('Account_x0020_No');
		expect(requestsTo('getalldata')[0].body).toBe('');
	});

	it('reads variables per item: each item gets its own rows', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(
			helper,
			{
				parameters: getAllData(MAP_KEYS.customersByCounty, {
					specifyVariables: 'keypair',
					variables: { variable: [{ name: 'GBL_COUNTY', value: '={{ $json.county }}' }] },
				}),
			},
			[{ county: 'ND' }, { county: 'ID' }],
		);
		expect(result.error).toBeUndefined();
		const nd = rowsOf(MAP_KEYS.customersByCounty, (row) => row.County === 'ND');
		const id = rowsOf(MAP_KEYS.customersByCounty, (row) => row.County === 'ID');
		expect(result.output().map((item) => [item.json, item.pairedItem])).toEqual([
			...nd.map((row) => [row, { item: 0 }]),
			...id.map((row) => [row, { item: 1 }]),
		]);
		expect(requestsTo('getalldata').map((entry) => entry.body)).toEqual([
			'[{"Key":"GBL_COUNTY","Value":"ND"}]',
			'[{"Key":"GBL_COUNTY","Value":"ID"}]',
		]);
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('Simplify off returns one item { mapKey, xml } holding the dataset as SmartConnect sent it', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(MAP_KEYS.importCustomers, { simple: false }) });
		expect(result.error).toBeUndefined();
		// The GetAllData document format of the docs: CRLF lines, <Table01> rows, CDATA values, null = no element.
		const lines = ['<MyDataSet>'];
		for (const row of rowsOf(MAP_KEYS.importCustomers)) {
			lines.push('  <Table01>');
			for (const [column, value] of Object.entries(row)) {
				if (value !== null) lines.push(`    <${column}><![CDATA[${value}]]></${column}>`);
			}
			lines.push('  </Table01>');
		}
		lines.push('</MyDataSet>');
		expect(json(result)).toEqual([{ mapKey: MAP_KEYS.importCustomers, xml: lines.join('\r\n') }]);
		expect(paired(result.output())).toEqual([{ item: 0 }]);
		expect(requestsTo('getalldata')).toHaveLength(1);
	});

	it('sends a variable name without GBL_ exactly as given (and the source is then not filtered)', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, {
			parameters: getAllData(MAP_KEYS.customersByCounty, {
				specifyVariables: 'keypair',
				variables: { variable: [{ name: 'COUNTY', value: 'GA' }] },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo('getalldata').map((entry) => entry.body)).toEqual(['[{"Key":"COUNTY","Value":"GA"}]']);
		expect(json(result)).toEqual(rowsOf(MAP_KEYS.customersByCounty));
		// n8n shows the node's hint in the output pane.
		const hints = (result.run.data.resultData.runData.SmartConnect[0].hints ?? []).filter((hint) => hint.message.includes('GBL_'));
		expect(hints).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/^Global variable "COUNTY" does not start with GBL_.*It was sent as given\.$/) }),
		]);
	});

	// The run's ExecutionMemory remembers that the hint was given, as it does for the plain-http hint.
	it('shows the GBL_ hint once per execution, not once per item', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(
			helper,
			{
				parameters: getAllData(MAP_KEYS.customersByCounty, {
					specifyVariables: 'keypair',
					variables: { variable: [{ name: 'COUNTY', value: 'GA' }] },
				}),
			},
			[{}, {}, {}],
		);
		expect(result.error).toBeUndefined();
		expect(result.output()).toHaveLength(3 * 7);
		const hints = (result.run.data.resultData.runData.SmartConnect[0].hints ?? []).filter((hint) => hint.message.includes('GBL_'));
		expect(hints).toHaveLength(1);
	});

	it('fails with a "blank response" error for a real-time map, whose data GetAllData cannot read', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(MAP_KEYS.realTimeOrders) });
		expect(errorOf(result).message).toBe('SmartConnect GetAllData returned a blank response');
		expect(requestsTo('getalldata').map((entry) => entry.query.mapKey)).toEqual([MAP_KEYS.realTimeOrders]);
	});

	it.each([
		['broken JSON', '{"GBL_COUNTY": '],
		['a JSON number', '42'],
	])('fails for %s in Global Variables (JSON), naming the item and the field, before sending anything', async (_what, variablesJson) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, {
			parameters: getAllData(MAP_KEYS.customersByCounty, { specifyVariables: 'json', variablesJson }),
		});
		const error = errorOf(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^Parameter 'Global Variables \(JSON\)': .* \[item 1\]$/s);
		expect(error.context?.itemIndex).toBe(0);
		expect(simulator.log).toHaveLength(0);
	});

	it('returns no items when the source query returns no rows, and the empty dataset with Simplify off', async () => {
		const helper = demoCredentials(simulator);
		const variables = { specifyVariables: 'json', variablesJson: '{"GBL_COUNTY":"ZZ"}' };
		const rows = await runNode(helper, { parameters: getAllData(MAP_KEYS.customersByCounty, variables) });
		expect(rows.error).toBeUndefined();
		expect(rows.output()).toEqual([]);
		const raw = await runNode(helper, { parameters: getAllData(MAP_KEYS.customersByCounty, { ...variables, simple: false }) });
		expect(json(raw)).toEqual([{ mapKey: MAP_KEYS.customersByCounty, xml: '<MyDataSet />' }]);
		expect(requestsTo('getalldata').map((entry) => entry.body)).toEqual(['[{"Key":"GBL_COUNTY","Value":"ZZ"}]', '[{"Key":"GBL_COUNTY","Value":"ZZ"}]']);
	});

	describe.each([
		// [served form(s), how an unserved route is answered, the requests of a 3-item execution]
		['both', 'http404', ['getalldata 200', 'getalldata 200', 'getalldata 200']],
		['seed', 'http404', ['getalldata 200', 'getalldata 200', 'getalldata 200']],
		['later', 'http404', ['getalldata 404', 'getalldatawithvariables 200', 'getalldatawithvariables 200', 'getalldatawithvariables 200']],
		['later', 'blank', ['getalldata 200', 'getalldatawithvariables 200', 'getalldatawithvariables 200', 'getalldatawithvariables 200']],
	] as const)('with global variables, a service serving the %s form(s) (unknown route: %s)', (served, unknownRoute, expected) => {
		it('sends the documented GetAllData form first, falls back once, keeps the form that answered for the other items', async () => {
			simulator.setOptions({ getAllDataVariables: served, unknownRouteResponse: unknownRoute });
			const helper = demoCredentials(simulator);
			const counties = ['GA', 'ND', 'ID'];
			const result = await runNode(
				helper,
				{
					parameters: getAllData(MAP_KEYS.customersByCounty, {
						specifyVariables: 'keypair',
						variables: { variable: [{ name: 'GBL_COUNTY', value: '={{ $json.county }}' }] },
					}),
				},
				counties.map((county) => ({ county })),
			);
			expect(result.error).toBeUndefined();
			expect(result.output().map((item) => [item.json, item.pairedItem])).toEqual(
				counties.flatMap((county, item) => rowsOf(MAP_KEYS.customersByCounty, (row) => row.County === county).map((row) => [row, { item }])),
			);
			const reads = simulator.log.filter((entry) => entry.endpoint.startsWith('getalldata'));
			expect(reads.map((entry) => `${entry.endpoint} ${entry.status}`)).toEqual(expected);
			// The first item's variables went to both forms when the first answered as an unknown route.
			expect(reads.map((entry) => JSON.parse(entry.body) as unknown)).toEqual(
				(expected.length === 4 ? ['GA', ...counties] : counties).map((county) => [{ Key: 'GBL_COUNTY', Value: county }]),
			);
			for (const entry of reads) expect(entry.query).toEqual({ mapKey: MAP_KEYS.customersByCounty, token: token(helper) });
			expect(simulator.count('gettoken')).toBe(1);
			// Nothing in the output tells of the fallback (the only hint is the one about plain http://).
			const hints = result.run.data.resultData.runData.SmartConnect[0].hints ?? [];
			expect(hints.map((hint) => hint.message)).toEqual([expect.stringMatching(/uses plain http:\/\//)]);
		});

		it('a second execution starts again from the documented form (the form is remembered per execution only)', async () => {
			simulator.setOptions({ getAllDataVariables: served, unknownRouteResponse: unknownRoute });
			const helper = demoCredentials(simulator);
			const parameters = getAllData(MAP_KEYS.customersByCounty, { specifyVariables: 'json', variablesJson: '{"GBL_COUNTY":"GA"}' });
			await runNode(helper, { parameters });
			simulator.clearLog();
			const again = await runNode(helper, { parameters });
			expect(again.error).toBeUndefined();
			expect(json(again)).toEqual(rowsOf(MAP_KEYS.customersByCounty, (row) => row.County === 'GA'));
			expect(simulator.log.map((entry) => entry.endpoint)).toEqual(
				served === 'later' ? ['getalldata', 'getalldatawithvariables'] : ['getalldata'],
			);
		});
	});

	it.each(['http404', 'blank'] as const)(
		'with global variables, when both forms answer as an unknown route (%s), the error names both forms',
		async (unknownRouteResponse) => {
			simulator.setOptions({ unknownRouteResponse });
			const helper = demoCredentials(simulator);
			const variables = { specifyVariables: 'json', variablesJson: '{"GBL_COUNTY":"GA"}' };
			// An unknown map key: GetAllData and GetAllDataWithVariables both answer blank (or 404 from a
			// service whose two routes are missing, stood in for by a 404 injected on both).
			if (unknownRouteResponse === 'http404') {
				for (const endpoint of ['getalldata', 'getalldatawithvariables']) {
					simulator.inject({ endpoint, fault: { kind: 'status', status: 404, body: '{"Message":"No HTTP resource was found that matches the request URI."}' } });
				}
			}
			const result = await runNode(helper, {
				parameters: getAllData(unknownRouteResponse === 'blank' ? UNKNOWN_MAP_KEY : MAP_KEYS.customersByCounty, variables),
			});
			const error = errorOf(result);
			expect(error.message).toBe('SmartConnect answered neither form of Map › Get Source Rows with global variables');
			expect(error.description).toMatch(/^POST GetAllData with the variables in the body \(the form the web service documentation gives\): SmartConnect GetAllData (answered with HTTP 404|returned a blank response)/);
			expect(error.description).toMatch(/POST GetAllDataWithVariables \(the form of eOne's later documentation\): SmartConnect GetAllDataWithVariables (answered with HTTP 404|returned a blank response)/);
			expect(simulator.log.map((entry) => entry.endpoint)).toEqual(['gettoken', 'getalldata', 'getalldatawithvariables']);
		},
	);

	it('with global variables, a 500 on the documented form is retried there and never sent in the other form', async () => {
		simulator.inject({ endpoint: 'getalldata', fault: { kind: 'status', status: 500 }, times: Infinity });
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, {
			parameters: getAllData(MAP_KEYS.customersByCounty, { specifyVariables: 'json', variablesJson: '{"GBL_COUNTY":"GA"}', options: { retries: 1 } }),
		});
		expect(errorOf(result).message).toBe('SmartConnect GetAllData answered with HTTP 500');
		expect(simulator.count('getalldata')).toBe(2);
		expect(simulator.count('getalldatawithvariables')).toBe(0);
	});

	it('fails with a "blank response" error for a map key SmartConnect does not know', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: getAllData(UNKNOWN_MAP_KEY) });
		expect(errorOf(result).message).toBe('SmartConnect GetAllData returned a blank response');
		expect(simulator.count('getalldata')).toBe(1);
	});
});

// ------------------------------------------------------------------------ Map Run › Save Errors

describe('Map Run › Save Errors', () => {
	const TENANT = { tenantServer: 'tenant-sql-01', tenantTechnicalName: 'CRONUS_US' };
	const save = (mapKey: string, runNumber: number | string, extra: IDataObject = {}) => ({
		resource: 'mapRun',
		operation: 'saveErrors',
		map: byKey(mapKey),
		runNumber,
		...TENANT,
		...extra,
	});

	/** Runs a map directly against the simulator (as another SmartConnect client would) and returns its RunNumber. */
	async function runDataTableDirectly(mapKey: string, body: string): Promise<{ RunNumber: number; ErrorCount: number }> {
		const login = new URLSearchParams({ email: simulator.demo.email, password: simulator.demo.password, companyId: simulator.demo.companyId });
		const directToken = (await (await fetch(`${simulator.apiUrl}/GetToken?${login}`, { method: 'POST' })).json()) as string;
		const response = await fetch(
			`${simulator.apiUrl}/RunMapDataTableWithErrors?${new URLSearchParams({ token: directToken, mapKey })}`,
			{ method: 'POST', body, headers: { 'Content-Type': 'text/xml' } },
		);
		return (await response.json()) as { RunNumber: number; ErrorCount: number };
	}

	const FAILING_ROWS =
		'<RequestData><Table><accountnumber>C0001</accountnumber><name>Ok</name></Table>' +
		'<Table><accountnumber>C0008</accountnumber></Table></RequestData>';

	it('saves the errors of a run that had errors: { mapKey, runNumber, saved: true }', async () => {
		const run = await runDataTableDirectly(MAP_KEYS.importCustomers, FAILING_ROWS);
		expect(run.ErrorCount).toBe(1);
		const mark = simulator.log.length;
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: save(MAP_KEYS.importCustomers, run.RunNumber) });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([{ mapKey: MAP_KEYS.importCustomers, runNumber: run.RunNumber, saved: true }]);
		expect(paired(result.output())).toEqual([{ item: 0 }]);

		const sent = simulator.log.slice(mark);
		expect(sent.map((entry) => entry.endpoint)).toEqual(['gettoken', 'saveprocesserrors']);
		expect(sent[1].query).toEqual({
			mapKey: MAP_KEYS.importCustomers,
			tenantServer: TENANT.tenantServer,
			tenantTechnicalName: TENANT.tenantTechnicalName,
			runNumber: String(run.RunNumber),
			token: token(helper),
		});
		expect(sent[1].status).toBe(200);
	});

	it('takes the run number from the previous node by expression, per item', async () => {
		const first = await runDataTableDirectly(MAP_KEYS.importCustomers, FAILING_ROWS);
		const second = await runDataTableDirectly(MAP_KEYS.importCustomers, FAILING_ROWS);
		const helper = demoCredentials(simulator);
		const result = await runNode(
			helper,
			{ parameters: save(MAP_KEYS.importCustomers, '={{ $json.runNumber }}') },
			[{ runNumber: first.RunNumber }, { runNumber: 999999 }, { runNumber: second.RunNumber }],
		);
		expect(result.error).toBeUndefined();
		expect(result.output().map((item) => [item.json, item.pairedItem])).toEqual([
			[{ mapKey: MAP_KEYS.importCustomers, runNumber: first.RunNumber, saved: true }, { item: 0 }],
			[{ mapKey: MAP_KEYS.importCustomers, runNumber: 999999, saved: false }, { item: 1 }],
			[{ mapKey: MAP_KEYS.importCustomers, runNumber: second.RunNumber, saved: true }, { item: 2 }],
		]);
	});

	it('answers saved: false for a run SmartConnect does not have', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: save(MAP_KEYS.purchaseJournal, 424242) });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([{ mapKey: MAP_KEYS.purchaseJournal, runNumber: 424242, saved: false }]);
		expect(requestsTo('saveprocesserrors').map((entry) => entry.query.runNumber)).toEqual(['424242']);
	});

	it('answers saved: false for a run without errors', async () => {
		const run = await runDataTableDirectly(
			MAP_KEYS.importCustomers,
			'<RequestData><Table><accountnumber>C0001</accountnumber><name>Ok</name></Table></RequestData>',
		);
		expect(run.ErrorCount).toBe(0);
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: save(MAP_KEYS.importCustomers, run.RunNumber) });
		expect(json(result)).toEqual([{ mapKey: MAP_KEYS.importCustomers, runNumber: run.RunNumber, saved: false }]);
	});

	it.each([
		['Run Number 0', { runNumber: 0 }, 'Parameter \'Run Number\' must be a positive whole number (got "0") [item 1]'],
		['a negative Run Number', { runNumber: -3 }, 'Parameter \'Run Number\' must be a positive whole number (got "-3") [item 1]'],
		['a fractional Run Number', { runNumber: 12.5 }, 'Parameter \'Run Number\' must be a positive whole number (got "12.5") [item 1]'],
		['a blank Tenant Server', { tenantServer: '   ' }, "Parameter 'Tenant Server' is empty [item 1]"],
		['a Tenant Technical Name that is empty', { tenantTechnicalName: '={{ $json.tenant }}' }, "Parameter 'Tenant Technical Name' is empty [item 1]"],
	])('fails for %s with a NodeOperationError naming the field, before sending anything', async (_what, extra, message) => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: save(MAP_KEYS.importCustomers, 12, extra) }, [{ tenant: '' }]);
		const error = errorOf(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(simulator.log).toHaveLength(0);
	});

	it("is refused by n8n's parameter check when Tenant Server is left empty; nothing is sent", async () => {
		const helper = demoCredentials(simulator);
		await expect(runNode(helper, { parameters: save(MAP_KEYS.importCustomers, 12, { tenantServer: '' }) })).rejects.toThrow(WorkflowHasIssuesError);
		expect(simulator.log).toHaveLength(0);
	});
});

// ------------------------------------------------------------------------------- Continue On Fail

describe('Continue On Fail', () => {
	const columnsOf = (key: string) => ({ resource: 'map', operation: 'getColumns', map: byKey(key) });
	const items = (bad: string) => [{ key: MAP_KEYS.importCustomers }, { key: bad }, { key: MAP_KEYS.purchaseJournal }];
	const columns = (mapKey: string, item: number) =>
		seedMap(mapKey).columns.map((column) => [{ mapKey, columnName: column.ColumnName, isRequired: column.IsRequired }, { item }]);

	it('items 0 and 2 succeed, item 1 (a map ID, not a key) becomes { error } paired to item 1', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: columnsOf('={{ $json.key }}'), continueOnFail: true }, items('IMPORT CUSTOMERS'));
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		const output = result.output().map((item) => [item.json, item.pairedItem]);
		expect(output).toEqual([
			...columns(MAP_KEYS.importCustomers, 0),
			[{ message: 'The map key "IMPORT CUSTOMERS" is not a GUID [item 2]', error: { message: 'The map key "IMPORT CUSTOMERS" is not a GUID [item 2]', description: expect.stringMatching(/^Parameter 'Map'/) } }, { item: 1 }],
			...columns(MAP_KEYS.purchaseJournal, 2),
		]);
		expect(requestsTo('getmapcolumns').map((entry) => entry.query.mapKey)).toEqual([MAP_KEYS.importCustomers, MAP_KEYS.purchaseJournal]);
	});

	it('items 0 and 2 succeed, item 1 (an unknown key) becomes the blank-response error paired to item 1', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: columnsOf('={{ $json.key }}'), continueOnFail: true }, items(UNKNOWN_MAP_KEY));
		expect(result.error).toBeUndefined();
		const output = result.output().map((item) => [item.json, item.pairedItem]);
		expect(output).toEqual([
			...columns(MAP_KEYS.importCustomers, 0),
			[{ message: 'SmartConnect GetMapColumns returned a blank response', error: { message: 'SmartConnect GetMapColumns returned a blank response', description: expect.stringMatching(/map key is unknown/), httpCode: '200' } }, { item: 1 }],
			...columns(MAP_KEYS.purchaseJournal, 2),
		]);
		expect(requestsTo('getmapcolumns').map((entry) => entry.query.mapKey)).toEqual([
			MAP_KEYS.importCustomers,
			UNKNOWN_MAP_KEY,
			MAP_KEYS.purchaseJournal,
		]);
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('with the error output, item 1 goes to the error output and items 0 and 2 to the main output', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: columnsOf('={{ $json.key }}'), onError: 'continueErrorOutput' }, items(UNKNOWN_MAP_KEY));
		expect(result.error).toBeUndefined();
		expect(result.output('SmartConnect', 0).map((item) => [item.json, item.pairedItem])).toEqual([
			...columns(MAP_KEYS.importCustomers, 0),
			...columns(MAP_KEYS.purchaseJournal, 2),
		]);
		expect(result.output('SmartConnect', 1).map((item) => [item.json, item.pairedItem])).toEqual([
			[{ message: 'SmartConnect GetMapColumns returned a blank response', error: { message: 'SmartConnect GetMapColumns returned a blank response', description: expect.stringMatching(/map key is unknown/), httpCode: '200' } }, { item: 1 }],
		]);
	});

	it('without Continue On Fail the same input stops at item 1', async () => {
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: columnsOf('={{ $json.key }}') }, items(UNKNOWN_MAP_KEY));
		expect(errorOf(result).message).toBe('SmartConnect GetMapColumns returned a blank response');
		expect(result.run.status).toBe('error');
		expect(requestsTo('getmapcolumns').map((entry) => entry.query.mapKey)).toEqual([MAP_KEYS.importCustomers, UNKNOWN_MAP_KEY]);
	});
});

// ---------------------------------------------------------------------------------- Read retries

describe('read retries', () => {
	const listMaps = (options: IDataObject) => ({ resource: 'map', operation: 'getMany', returnAll: true, options });
	const unavailable = (times: number) =>
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }, times });

	it('Retries 2: two HTTP 503 answers, then the list on the third request', async () => {
		unavailable(2);
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps({ retries: 2 }) });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual(listedMaps());
		expect(requestsTo('getmaplist').map((entry) => entry.status)).toEqual([503, 503, 200]);
		expect(new Set(requestsTo('getmaplist').map((entry) => entry.query.token))).toEqual(new Set([token(helper)]));
		expect(simulator.count('gettoken')).toBe(1);
	});

	it('Retries 0: fails on the first HTTP 503, naming GetMapList and the status', async () => {
		unavailable(2);
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps({ retries: 0 }) });
		const error = errorOf(result);
		expect(error.message).toBe('SmartConnect GetMapList answered with HTTP 503');
		expect(error.description).toMatch(/after 1 attempt\(s\).*SmartConnect endpoint GetMapList, operation Map › Get Many/);
		expect(requestsTo('getmaplist').map((entry) => entry.status)).toEqual([503]);
	});

	it('Retries 1: fails after the second HTTP 503', async () => {
		unavailable(2);
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps({ retries: 1 }) });
		expect(errorOf(result).message).toBe('SmartConnect GetMapList answered with HTTP 503');
		expect(errorOf(result).description).toMatch(/after 2 attempt\(s\)/);
		expect(requestsTo('getmaplist').map((entry) => entry.status)).toEqual([503, 503]);
	});

	it('an unreadable answer (broken JSON) is retried like a 5xx', async () => {
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'malformed' } });
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps({ retries: 1 }) });
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual(listedMaps());
		expect(simulator.count('getmaplist')).toBe(2);
	});

	it('an unreadable answer with Retries 0 fails naming the endpoint', async () => {
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'malformed' } });
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps({ retries: 0 }) });
		expect(errorOf(result).message).toBe('SmartConnect GetMapList sent an unreadable response (HTTP 200)');
		expect(errorOf(result).description).toMatch(/not valid JSON/);
		expect(simulator.count('getmaplist')).toBe(1);
	});

	it('a connection reset is retried', async () => {
		simulator.inject({ endpoint: 'getmapcolumns', fault: { kind: 'reset' } });
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, {
			parameters: { resource: 'map', operation: 'getColumns', map: byKey(MAP_KEYS.importCustomers), options: { retries: 1 } },
		});
		expect(result.error).toBeUndefined();
		expect(json(result).map((column) => column.columnName)).toEqual(seedMap(MAP_KEYS.importCustomers).columns.map((c) => c.ColumnName));
		expect(requestsTo('getmapcolumns').map((entry) => entry.status)).toEqual([0, 200]);
	});

	it('gives up after the Timeout option when SmartConnect does not answer', async () => {
		simulator.inject({ endpoint: 'getmaplist', fault: { kind: 'delay', ms: 5000 } });
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, { parameters: listMaps({ retries: 0, timeout: 1 }) });
		expect(errorOf(result).message).toBe('SmartConnect GetMapList: no answer within 1 s');
		expect(simulator.count('getmaplist')).toBe(1);
	});

	it('an empty GetMapColumns answer is a "blank response" error, not retried', async () => {
		simulator.inject({ endpoint: 'getmapcolumns', fault: { kind: 'empty' } });
		const helper = demoCredentials(simulator);
		const result = await runNode(helper, {
			parameters: { resource: 'map', operation: 'getColumns', map: byKey(MAP_KEYS.importCustomers), options: { retries: 2 } },
		});
		expect(errorOf(result).message).toBe('SmartConnect GetMapColumns returned a blank response');
		expect(requestsTo('getmapcolumns')).toHaveLength(1);
	});
});
