/**
 * The on-premise service's pure parts: the endpoint table's `{map}` routes, the refusal texts, the
 * classifier without a token to renew, and the DataSet-with-schema body (read back by the XML
 * module and by fast-xml-parser, the oracle).
 */
import { XMLParser } from 'fast-xml-parser';

import { classify, type AttemptState } from '../../nodes/SmartConnect/transport/classify';
import { ENDPOINTS, ON_PREM_COLUMNS_PATH, resolveRoute } from '../../nodes/SmartConnect/transport/endpoints';
import { explainOnPremRefusal } from '../../nodes/SmartConnect/transport/onPrem';
import { readDataTable, writeDataSetWithSchema } from '../../nodes/SmartConnect/xml';

describe('on-premise routes', () => {
	it('put the map into the path, percent-encoded, and keep the other query values', () => {
		expect(resolveRoute(ENDPOINTS.runmap.routes.onPrem, { mapKey: 'GP ACC/1' })).toEqual({ path: 'runmap/GP%20ACC%2F1', qs: undefined });
		expect(resolveRoute(ENDPOINTS.GetMapColumns.routes.onPrem, { mapKey: 'X', other: 1 })).toEqual({ path: 'getmapcolumns/X', qs: { other: 1 } });
		expect(resolveRoute(ENDPOINTS.GetMapList.routes.onPrem, { type: '2' })).toEqual({ path: 'getmaplist', qs: { type: '2' } });
		expect(() => resolveRoute(ENDPOINTS.runmapxml.routes.onPrem, {})).toThrow('needs a map');
	});

	it('the REST API run takes the integration ID into its path and keeps returnErrors', () => {
		expect(resolveRoute(ENDPOINTS.RunIntegration.routes.oauth, { mapKey: 'abc' })).toEqual({
			path: 'v1/run-integration/abc?returnErrors=true',
			qs: undefined,
		});
	});

	it('SmartConnect.com routes keep the map key in the query', () => {
		expect(resolveRoute(ENDPOINTS.runmap.routes.smartConnectCom, { mapKey: 'k' })).toEqual({ path: 'runmap', qs: { mapKey: 'k' } });
	});

	it('Get Columns uses the one constant, and only the documented on-premise methods exist', () => {
		expect(ENDPOINTS.GetMapColumns.routes.onPrem.path).toBe(ON_PREM_COLUMNS_PATH);
		const onPrem = Object.entries(ENDPOINTS)
			.filter(([, endpoint]) => 'onPrem' in endpoint.routes)
			.map(([, endpoint]) => (endpoint.routes as { onPrem: { path: string; method: string } }).onPrem);
		expect(onPrem.map((route) => `${route.method} ${route.path}`).sort()).toEqual(
			[
				'GET getmaplist',
				`GET ${ON_PREM_COLUMNS_PATH}`,
				'GET runmap/{map}',
				'POST runmap/var/{map}',
				'POST runmapdatatable/{map}',
				'POST runmapxml/{map}',
				'POST getmapxml/datatable/{map}',
				'POST getmapxml/var/{map}',
			].sort(),
		);
	});
});

describe('on-premise refusals', () => {
	it.each([
		['Operation disabled on this server', 'web.config'],
		['operation disabled within SmartConnect', 'Request Security'],
		['Invalid user for this operation', 'DOMAIN\\user'],
		['invalid client endpoint for this operation', 'IP filter'],
		['invalid service request configuration', 'time filter'],
		['The map is unavailable or does not exist.', 'Map ID'],
		['Real-Time maps cannot be run via WCF', 'real-time'],
	])('"%s" is explained (%s)', (text, hint) => {
		expect(explainOnPremRefusal(text)?.description).toContain(hint);
	});

	it('other messages are not refusals', () => {
		expect(explainOnPremRefusal('Object reference not set to an instance of an object.')).toBeUndefined();
	});

	const state = (over: Partial<AttemptState> = {}): AttemptState => ({
		endpoint: 'runmap',
		kind: 'run',
		settings: { timeoutMs: 1000, retries: 2, retryBaseDelayMs: 1 },
		retried: 0,
		tokenResends: 0,
		ownLogins: 0,
		credentialName: 'server',
		explainRefusal: explainOnPremRefusal,
		renewable: false,
		...over,
	});
	const answer = (statusCode: number, text: string) => ({ response: { statusCode, headers: {}, text } });

	it('a refusal fails at once as not sent, whatever its status or body form', () => {
		for (const [status, body] of [
			[400, '"operation disabled on this server"'],
			[500, '<html><head><title>Request Error</title></head><body>operation disabled on this server</body></html>'],
			[200, '"operation disabled on this server"'],
			[403, '{"Message":"operation disabled on this server"}'],
		] as const) {
			expect(classify(answer(status, body), state())).toMatchObject({ action: 'fail', sent: false, message: 'The SmartConnect server has this operation switched off' });
		}
	});

	it('a 401 with nothing to renew fails, not sent, even as an IIS HTML page', () => {
		expect(classify(answer(401, '<!DOCTYPE html><html><title>401 - Unauthorized</title></html>'), state())).toMatchObject({
			action: 'fail',
			sent: false,
			httpCode: 401,
		});
	});

	it('a run result that mentions a refusal in its ErrorMessage is a run result, not a refusal', () => {
		const body = JSON.stringify({ Status: 1, ErrorCount: 1, ErrorMessage: 'map is unavailable or does not exist', RecordCount: 0 });
		expect(classify(answer(200, body), state())).toMatchObject({ action: 'ok' });
	});

	it('without the on-premise strategy a 401 still renews the token', () => {
		expect(classify(answer(401, ''), state({ explainRefusal: undefined, renewable: undefined }))).toMatchObject({ action: 'renewToken' });
	});
});

describe('DataSet with inline schema (runmapdatatable/{mapId})', () => {
	const rows = [
		{ 'Account No': 'C1', name: 'A & B <x>', amount: 12.5 },
		{ 'Account No': 'C2', name: null, extra: 'late column' },
	];

	it('declares every column in the schema, encoded as .NET encodes names, then the rows', () => {
		const xml = writeDataSetWithSchema(rows).toString('utf8');
		expect(xml.startsWith('<NewDataSet><xs:schema id="NewDataSet"')).toBe(true);
		for (const name of ['Account_x0020_No', 'name', 'amount', 'extra']) {
			expect(xml).toContain(`<xs:element name="${name}" type="xs:string" minOccurs="0" />`);
		}
		expect(xml).toContain('msdata:MainDataTable="Table"');
	});

	it('reads back the same rows with the XML module and with fast-xml-parser', () => {
		const xml = writeDataSetWithSchema(rows).toString('utf8');
		const table = readDataTable(xml);
		expect(table.rows).toEqual([
			{ 'Account No': 'C1', name: 'A & B <x>', amount: '12.5', extra: null },
			{ 'Account No': 'C2', name: null, amount: null, extra: 'late column' },
		]);
		const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as { NewDataSet: { Table: Array<Record<string, string>> } };
		expect(parsed.NewDataSet.Table.map((row) => row.name ?? null)).toEqual(['A & B <x>', null]);
	});

	it('an empty table is a schema with no columns and no rows', () => {
		expect(readDataTable(writeDataSetWithSchema([]).toString('utf8')).rows).toEqual([]);
	});
});
