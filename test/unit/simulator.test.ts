/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * The SmartConnect.com simulator over real HTTP (Node's global fetch against 127.0.0.1).
 * Expected HMAC/RSA values are computed here with node:crypto, independently of the simulator.
 */
import * as crypto from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import {
	CONNECTION_IDS,
	DATA_SOURCE_IDS,
	MAP_KEYS,
	SmartConnectSimulator,
	generateRows,
	seedMaps,
	type FaultRule,
	type RunMapResponse,
	type SimMap,
} from '../simulator';
import { defaultTestOptions } from '../helpers/simulator-defaults';

let sim: SmartConnectSimulator;

beforeAll(async () => {
	sim = await SmartConnectSimulator.start();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
	sim.setOptions({ ...defaultTestOptions(), tokenLifeMs: 90 * 86_400_000 });
});

// ---------------------------------------------------------------- helpers

interface CallInit {
	method?: string;
	body?: string;
	headers?: Record<string, string>;
	base?: string;
}

/** URLSearchParams percent-encodes '+', '/' and '=' (as clients must) and turns spaces into '+'. */
function call(endpoint: string, params: Record<string, string> = {}, init: CallInit = {}): Promise<Response> {
	const qs = new URLSearchParams(params).toString();
	return fetch(`${init.base ?? sim.apiUrl}/${endpoint}${qs ? `?${qs}` : ''}`, {
		method: init.method ?? 'POST',
		body: init.body,
		headers: init.headers,
	});
}

async function getToken(companyId = sim.demo.companyId, s: SmartConnectSimulator = sim): Promise<string> {
	const res = await fetch(
		`${s.apiUrl}/GetToken?${new URLSearchParams({ email: s.demo.email, password: s.demo.password, companyId })}`,
		{ method: 'POST' },
	);
	const token = (await res.json()) as string;
	expect(token.length).toBeGreaterThan(40);
	return token;
}

function loginParams(password: string, companyId = sim.demo.companyId): Record<string, string> {
	return { email: sim.demo.email, password, companyId };
}

async function runDataTable(endpoint: string, mapKey: string, body: string, token: string, headers: Record<string, string> = {}) {
	const res = await call(endpoint, { token, mapKey }, { body, headers: { 'Content-Type': 'text/xml', ...headers } });
	return res;
}

const xmlParser = new XMLParser({
	ignoreAttributes: false,
	parseTagValue: false,
	trimValues: true,
	htmlEntities: true,
	isArray: (name) => ['ErrorTable', 'Table01', 'MapListItem', 'ColumnListItem', 'xs:element'].includes(name),
});

/** GetAllData: unwrap the serialized <string> (parser decodes the escaping) and parse the inner DataSet. */
function parseAllData(body: string): Record<string, string>[] {
	const outer = xmlParser.parse(body) as { string: { '#text'?: string } | string };
	const inner = typeof outer.string === 'string' ? outer.string : (outer.string['#text'] ?? '');
	const ds = xmlParser.parse(inner) as { MyDataSet: { Table01?: Record<string, string>[] } | '' };
	return ds.MyDataSet === '' ? [] : (ds.MyDataSet.Table01 ?? []);
}

interface ErrorTableDoc {
	NewDataSet: {
		'xs:schema': { 'xs:element': { '@_msdata:MainDataTable': string; 'xs:complexType': unknown }[] };
		ErrorTable?: Record<string, string>[];
	};
}

/** Maps GetMapList shows a demo-company token (tests may have added maps to the shared simulator). */
const visibleMapCount = () => sim.mapsFor(sim.demo.companyId).filter((m) => !m.realTime).length;

const customerMap = () => sim.maps.find((m) => m.mapKey === MAP_KEYS.importCustomers) as SimMap;

function hmac(password: string): string {
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- eOne's published constant of the legacy password script, not a secret
	const key = '6clDgmNok3WtR8GKYW6N';
	return crypto.createHmac('sha256', key).update(`${password}:${key}`, 'utf8').digest('base64');
}

async function rsaPublicKey(method = 'POST'): Promise<crypto.KeyObject> {
	const res = await fetch(sim.publicKeyUrl, { method });
	expect(res.status).toBe(200);
	const xml = (await res.json()) as string;
	const m = /^<RSAKeyValue><Modulus>([A-Za-z0-9+/=]+)<\/Modulus><Exponent>([A-Za-z0-9+/=]+)<\/Exponent><\/RSAKeyValue>$/.exec(xml);
	expect(m).not.toBeNull();
	const [, modulus, exponent] = m as RegExpExecArray;
	const toUrl = (b64: string) => Buffer.from(b64, 'base64').toString('base64url');
	return crypto.createPublicKey({ key: { kty: 'RSA', n: toUrl(modulus), e: toUrl(exponent) }, format: 'jwk' });
}

function rsaEncrypt(key: crypto.KeyObject, password: string): string {
	return crypto.publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from(password, 'utf8')).toString('base64');
}

/** Resolves once `cond` holds; the event loop turns while the server works. */
async function until(cond: () => boolean): Promise<void> {
	while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

// ---------------------------------------------------------------- authentication

describe('GetToken', () => {
	it('issues a JSON-quoted token in the documented format for a plain password', async () => {
		const res = await call('GetToken', loginParams(sim.demo.password));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const text = await res.text();
		expect(text.startsWith('"') && text.endsWith('"')).toBe(true);
		const decoded = Buffer.from(JSON.parse(text) as string, 'base64').toString('utf8');
		const parts = decoded.split('#');
		expect(parts).toHaveLength(5);
		expect(Buffer.from(parts[0], 'base64')).toHaveLength(32);
		expect(parts[1]).toBe(sim.demo.companyId.toUpperCase());
		expect(parts[2]).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
		expect(parts[3]).toBe('DEMO@EXAMPLE.COM');
		expect(parts[4]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
		expect(sim.issuedTokens()).toContain(JSON.parse(text));
	});

	it('accepts the HMAC-SHA256 password encoding', async () => {
		const encoded = hmac(sim.demo.password);
		expect(encoded).toMatch(/=$/);
		const res = await call('GetToken', loginParams(encoded));
		const token = (await res.json()) as string;
		expect(token).not.toBe('');
		expect((await (await call('validate', { token })).json()) as boolean).toBe(true);
	});

	it('accepts an RSA PKCS#1 v1.5 encrypted password with the served public key (POST and GET)', async () => {
		for (const method of ['POST', 'GET']) {
			const key = await rsaPublicKey(method);
			const a = rsaEncrypt(key, sim.demo.password);
			const b = rsaEncrypt(key, sim.demo.password);
			expect(a).not.toBe(b); // random padding
			const qs = new URLSearchParams(loginParams(a)).toString();
			expect(qs).toMatch(/password=[^&]*%3D/);
			const token = (await (await fetch(`${sim.apiUrl}/GetToken?${qs}`, { method })).json()) as string;
			expect(token.length).toBeGreaterThan(40);
		}
	});

	it('rejects an RSA-encrypted wrong password and a ciphertext from a foreign key', async () => {
		const key = await rsaPublicKey();
		expect(await (await call('GetToken', loginParams(rsaEncrypt(key, 'wrong')))).json()).toBe('');
		const foreign = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
		expect(await (await call('GetToken', loginParams(rsaEncrypt(foreign, sim.demo.password)))).json()).toBe('');
	});

	it('answers a bad login with 200 "" by default and 401 when configured', async () => {
		const before = sim.issuedTokens().length;
		for (const params of [
			loginParams('nope'),
			{ ...loginParams(sim.demo.password), email: 'nobody@example.com' },
			loginParams(sim.demo.password, crypto.randomUUID()),
			{ email: sim.demo.email },
		]) {
			const res = await call('GetToken', params);
			expect(res.status).toBe(200);
			expect(await res.text()).toBe('""');
		}
		sim.setOptions({ badLoginResponse: 'http401' });
		const res = await call('GetToken', loginParams('nope'));
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ Message: 'Authorization has been denied for this request.' });
		expect(sim.issuedTokens()).toHaveLength(before);
	});

	it('matches email, path and parameter names case-insensitively and takes companyID or companyId', async () => {
		const before = sim.issuedTokens().length;
		const variants = [
			`${sim.url}/api/gettoken?EMAIL=${encodeURIComponent('Demo@Example.COM')}&Password=${encodeURIComponent(sim.demo.password)}&companyID=${sim.demo.companyId}`,
			`${sim.url}/API/GetToken?email=${sim.demo.email}&password=${encodeURIComponent(sim.demo.password)}&companyId=${sim.demo.companyId.toUpperCase()}`,
			`${sim.url}/GETTOKEN?email=${sim.demo.email}&password=${encodeURIComponent(sim.demo.password)}&COMPANYID=${sim.demo.companyId}`,
		];
		for (const url of variants) {
			const token = (await (await fetch(url, { method: 'POST' })).json()) as string;
			expect(token.length).toBeGreaterThan(40);
		}
		expect(sim.issuedTokens().length).toBe(before + 3);
	});

	it("decodes '+' in a query value as a space (clients must percent-encode)", async () => {
		sim.addUser('plus@example.com', 'a+b c', [sim.demo.companyId]);
		const raw = `${sim.apiUrl}/GetToken?email=plus@example.com&companyId=${sim.demo.companyId}&password=`;
		expect(await (await fetch(raw + 'a+b+c', { method: 'POST' })).json()).toBe('');
		expect(((await (await fetch(raw + 'a%2Bb+c', { method: 'POST' })).json()) as string).length).toBeGreaterThan(40);
	});

	it('issues per-company tokens; each company sees only its own maps', async () => {
		const other = await getToken(sim.demo.otherCompanyId);
		const decoded = Buffer.from(other, 'base64').toString('utf8');
		expect(decoded.split('#')[1]).toBe(sim.demo.otherCompanyId.toUpperCase());
		const list = (await (await call('GetMapList', { token: other })).json()) as { MapKey: string }[];
		expect(list.map((m) => m.MapKey)).toEqual([MAP_KEYS.otherCompanyVendors]);
		const cols = await call('GetMapColumns', { token: other, mapKey: MAP_KEYS.importCustomers });
		expect(cols.status).toBe(200);
		expect(await cols.text()).toBe('');
		const demoList = (await (await call('GetMapList', { token: await getToken() })).json()) as { MapKey: string }[];
		expect(demoList.map((m) => m.MapKey)).not.toContain(MAP_KEYS.otherCompanyVendors);
	});

	it('lets an added user log in to its companies only', async () => {
		sim.addUser('ops@example.com', 'S3cret!', [sim.demo.otherCompanyId]);
		const ok = await call('GetToken', { email: 'ops@example.com', password: 'S3cret!', companyId: sim.demo.otherCompanyId });
		expect(((await ok.json()) as string).length).toBeGreaterThan(40);
		const denied = await call('GetToken', { email: 'ops@example.com', password: 'S3cret!', companyId: sim.demo.companyId });
		expect(await denied.json()).toBe('');
	});
});

describe('validate, expiry and revocation', () => {
	it('returns true for a live token and false (200) for garbage or a missing token, even in http401 mode', async () => {
		const token = await getToken();
		expect(await (await call('validate', { token })).json()).toBe(true);
		for (const params of [{ token: 'garbage' }, {}] as Record<string, string>[]) {
			const res = await call('validate', params);
			expect(res.status).toBe(200);
			expect(await res.json()).toBe(false);
		}
	});

	it('expires tokens after tokenLifeMs on the injected clock', async () => {
		let t = Date.UTC(2026, 0, 1);
		sim.setOptions({ now: () => t, tokenLifeMs: 60_000 });
		const token = await getToken();
		expect(Buffer.from(token, 'base64').toString().endsWith('#2026-01-01T00:00:00.000')).toBe(true);
		t += 59_999;
		expect((await call('GetMapList', { token })).status).toBe(200);
		t += 1;
		expect(await (await call('validate', { token })).json()).toBe(false);
		const res = await call('GetMapList', { token });
		expect(res.status).toBe(401);
	});

	it('defaults to a 90-day lifetime', async () => {
		let t = Date.UTC(2026, 0, 1);
		sim.setOptions({ now: () => t });
		const token = await getToken();
		t += 89 * 86_400_000;
		expect(await (await call('validate', { token })).json()).toBe(true);
		t += 86_400_000;
		expect(await (await call('validate', { token })).json()).toBe(false);
	});

	it('revokeTokens invalidates every token issued so far but not later ones', async () => {
		const old = await getToken();
		sim.revokeTokens();
		const fresh = await getToken();
		expect(await (await call('validate', { token: old })).json()).toBe(false);
		expect(await (await call('validate', { token: fresh })).json()).toBe(true);
		expect((await call('GetMapList', { token: old })).status).toBe(401);
		expect(sim.issuedTokens()).toEqual(expect.arrayContaining([old, fresh]));
	});

	it("tokensPerUser 'newest': each GetToken invalidates the user's older tokens, in every company", async () => {
		const many = [await getToken(), await getToken()];
		sim.setOptions({ tokensPerUser: 'newest' });
		const other = await getToken(sim.demo.otherCompanyId);
		expect(await (await call('validate', { token: other })).json()).toBe(true);
		for (const token of many) expect(await (await call('validate', { token })).json()).toBe(false);
		const newest = await getToken();
		expect(await (await call('validate', { token: other })).json()).toBe(false);
		expect(await (await call('validate', { token: newest })).json()).toBe(true);
		expect((await call('GetMapList', { token: other })).status).toBe(401);
		// Another user's login leaves this user's newest token alone.
		sim.addUser('second@smartconnect.test', 'second-password', [sim.demo.companyId]);
		const res = await call('GetToken', { email: 'second@smartconnect.test', password: 'second-password', companyId: sim.demo.companyId });
		expect(((await res.json()) as string).length).toBeGreaterThan(40);
		expect(await (await call('validate', { token: newest })).json()).toBe(true);
	});

	it('reports an invalid token as 401 or as a 200 message body, per invalidTokenResponse', async () => {
		const res401 = await call('GetMapList', { token: 'bad' });
		expect(res401.status).toBe(401);
		expect(await res401.json()).toEqual({ Message: 'Authorization has been denied for this request.' });
		const noToken = await call('runmap', { mapKey: MAP_KEYS.importCustomers });
		expect(noToken.status).toBe(401);
		sim.setOptions({ invalidTokenResponse: 'body200' });
		const res200 = await call('GetMapColumns', { token: 'bad', mapKey: MAP_KEYS.importCustomers });
		expect(res200.status).toBe(200);
		expect(await res200.json()).toEqual({
			Message: 'Authorization has been denied for this request. The token is invalid or has expired.',
		});
		expect(sim.runs).toHaveLength(0);
	});
});

// ---------------------------------------------------------------- map information

describe('map information', () => {
	it('GetMapList lists the company maps except real-time ones (JSON, POST and GET)', async () => {
		const token = await getToken();
		for (const method of ['POST', 'GET']) {
			const res = await call('GetMapList', { token }, { method });
			expect(res.status).toBe(200);
			const list = (await res.json()) as { MapKey: string; MapId: string; MapDescription: string }[];
			expect(list).toContainEqual({ MapKey: MAP_KEYS.purchaseJournal, MapId: 'PURCHASE JOURNAL', MapDescription: 'Import of Purchase Journal' });
			// Seed order first; later tests may add maps to the shared simulator.
			expect(list.map((m) => m.MapId).slice(0, 4)).toEqual(['IMPORT CUSTOMERS', 'PURCHASE JOURNAL', 'CUSTOMERS BY COUNTY', 'NIGHTLY FTP IMPORT']);
			expect(list.map((m) => m.MapKey)).not.toContain(MAP_KEYS.realTimeOrders);
		}
	});

	it('GetMapList answers DataContract XML for Accept: application/xml', async () => {
		const token = await getToken();
		const res = await call('GetMapList', { token }, { headers: { Accept: 'application/xml' } });
		expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
		const body = await res.text();
		expect(body).toMatch(
			/^<ArrayOfMapListItem xmlns="http:\/\/schemas.datacontract.org\/2004\/07\/eOne.SmartConnect.Api.Models" xmlns:i="http:\/\/www.w3.org\/2001\/XMLSchema-instance"><MapListItem><MapDescription>/,
		);
		const doc = xmlParser.parse(body) as { ArrayOfMapListItem: { MapListItem: Record<string, string>[] } };
		expect(doc.ArrayOfMapListItem.MapListItem[0]).toEqual({
			MapDescription: 'Customers to Business Central',
			MapId: 'IMPORT CUSTOMERS',
			MapKey: MAP_KEYS.importCustomers,
		});
		expect(Object.keys(doc.ArrayOfMapListItem.MapListItem[0])).toEqual(['MapDescription', 'MapId', 'MapKey']);
	});

	it('GetMapColumns and GetMappedMapColumns return the source and mapped columns', async () => {
		const token = await getToken();
		const cols = (await (await call('GetMapColumns', { token, mapKey: MAP_KEYS.importCustomers })).json()) as unknown[];
		expect(cols).toEqual([
			{ ColumnName: 'accountnumber', IsRequired: true },
			{ ColumnName: 'name', IsRequired: true },
			{ ColumnName: 'CustomerID', IsRequired: false },
			{ ColumnName: 'email', IsRequired: false },
			{ ColumnName: 'phone', IsRequired: false },
		]);
		const mapped = (await (await call('GetMappedMapColumns', { token, mapKey: MAP_KEYS.importCustomers.toUpperCase() })).json()) as unknown[];
		expect(mapped).toEqual(customerMap().mappedColumns);
		const county = (await (await call('getmapcolumns', { token, MAPKEY: MAP_KEYS.customersByCounty })).json()) as { ColumnName: string }[];
		expect(county.map((c) => c.ColumnName)).toContain('Account No');
	});

	it('columns as ArrayOfColumnListItem XML', async () => {
		const token = await getToken();
		const res = await call('GetMapColumns', { token, mapKey: MAP_KEYS.purchaseJournal }, { headers: { Accept: 'text/xml' } });
		const body = await res.text();
		expect(body).toContain('<ColumnListItem><ColumnName>PostingDate</ColumnName><IsRequired>true</IsRequired></ColumnListItem>');
		const doc = xmlParser.parse(body) as { ArrayOfColumnListItem: { ColumnListItem: { ColumnName: string }[] } };
		expect(doc.ArrayOfColumnListItem.ColumnListItem.map((c) => c.ColumnName)).toEqual(
			['PostingDate', 'Batch', 'DocumentNo', 'Vendor', 'Amount', 'Description'],
		);
	});

	it('answers an unknown mapKey on every map endpoint with a blank 200 and never runs', async () => {
		const token = await getToken();
		const endpoints = ['GetMapColumns', 'GetMappedMapColumns', 'GetAllData', 'GetAllDataWithVariables', 'runmap', 'RunMapWithVariables', 'runmapdatatable', 'RunMapDataTableWithErrors', 'runmapxml'];
		for (const e of endpoints) {
			for (const params of [{ token, mapKey: crypto.randomUUID() }, { token }] as Record<string, string>[]) {
				const res = await call(e, params, { body: '<RequestData><Table><a>1</a></Table></RequestData>' });
				expect([e, res.status, await res.text()]).toEqual([e, 200, '']);
			}
		}
		expect(sim.runs).toHaveLength(0);
	});
});

// ---------------------------------------------------------------- map data

describe('GetAllData', () => {
	it('returns the source as an escaped DataSet in a serialized string, always XML', async () => {
		const token = await getToken();
		const res = await call('GetAllData', { token, mapKey: MAP_KEYS.importCustomers }, { headers: { Accept: 'application/json' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
		const body = await res.text();
		expect(body.startsWith('<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">&lt;MyDataSet&gt;&#xD;\n  &lt;Table01&gt;&#xD;\n')).toBe(true);
		expect(body).toContain('    &lt;accountnumber&gt;&lt;![CDATA[C00070]]&gt;&lt;/accountnumber&gt;&#xD;\n');
		expect(body).toContain('&lt;![CDATA[Smith &amp; Sons &lt;Wholesale&gt;]]&gt;');
		expect(body.endsWith('&lt;/Table01&gt;&#xD;\n&lt;/MyDataSet&gt;</string>')).toBe(true);
		const rows = parseAllData(body);
		expect(rows).toHaveLength(3);
		expect(rows[1]).toEqual({ accountnumber: 'C00071', name: 'Smith & Sons <Wholesale>', CustomerID: 'SMITH', email: 'orders@smith.example' });
		expect(rows[2].name).toBe('Ünïcødé GmbH');
	});

	it('encodes column names like XmlConvert (a space becomes _x0020_)', async () => {
		const token = await getToken();
		const body = await (await call('GetAllData', { token, mapKey: MAP_KEYS.customersByCounty })).text();
		expect(body).toContain('&lt;Account_x0020_No&gt;&lt;![CDATA[A-100]]&gt;&lt;/Account_x0020_No&gt;');
		expect(parseAllData(body)).toHaveLength(7);
	});

	it('filters by variables in all three body shapes, also under the GetAllDataWithVariables name', async () => {
		const token = await getToken();
		const bodies: [string, string][] = [
			['application/json', JSON.stringify([{ Key: 'GBL_COUNTY', Value: 'ND' }])],
			['application/json', JSON.stringify({ Variables: '[ { Key: "GBL_COUNTY", Value: "ND" } ]', Xml: '' })],
			['application/json', JSON.stringify({ Variables: "[{Key:'GBL_COUNTY',Value:'ND',},]" })],
			[
				'text/xml',
				'<ArrayOfVariableOfstringstring xmlns="http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Engine" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><VariableOfstringstring><Key>GBL_COUNTY</Key><Value>ND</Value></VariableOfstringstring></ArrayOfVariableOfstringstring>',
			],
		];
		for (const endpoint of ['GetAllData', 'GetAllDataWithVariables']) {
			for (const [type, body] of bodies) {
				const res = await call(endpoint, { token, mapKey: MAP_KEYS.customersByCounty }, { body, headers: { 'Content-Type': type } });
				const rows = parseAllData(await res.text());
				expect(rows.map((r) => r.No)).toEqual(['C00072', 'C00073']);
				expect(rows[0]['Account_x0020_No']).toBe('A-102');
			}
		}
		const none = parseAllData(
			await (await call('GetAllData', { token, mapKey: MAP_KEYS.customersByCounty }, { body: '[{"Key":"GBL_COUNTY","Value":"XX"}]' })).text(),
		);
		expect(none).toEqual([]);
		expect(sim.count('getalldatawithvariables')).toBe(4);
	});

	it.each([
		['seed', 'http404', [200, 404]],
		['later', 'http404', [404, 200]],
		['both', 'http404', [200, 200]],
		['seed', 'blank', [200, 'blank']],
		['later', 'blank', ['blank', 200]],
	] as const)(
		'serves Get Source Rows with variables in the %s form(s), an unserved form answered as %s',
		async (getAllDataVariables, unknownRouteResponse, expected) => {
			sim.setOptions({ getAllDataVariables, unknownRouteResponse });
			const token = await getToken();
			const query = { token, mapKey: MAP_KEYS.customersByCounty };
			const body = JSON.stringify([{ Key: 'GBL_COUNTY', Value: 'ND' }]);
			const outcomes: Array<number | 'blank'> = [];
			for (const endpoint of ['GetAllData', 'GetAllDataWithVariables']) {
				const res = await call(endpoint, query, { body, headers: { 'Content-Type': 'application/json' } });
				const text = await res.text();
				if (res.status === 200 && text === '') {
					outcomes.push('blank');
				} else {
					outcomes.push(res.status);
					if (res.status === 200) expect(parseAllData(text).map((r) => r.No)).toEqual(['C00072', 'C00073']);
					else expect(JSON.parse(text)).toEqual({ Message: expect.stringMatching(/^No HTTP resource was found/) });
				}
			}
			expect(outcomes).toEqual(expected);
			// GetAllData without variables is served in every mode.
			const all = await call('GetAllData', query);
			expect(parseAllData(await all.text())).toHaveLength(7);
		},
	);

	it('splits a value containing ]]> into two CDATA sections and keeps CR as &#xD;', async () => {
		const map: SimMap = {
			mapKey: crypto.randomUUID(),
			mapId: 'CDATA TEST',
			description: 'edge values',
			columns: [{ ColumnName: 'v', IsRequired: false }],
			mappedColumns: [],
			rows: [{ v: 'a]]>b' }, { v: 'line1\r\nline2' }, { v: null }],
		};
		sim.addMap(map);
		const token = await getToken();
		const body = await (await call('GetAllData', { token, mapKey: map.mapKey })).text();
		expect(body).toContain('&lt;![CDATA[a]]]]&gt;&lt;![CDATA[&gt;b]]&gt;');
		expect(body).toContain('line1&#xD;\nline2');
		const inner = (xmlParser.parse(body) as { string: { '#text': string } }).string['#text'];
		const cdataParser = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (n) => n === 'Table01' });
		const rows = (cdataParser.parse(inner) as { MyDataSet: { Table01: Record<string, string>[] } }).MyDataSet.Table01;
		expect(rows[0].v).toBe('a]]>b');
		expect(inner).toContain('line1\r\nline2');
		// A conforming XML parser normalizes CRLF to LF inside CDATA (XML 1.0 §2.11); the server sent CRLF.
		expect(rows[1].v).toBe('line1\nline2');
		expect(inner).toContain('\r\n  <Table01 />\r\n'); // the only value is null: its element is omitted
		expect(rows[2]).toBe('');
	});

	it('rejects unreadable variables with 400', async () => {
		const token = await getToken();
		const res = await call('GetAllData', { token, mapKey: MAP_KEYS.customersByCounty }, { body: '[{"Key":' });
		expect(res.status).toBe(400);
		expect((await res.json()) as { Message: string }).toHaveProperty('Message');
	});
});

// ---------------------------------------------------------------- runs

const RESPONSE_KEYS = ['ErrorCount', 'Errors', 'MapDescription', 'MapKey', 'MapId', 'RecordCount', 'RunNumber', 'Status', 'ErrorMessage'];

describe('runs', () => {
	it('runmap runs the source rows and numbers runs per map', async () => {
		const token = await getToken();
		const first = (await (await call('runmap', { token, mapKey: MAP_KEYS.purchaseJournal }, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).json()) as RunMapResponse;
		expect(Object.keys(first)).toEqual(RESPONSE_KEYS);
		expect(first).toMatchObject({
			ErrorCount: 0,
			Errors: '',
			MapDescription: 'Import of Purchase Journal',
			MapKey: MAP_KEYS.purchaseJournal,
			MapId: 'PURCHASE JOURNAL',
			RecordCount: 2,
			Status: 0,
			ErrorMessage: '',
		});
		const second = (await (await call('runmap', { token, mapKey: MAP_KEYS.purchaseJournal }, { method: 'GET' })).json()) as RunMapResponse;
		expect(second.RunNumber).toBe(first.RunNumber + 1);
		const other = (await (await call('runmap', { token, mapKey: MAP_KEYS.importCustomers })).json()) as RunMapResponse;
		expect(other.RunNumber).not.toBe(second.RunNumber + 1);
		expect(sim.runs.map((r) => [r.mapKey, r.endpoint, r.runNumber, r.recordCount])).toEqual([
			[MAP_KEYS.purchaseJournal, 'runmap', first.RunNumber, 2],
			[MAP_KEYS.purchaseJournal, 'runmap', second.RunNumber, 2],
			[MAP_KEYS.importCustomers, 'runmap', other.RunNumber, 3],
		]);
	});

	it('real-time maps cannot be run or read (blank response)', async () => {
		const token = await getToken();
		for (const e of ['runmap', 'GetAllData']) {
			const res = await call(e, { token, mapKey: MAP_KEYS.realTimeOrders });
			expect(await res.text()).toBe('');
		}
		expect(sim.runs).toHaveLength(0);
	});

	it('RunMapWithVariables filters the source with variables in both JSON shapes', async () => {
		const token = await getToken();
		const shapes = [
			JSON.stringify([{ Key: 'GBL_FILE_NAME', Value: 'orders_20260101.csv' }]),
			JSON.stringify({ Variables: '[ { Key: "GBL_FILE_NAME", Value: "orders_20260101.csv" } ]', Xml: '' }),
		];
		for (const body of shapes) {
			const res = await call('RunMapWithVariables', { token, mapKey: MAP_KEYS.nightlyFtpImport }, { body, headers: { 'Content-Type': 'application/json' } });
			const r = (await res.json()) as RunMapResponse;
			expect(r).toMatchObject({ RecordCount: 2, Status: 0, MapId: 'NIGHTLY FTP IMPORT' });
		}
		expect(sim.runs.map((r) => r.variables)).toEqual([
			[{ Key: 'GBL_FILE_NAME', Value: 'orders_20260101.csv' }],
			[{ Key: 'GBL_FILE_NAME', Value: 'orders_20260101.csv' }],
		]);
		expect(sim.runs[0].rows.map((r) => r.OrderNo)).toEqual(['SO-1001', 'SO-1002']);
	});

	it('runmapdatatable accepts rows directly under RequestData, decodes names, and leaves Errors empty', async () => {
		const token = await getToken();
		const body =
			'<RequestData>\n<Table><accountnumber>C00070</accountnumber><CustomerID>ID</CustomerID><name>Test Account 001</name></Table>\n' +
			'<Table><accountnumber>C00071</accountnumber><name></name><Account_x0020_No>A 1</Account_x0020_No><Smile_x0001F600_>y</Smile_x0001F600_><amp>a &amp; b</amp></Table>\n</RequestData>';
		const r = (await (await runDataTable('runmapdatatable', MAP_KEYS.importCustomers, body, token)).json()) as RunMapResponse;
		expect(r).toMatchObject({ RecordCount: 2, ErrorCount: 1, Status: 1, Errors: '', ErrorMessage: 'Document was not sent due to document errors.' });
		expect(sim.runs[0].rows).toEqual([
			{ accountnumber: 'C00070', CustomerID: 'ID', name: 'Test Account 001' },
			{ accountnumber: 'C00071', name: '', 'Account No': 'A 1', 'Smile😀': 'y', amp: 'a & b' },
		]);
		expect(sim.runs[0]).toMatchObject({ endpoint: 'runmapdatatable', errorCount: 1, recordCount: 2, variables: [] });
	});

	it('runmapdatatable accepts the Variables + Xml layout with any row element name', async () => {
		const token = await getToken();
		const body =
			'<RequestData><Variables><ArrayOfVariableOfstringstring><VariableOfstringstring><Key>GBL_COUNTY</Key><Value>ND</Value></VariableOfstringstring></ArrayOfVariableOfstringstring></Variables>' +
			'<Xml><Customer><Name>C00070</Name><No>C00070</No><County>ID</County></Customer><Customer><Name>B</Name><No>2</No></Customer></Xml></RequestData>';
		const r = (await (await runDataTable('RunMapDataTable', MAP_KEYS.customersByCounty, body, token, { 'Content-Type': 'application/xml' })).json()) as RunMapResponse;
		expect(r).toMatchObject({ RecordCount: 2, ErrorCount: 0, Status: 0 });
		expect(sim.runs[0].variables).toEqual([{ Key: 'GBL_COUNTY', Value: 'ND' }]);
		expect(sim.runs[0].rows).toEqual([{ Name: 'C00070', No: 'C00070', County: 'ID' }, { Name: 'B', No: '2' }]);
	});

	it('RunMapDataTableWithErrors returns the failed rows as a DataTable with inline schema', async () => {
		const token = await getToken();
		const body =
			'<RequestData><Table><accountnumber>C0001</accountnumber><name>Ok</name></Table>' +
			'<Table><accountnumber>C0008</accountnumber><CustomerID>IDs</CustomerID></Table>' +
			'<Table><accountnumber></accountnumber><name>  </name><email>x&lt;y@example.com</email></Table></RequestData>';
		const r = (await (await runDataTable('RunMapDataTableWithErrors', MAP_KEYS.importCustomers, body, token)).json()) as RunMapResponse;
		expect(r).toMatchObject({ RecordCount: 3, ErrorCount: 2, Status: 1, ErrorMessage: 'Document was not sent due to document errors.' });
		expect(r.Errors.startsWith('<NewDataSet>\r\n  <xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">\r\n')).toBe(true);
		expect(r.Errors).not.toMatch(/[^\r]\n/);
		const doc = xmlParser.parse(r.Errors) as ErrorTableDoc;
		const schemaRoot = doc.NewDataSet['xs:schema']['xs:element'][0];
		expect(schemaRoot['@_msdata:MainDataTable']).toBe('ErrorTable');
		const columns = [...r.Errors.matchAll(/<xs:element name="([^"]+)" type="xs:string" minOccurs="0" \/>/g)].map((m) => m[1]);
		expect(columns).toEqual(['accountnumber', 'name', 'CustomerID', 'email', 'phone', 'EONERUNERRORS']);
		expect(doc.NewDataSet.ErrorTable).toEqual([
			{ accountnumber: 'C0008', CustomerID: 'IDs', EONERUNERRORS: 'name is required.' },
			{ accountnumber: '', name: '', email: 'x<y@example.com', EONERUNERRORS: 'accountnumber is required. name is required.' },
		]);
		expect(sim.runs[0]).toMatchObject({ endpoint: 'runmapdatatablewitherrors', errorCount: 2 });
	});

	it('runmapxml unescapes the DataSet in <Xml> (with or without xmlns:i and <Variables/>)', async () => {
		const token = await getToken();
		const dataset = '<DataSet>\r<Table>\r<accountnumber>C00070</accountnumber>\r<name>Test &amp; Account 001</name>\r</Table>\r<Table><accountnumber>C9</accountnumber></Table></DataSet>';
		const escaped = dataset.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
		const bodies = [
			`<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance">\n  <Variables/>\n  <Xml>${escaped}</Xml>\n</RequestData>`,
			`<RequestData><Xml>${escaped}</Xml></RequestData>`,
		];
		for (const body of bodies) {
			const r = (await (await runDataTable('runmapxml', MAP_KEYS.importCustomers, body, token)).json()) as RunMapResponse;
			expect(r).toMatchObject({ RecordCount: 2, ErrorCount: 1, Status: 1 });
			const doc = xmlParser.parse(r.Errors) as ErrorTableDoc;
			expect(doc.NewDataSet.ErrorTable).toEqual([{ accountnumber: 'C9', EONERUNERRORS: 'name is required.' }]);
		}
		expect(sim.runs[0].rows[0]).toEqual({ accountnumber: 'C00070', name: 'Test & Account 001' });
		expect(sim.runs.map((r) => r.endpoint)).toEqual(['runmapxml', 'runmapxml']);
	});

	it('rejects a DOCTYPE or malformed XML with 400 before running (no run number consumed)', async () => {
		const token = await getToken();
		const before = (await (await call('runmap', { token, mapKey: MAP_KEYS.nightlyFtpImport })).json()) as RunMapResponse;
		sim.clearLog();
		const bad = [
			'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><RequestData><Table><a>&x;</a></Table></RequestData>',
			'<RequestData><Table><a>1</Table></RequestData>',
			'',
			'<RequestData><Xml>&lt;DataSet&gt;&lt;Table&gt;</Xml></RequestData>',
		];
		for (const body of bad) {
			for (const e of ['runmapdatatable', 'RunMapDataTableWithErrors', 'runmapxml']) {
				const res = await runDataTable(e, MAP_KEYS.nightlyFtpImport, body, token);
				expect(res.status).toBe(400);
				expect(typeof ((await res.json()) as { Message: unknown }).Message).toBe('string');
			}
		}
		expect(sim.runs).toHaveLength(0);
		const after = (await (await call('runmap', { token, mapKey: MAP_KEYS.nightlyFtpImport })).json()) as RunMapResponse;
		expect(after.RunNumber).toBe(before.RunNumber + 1);
	});

	it('answers RunMapResponse as DataContract XML with members in alphabetical order', async () => {
		const token = await getToken();
		const res = await call('runmapdatatable', { token, mapKey: MAP_KEYS.importCustomers }, {
			body: '<RequestData><Table><accountnumber>A</accountnumber></Table></RequestData>',
			headers: { Accept: 'application/xml', 'Content-Type': 'text/xml' },
		});
		expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
		const body = await res.text();
		expect(body.startsWith('<RunMapResponse xmlns="http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Api.Models" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ErrorCount>1</ErrorCount><ErrorMessage>Document was not sent due to document errors.</ErrorMessage><Errors />')).toBe(true);
		const names = [...body.matchAll(/<(\w+)[ />]/g)].map((m) => m[1]).slice(1);
		expect(names).toEqual(['ErrorCount', 'ErrorMessage', 'Errors', 'MapDescription', 'MapId', 'MapKey', 'RecordCount', 'RunNumber', 'Status']);
		const doc = xmlParser.parse(body) as { RunMapResponse: Record<string, string> };
		expect(doc.RunMapResponse.RunNumber).toBe(String(sim.runs[0].runNumber));
	});

	it('escapes the Errors table inside the XML RunMapResponse', async () => {
		const token = await getToken();
		const res = await call('RunMapDataTableWithErrors', { token, mapKey: MAP_KEYS.importCustomers }, {
			body: '<RequestData><Table><name>n</name></Table></RequestData>',
			headers: { Accept: 'application/xml' },
		});
		const body = await res.text();
		expect(body).toContain('<Errors>&lt;NewDataSet&gt;&#xD;\n');
		const errors = (xmlParser.parse(body) as { RunMapResponse: { Errors: string } }).RunMapResponse.Errors;
		expect((xmlParser.parse(errors) as ErrorTableDoc).NewDataSet.ErrorTable).toEqual([{ name: 'n', EONERUNERRORS: 'accountnumber is required.' }]);
	});
});

describe('SaveProcessErrors', () => {
	it('is true only for an existing run with errors, 400 on missing parameters', async () => {
		const token = await getToken();
		const failed = (await (await runDataTable('RunMapDataTableWithErrors', MAP_KEYS.importCustomers, '<RequestData><Table><name>x</name></Table></RequestData>', token)).json()) as RunMapResponse;
		const clean = (await (await call('runmap', { token, mapKey: MAP_KEYS.importCustomers })).json()) as RunMapResponse;
		const save = (runNumber: number, mapKey: string = MAP_KEYS.importCustomers) =>
			call('SaveProcessErrors', { token, mapKey, tenantServer: 'bc.example', tenantTechnicalName: 'CRONUS', runNumber: String(runNumber) });
		expect(await (await save(failed.RunNumber)).json()).toBe(true);
		expect(await (await save(clean.RunNumber)).json()).toBe(false);
		expect(await (await save(9999)).json()).toBe(false);
		expect(await (await save(failed.RunNumber, MAP_KEYS.purchaseJournal)).json()).toBe(false);
		const xml = await call('SaveProcessErrors', { token, mapKey: MAP_KEYS.importCustomers, tenantServer: 's', tenantTechnicalName: 't', runNumber: String(failed.RunNumber) }, { headers: { Accept: 'application/xml' } });
		expect(await xml.text()).toBe('<boolean xmlns="http://schemas.microsoft.com/2003/10/Serialization/">true</boolean>');
		const missing = await call('SaveProcessErrors', { token, mapKey: MAP_KEYS.importCustomers, tenantServer: 's', runNumber: '1' });
		expect(missing.status).toBe(400);
		expect(((await missing.json()) as { Message: string }).Message).toContain('tenantTechnicalName');
		expect((await call('SaveProcessErrors', { token: 'bad' })).status).toBe(401);
	});
});

// ---------------------------------------------------------------- content negotiation, routing, log

describe('content negotiation and routing', () => {
	it('serializes the token and validate results as XML on request', async () => {
		const res = await call('GetToken', loginParams(sim.demo.password), { headers: { Accept: 'application/xml' } });
		const body = await res.text();
		const m = /^<string xmlns="http:\/\/schemas.microsoft.com\/2003\/10\/Serialization\/">([A-Za-z0-9+/=]+)<\/string>$/.exec(body);
		expect(m).not.toBeNull();
		const token = (m as RegExpExecArray)[1];
		const v = await call('validate', { token }, { headers: { Accept: 'text/xml, application/json;q=0.5' } });
		expect(await v.text()).toBe('<boolean xmlns="http://schemas.microsoft.com/2003/10/Serialization/">true</boolean>');
		const j = await call('validate', { token }, { headers: { Accept: 'application/xml;q=0.1, application/json' } });
		expect(await j.text()).toBe('true');
		const key = await fetch(sim.publicKeyUrl, { headers: { Accept: 'application/xml' } });
		expect(await key.text()).toMatch(/^<string xmlns="http:\/\/schemas.microsoft.com\/2003\/10\/Serialization\/">&lt;RSAKeyValue&gt;/);
	});

	it('404s an unknown route with the token masked, and 405s other verbs', async () => {
		const token = await getToken();
		const res = await fetch(`${sim.apiUrl}/NoSuchThing?token=${encodeURIComponent(token)}&x=1`, { method: 'POST' });
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({
			Message: `No HTTP resource was found that matches the request URI '${sim.apiUrl}/NoSuchThing?token=***&x=1'.`,
		});
		expect((await fetch(`${sim.apiUrl}/v1/public-key`)).status).toBe(404);
		expect((await fetch(`${sim.url}/v2/API/GetMapList`)).status).toBe(404);
		const put = await fetch(`${sim.apiUrl}/GetMapList?token=${encodeURIComponent(token)}`, { method: 'PUT' });
		expect(put.status).toBe(405);
		expect(await put.json()).toEqual({ Message: "The requested resource does not support http method 'PUT'." });
	});

	it('serves endpoints without the /API prefix too', async () => {
		const token = await getToken();
		const res = await fetch(`${sim.url}/getmaplist?token=${encodeURIComponent(token)}`);
		expect(((await res.json()) as unknown[]).length).toBe(visibleMapCount());
	});

	it('logs every request with method, path, endpoint, raw query, lower-case headers, body and status', async () => {
		const token = await getToken();
		await call('RunMapDataTable', { token, mapKey: MAP_KEYS.importCustomers }, { body: '<RequestData/>', headers: { 'Content-Type': 'text/xml', 'X-Trace': 'abc' } });
		await call('Nope', { token: 'bad' });
		expect(sim.log.map((l) => [l.method, l.path, l.endpoint, l.status])).toEqual([
			['POST', '/API/GetToken', 'gettoken', 200],
			['POST', '/API/RunMapDataTable', 'runmapdatatable', 200],
			['POST', '/API/Nope', 'nope', 404],
		]);
		expect(sim.log[0].query).toEqual({ email: sim.demo.email, password: sim.demo.password, companyId: sim.demo.companyId });
		expect(sim.log[1].query).toEqual({ token, mapKey: MAP_KEYS.importCustomers });
		expect(sim.log[1].headers['content-type']).toBe('text/xml');
		expect(sim.log[1].headers['x-trace']).toBe('abc');
		expect(sim.log[1].body).toBe('<RequestData/>');
		expect(sim.log[1].time).toBeGreaterThan(0);
		expect(sim.count('gettoken')).toBe(1);
		expect(sim.count('RunMapDataTable')).toBe(1);
		expect(sim.runs[0].recordCount).toBe(0);
		sim.clearLog();
		expect(sim.log).toHaveLength(0);
		expect(sim.runs).toHaveLength(0);
	});
});

// ---------------------------------------------------------------- faults

describe('faults', () => {
	it('status fault on a run endpoint: the map runs, then e.g. 502 with Retry-After replaces the answer', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'runmap', fault: { kind: 'status', status: 502, headers: { 'Retry-After': '7' } } });
		const res = await call('runmap', { token, mapKey: MAP_KEYS.purchaseJournal });
		expect(res.status).toBe(502);
		expect(res.headers.get('retry-after')).toBe('7');
		expect(await res.json()).toEqual({ Message: 'An error has occurred.' });
		expect(sim.runs).toHaveLength(1);
		const next = (await (await call('runmap', { token, mapKey: MAP_KEYS.purchaseJournal })).json()) as RunMapResponse;
		expect(next.RunNumber).toBe(sim.runs[0].runNumber + 1);
		expect(sim.log.map((l) => l.status)).toEqual([200, 502, 200]);
	});

	it('status fault elsewhere does not act: HTML 500 page on GetToken issues no token; 429 body', async () => {
		const before = sim.issuedTokens().length;
		sim.inject({ endpoint: 'gettoken', fault: { kind: 'status', status: 500, body: '<html><body>Server Error</body></html>', contentType: 'text/html' } });
		const res = await call('GetToken', loginParams(sim.demo.password));
		expect(res.status).toBe(500);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(await res.text()).toContain('Server Error');
		expect(sim.issuedTokens().length).toBe(before);
		sim.inject({ endpoint: 'getmaplist', fault: { kind: 'status', status: 429, body: '{"Message":"slow down"}' } });
		const limited = await call('GetMapList', { token: await getToken() });
		expect(limited.status).toBe(429);
		expect(await limited.json()).toEqual({ Message: 'slow down' });
	});

	it('afterAction false on a run endpoint keeps the map from running', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'runmap', fault: { kind: 'status', status: 503 }, afterAction: false });
		expect((await call('runmap', { token, mapKey: MAP_KEYS.importCustomers })).status).toBe(503);
		expect(sim.runs).toHaveLength(0);
	});

	it('delay fault answers normally afterwards', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'getmaplist', fault: { kind: 'delay', ms: 30 } });
		const res = await call('GetMapList', { token });
		expect(res.status).toBe(200);
		expect(((await res.json()) as unknown[]).length).toBe(visibleMapCount());
	});

	it('delay fault on a run: the run happens although the client gave up; close() cancels the pending reply', async () => {
		const own = await SmartConnectSimulator.start();
		try {
			const token = await getToken(own.demo.companyId, own);
			own.inject({ endpoint: 'runmap', fault: { kind: 'delay', ms: 3_600_000 } });
			const abort = new AbortController();
			const pending = fetch(`${own.apiUrl}/runmap?${new URLSearchParams({ token, mapKey: MAP_KEYS.importCustomers })}`, {
				method: 'POST',
				signal: abort.signal,
			});
			await until(() => own.runs.length === 1);
			abort.abort();
			await expect(pending).rejects.toThrow();
			expect(own.runs[0]).toMatchObject({ mapKey: MAP_KEYS.importCustomers, recordCount: 3 });
			expect(own.log[1].status).toBe(0);
		} finally {
			await own.close();
		}
	});

	it('reset() drops a delayed answer: nothing of it is done, answered or logged afterwards', async () => {
		const tokens = sim.issuedTokens().length;
		sim.inject({ endpoint: 'gettoken', fault: { kind: 'delay', ms: 3_600_000 } });
		const { email, password, companyId } = sim.demo;
		const pending = fetch(`${sim.apiUrl}/GetToken?${new URLSearchParams({ email, password, companyId })}`, { method: 'POST' });
		await until(() => sim.count('gettoken') === 1);
		const later: string[] = [];
		sim.reset();
		sim.setOptions({ onLog: (entry) => later.push(entry.endpoint) });
		await expect(pending).rejects.toThrow();
		expect(sim.log).toEqual([]);
		expect(later).toEqual([]);
		expect(sim.issuedTokens()).toHaveLength(tokens);
		// The simulator answers as usual afterwards.
		expect(typeof (await getToken())).toBe('string');
		expect(later).toEqual(['gettoken']);
	});

	it('empty fault: 200 with an empty body', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'validate', fault: { kind: 'empty' } });
		const res = await call('validate', { token });
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('');
		expect(await (await call('validate', { token })).json()).toBe(true);
	});

	it('malformed fault: 200 application/json that does not parse', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'runmapwithvariables', fault: { kind: 'malformed' } });
		const res = await call('RunMapWithVariables', { token, mapKey: MAP_KEYS.nightlyFtpImport }, { body: '[]' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		await expect(res.json()).rejects.toThrow();
		expect(sim.runs).toHaveLength(1);
	});

	it('reset fault: the connection drops without a response (after the run)', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'runmapdatatable', fault: { kind: 'reset' } });
		await expect(runDataTable('runmapdatatable', MAP_KEYS.importCustomers, '<RequestData><Table><accountnumber>1</accountnumber><name>n</name></Table></RequestData>', token)).rejects.toThrow();
		expect(sim.runs).toHaveLength(1);
		const entry = sim.log.find((l) => l.endpoint === 'runmapdatatable');
		expect(entry?.status).toBe(0);
	});

	it('resetMidBody fault: headers and part of the body, then the connection drops', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'getmaplist', fault: { kind: 'resetMidBody' } });
		const res = await call('GetMapList', { token });
		expect(res.status).toBe(200);
		await expect(res.text()).rejects.toThrow();
		sim.inject({ endpoint: 'runmap', fault: { kind: 'resetMidBody' } });
		const run = await call('runmap', { token, mapKey: MAP_KEYS.importCustomers });
		await expect(run.json()).rejects.toThrow();
		expect(sim.runs).toHaveLength(1);
	});

	it('tokenRejected fault rejects a valid token in either style and never runs the map', async () => {
		const token = await getToken();
		sim.inject({ endpoint: 'runmap', fault: { kind: 'tokenRejected', as: 'http401' } });
		sim.inject({ endpoint: 'runmap', fault: { kind: 'tokenRejected', as: 'body200' } });
		const a = await call('runmap', { token, mapKey: MAP_KEYS.importCustomers });
		expect(a.status).toBe(401);
		const b = await call('runmap', { token, mapKey: MAP_KEYS.importCustomers });
		expect(b.status).toBe(200);
		expect(((await b.json()) as { Message: string }).Message).toMatch(/token is invalid or has expired/);
		expect(sim.runs).toHaveLength(0);
		expect((await call('runmap', { token, mapKey: MAP_KEYS.importCustomers })).status).toBe(200);
		expect(sim.runs).toHaveLength(1);
	});

	it('rules count down `times`, apply in injection order, and "*" matches every endpoint', async () => {
		const token = await getToken();
		const rules: FaultRule[] = [
			{ endpoint: 'getmaplist', fault: { kind: 'status', status: 500 }, times: 2 },
			{ endpoint: 'getmaplist', fault: { kind: 'status', status: 503 } },
		];
		rules.forEach((r) => sim.inject(r));
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('GetMapList', { token })).status);
		expect(statuses).toEqual([500, 500, 503, 200]);
		sim.inject({ endpoint: '*', fault: { kind: 'status', status: 418 }, times: Infinity });
		expect((await call('validate', { token })).status).toBe(418);
		expect((await fetch(sim.publicKeyUrl)).status).toBe(418);
		expect((await call('GetToken', loginParams(sim.demo.password))).status).toBe(418);
		sim.clearFaults();
		expect((await call('validate', { token })).status).toBe(200);
	});
});

// ---------------------------------------------------------------- misc

describe('seed data and lifecycle', () => {
	it('seedMaps has the documented maps with fixed keys and one column with a space', () => {
		const maps = seedMaps();
		expect(maps.map((m) => m.mapId)).toEqual(['IMPORT CUSTOMERS', 'PURCHASE JOURNAL', 'CUSTOMERS BY COUNTY', 'NIGHTLY FTP IMPORT', 'WEBHOOK ORDERS']);
		expect(maps.find((m) => m.mapKey === MAP_KEYS.customersByCounty)?.variableFilter).toEqual({ variable: 'GBL_COUNTY', column: 'County' });
		const counties = new Set(maps.find((m) => m.mapKey === MAP_KEYS.customersByCounty)?.rows.map((r) => r.County));
		expect(counties.size).toBe(3);
		expect(maps.some((m) => m.columns.some((c) => c.ColumnName === 'Account No'))).toBe(true);
		expect(maps.filter((m) => m.realTime)).toHaveLength(1);
		expect(new Set(maps.map((m) => m.firstRunNumber)).size).toBe(maps.length);
	});

	it('generateRows is deterministic', () => {
		const a = SmartConnectSimulator.generateRows(25, ['Id', 'Name']);
		expect(a).toEqual(generateRows(25, ['Id', 'Name']));
		expect(a).toHaveLength(25);
		expect(a[0]).toEqual({ Id: 'Id 0', Name: 'Name 0' });
		expect(a[9].Id).toBe('Id 9 & co');
	});

	it('serves a large generated source through GetAllData', async () => {
		const map: SimMap = {
			mapKey: crypto.randomUUID(),
			mapId: 'BIG',
			description: 'generated',
			columns: [{ ColumnName: 'Id', IsRequired: true }, { ColumnName: 'Amount', IsRequired: false }],
			mappedColumns: [],
			rows: generateRows(2000, ['Id', 'Amount']),
		};
		sim.addMap(map);
		const body = await (await call('GetAllData', { token: await getToken(), mapKey: map.mapKey })).text();
		const rows = parseAllData(body);
		expect(rows).toHaveLength(2000);
		expect(rows[1999]).toEqual({ Id: 'Id 1999 & co', Amount: 'Amount 1999' });
	});

	it('starts with custom maps and options, and close() ends keep-alive connections', async () => {
		const own = await SmartConnectSimulator.start({ maps: [seedMaps()[1]], invalidTokenResponse: 'body200', badLoginResponse: 'http401' });
		expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(own.apiUrl).toBe(`${own.url}/API`);
		expect(own.publicKeyUrl).toBe(`${own.url}/v1/public-key`);
		expect((await fetch(`${own.apiUrl}/GetToken?email=x&password=y&companyId=z`, { method: 'POST' })).status).toBe(401);
		expect((await fetch(`${own.apiUrl}/GetMapList?token=bad`)).status).toBe(200);
		const list = (await (await fetch(`${own.apiUrl}/GetMapList?token=${encodeURIComponent(await getToken(own.demo.companyId, own))}`)).json()) as { MapId: string }[];
		expect(list.map((m) => m.MapId)).toEqual(['PURCHASE JOURNAL']);
		await own.close();
		await expect(fetch(`${own.apiUrl}/validate`)).rejects.toThrow();
	});
});

// ---------------------------------------------------------------- run history, errors, outputs, catalog (GET endpoints)

describe('what SmartConnect did: the GET endpoints', () => {
	const get = (endpoint: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
		call(endpoint, params, { method: 'GET', headers });
	/** importCustomers requires accountnumber and name: this row fails. */
	const badRow = { accountnumber: 'C9', name: '', email: 'x@example.com' };

	beforeEach(() => sim.setOptions({ errorsFormat: 'json' }));

	it('GetHistoryForProcess keeps the last 10 runs of the map, newest first, in the documented shape', async () => {
		const token = await getToken();
		const numbers: number[] = [];
		for (let i = 0; i < 12; i++) numbers.push(sim.runScheduled(MAP_KEYS.importCustomers, i === 11 ? [badRow] : undefined).RunNumber);
		const res = await get('GetHistoryForProcess', { token, processId: MAP_KEYS.importCustomers });
		expect(res.status).toBe(200);
		const body = (await res.json()) as Array<Record<string, unknown>>;
		expect(body.map((r) => r.RunNumber)).toEqual(numbers.slice(2).reverse());
		expect(Object.keys(body[0])).toEqual(['Id', 'MapId', 'RunNumber', 'RunDate', 'RecordCount', 'ErrorCount', 'ErrorsSaved']);
		expect(body[0]).toMatchObject({ MapId: 'IMPORT CUSTOMERS', RecordCount: 1, ErrorCount: 1, ErrorsSaved: false });
		expect(body[1]).toMatchObject({ RecordCount: 3, ErrorCount: 0 });
		expect(body[0].RunDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
	});

	it('web-service runs land in the history too; another map, another company and POST are kept apart', async () => {
		const token = await getToken();
		const res = await call('runmap', { token, mapKey: MAP_KEYS.purchaseJournal });
		const run = (await res.json()) as RunMapResponse;
		const history = (await (await get('GetHistoryForProcess', { token, processId: MAP_KEYS.purchaseJournal })).json()) as Array<Record<string, unknown>>;
		expect(history.map((r) => r.RunNumber)).toEqual([run.RunNumber]);
		expect((await (await get('GetHistoryForProcess', { token, processId: MAP_KEYS.importCustomers })).json()) as unknown[]).toEqual([]);
		const other = await getToken(sim.demo.otherCompanyId);
		expect(await (await get('GetHistoryForProcess', { token: other, processId: MAP_KEYS.purchaseJournal })).text()).toBe('');
		expect((await call('GetHistoryForProcess', { token, processId: MAP_KEYS.purchaseJournal })).status).toBe(405);
		expect((await get('GetHistoryForProcess', { token: 'nope', processId: MAP_KEYS.purchaseJournal })).status).toBe(401);
	});

	it('GetErrorsForProcessRun answers the documented JSON: runTenants[].errorData.dataRows with EONERUNIDENT and EONERUNERRORS', async () => {
		const token = await getToken();
		const good = { accountnumber: 'C1', name: 'Fine' };
		const run = sim.runScheduled(MAP_KEYS.importCustomers, [good, badRow, { accountnumber: '', name: 'No number' }]);
		const body = (await (await get('GetErrorsForProcessRun', { token, processId: MAP_KEYS.importCustomers, runNumber: String(run.RunNumber) })).json()) as {
			runNumber: number;
			runTenants: Array<{ tenantServer: string; tenantTechnical: string; errorCount: number; errorData: { pageSize: number; dataRows: Array<Record<string, string>> } }>;
		};
		expect(body.runNumber).toBe(run.RunNumber);
		expect(body.runTenants).toHaveLength(1);
		const tenant = body.runTenants[0];
		expect(tenant).toMatchObject({ tenantServer: 'SIMSQL01', tenantTechnical: 'TWO', errorCount: 2 });
		expect(tenant.errorData.pageSize).toBe(1000);
		expect(tenant.errorData.dataRows.map((r) => [r.accountnumber, r.EONERUNERRORS])).toEqual([
			['C9', 'name is required.'],
			['', 'accountnumber is required.'],
		]);
		expect(tenant.errorData.dataRows[0].EONERUNIDENT).toMatch(/^[0-9a-f-]{36}$/);
		// A run without errors, and a run no longer kept: no tenants.
		const clean = sim.runScheduled(MAP_KEYS.importCustomers);
		const none = (await (await get('GetErrorsForProcessRun', { token, processId: MAP_KEYS.importCustomers, runNumber: String(clean.RunNumber) })).json()) as { runTenants: unknown[] };
		expect(none.runTenants).toEqual([]);
		expect((await get('GetErrorsForProcessRun', { token, processId: MAP_KEYS.importCustomers, runNumber: 'x' })).status).toBe(400);
	});

	it('GetErrorsForProcessRun can answer as DataTable XML (a string, JSON-quoted or <string>-wrapped by Accept)', async () => {
		const token = await getToken();
		sim.setOptions({ errorsFormat: 'dataTableXml' });
		const run = sim.runScheduled(MAP_KEYS.importCustomers, [badRow]);
		const params = { token, processId: MAP_KEYS.importCustomers, runNumber: String(run.RunNumber) };
		const text = (await (await get('GetErrorsForProcessRun', params)).json()) as string;
		const doc = xmlParser.parse(text) as ErrorTableDoc;
		expect(doc.NewDataSet.ErrorTable).toEqual([{ accountnumber: 'C9', name: '', email: 'x@example.com', EONERUNERRORS: 'name is required.' }]);
		const xml = await (await get('GetErrorsForProcessRun', params, { Accept: 'application/xml' })).text();
		expect(xml.startsWith('<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">&lt;NewDataSet&gt;')).toBe(true);
	});

	it('GetOutputsForProcess lists each run\'s file with a token-bearing outputUri; the download needs a valid token', async () => {
		const token = await getToken();
		const first = sim.runScheduled(MAP_KEYS.importCustomers);
		const second = sim.runScheduled(MAP_KEYS.importCustomers, [{ accountnumber: 'C1', name: 'Comma, "quoted"' }]);
		const all = (await (await get('GetOutputsForProcess', { token, processId: MAP_KEYS.importCustomers })).json()) as Array<Record<string, string | number>>;
		expect(all.map((o) => o.runNumber)).toEqual([second.RunNumber, first.RunNumber]);
		const only = (await (await get('GetOutputsForProcess', { token, processId: MAP_KEYS.importCustomers, runNumber: String(second.RunNumber) })).json()) as Array<Record<string, string>>;
		expect(only).toHaveLength(1);
		expect(only[0].fileName).toBe(`IMPORT_CUSTOMERS___${second.RunNumber}.csv`);
		const uri = new URL(only[0].outputUri);
		expect(uri.pathname).toBe('/api/getfile');
		expect(uri.searchParams.get('token')).toBe(token);
		const file = await fetch(uri);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-disposition')).toBe(`attachment; filename="IMPORT_CUSTOMERS___${second.RunNumber}.csv"`);
		expect(await file.text()).toBe('accountnumber,name\r\nC1,"Comma, ""quoted"""\r\n');
		uri.searchParams.set('token', 'forged');
		expect((await fetch(uri)).status).toBe(401);
		sim.revokeTokens();
		expect((await fetch(only[0].outputUri)).status).toBe(401);
	});

	it('GetConnections, GetDataSources and the maps of a connection or a data source, per company', async () => {
		const token = await getToken();
		const connections = (await (await get('GetConnections', { token })).json()) as Array<Record<string, string>>;
		expect(connections.map((c) => c.ConnectionType)).toEqual(['Business Central', 'SQL Server']);
		expect(Object.keys(connections[0])).toEqual(['Id', 'Description', 'ConnectionType']);
		const sources = (await (await get('GetDataSources', { token })).json()) as Array<Record<string, string>>;
		expect(sources).toHaveLength(5);
		expect(Object.keys(sources[0])).toEqual(['Id', 'Description', 'ConnectionId', 'Company', 'Type']);
		const byConnection = (await (await get('GetProcessesByConnection', { token, connectionId: CONNECTION_IDS.sqlWarehouse })).json()) as {
			Items: Array<Record<string, unknown>>;
		};
		expect(byConnection.Items.map((m) => m.mapKey)).toEqual([MAP_KEYS.customersByCounty, MAP_KEYS.nightlyFtpImport]);
		expect(byConnection.Items[0]).toMatchObject({ connectionType: 'SQL Server', storesErrors: true, tenants: [{ serverName: 'SIMSQL01', technicalName: 'TWO' }] });
		const bySource = (await (await get('GetProcessesForDatasource', { token, dataSourceId: DATA_SOURCE_IDS.purchaseJournalExcel })).json()) as Array<Record<string, string>>;
		expect(bySource).toEqual([{ Id: MAP_KEYS.purchaseJournal, MapId: 'PURCHASE JOURNAL', Description: 'Import of Purchase Journal', SourceType: 'Excel', TargetType: 'Business Central' }]);
		// The other company's connection is not visible with this token.
		expect(((await (await get('GetProcessesByConnection', { token, connectionId: CONNECTION_IDS.vendorsGp })).json()) as { Items: unknown[] }).Items).toEqual([]);
		expect((await get('GetProcessesByConnection', { token })).status).toBe(400);
	});

	it('GetCompanyList takes the email and the RSA-encrypted password, no token; HMAC or plain passwords are refused', async () => {
		const key = await rsaPublicKey();
		const res = await call('GetCompanyList', { email: sim.demo.email, password: rsaEncrypt(key, sim.demo.password) });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual([
			{ Id: sim.demo.companyId, Name: 'Demo Company 1', SubscriptionExpiry: null },
			{ Id: sim.demo.otherCompanyId, Name: 'Demo Company 2', SubscriptionExpiry: null },
		]);
		expect((await call('GetCompanyList', { email: sim.demo.email, password: hmac(sim.demo.password) })).status).toBe(401);
		expect((await call('GetCompanyList', { email: sim.demo.email, password: sim.demo.password })).status).toBe(401);
		expect((await call('GetCompanyList', { email: sim.demo.email, password: rsaEncrypt(key, 'wrong') })).status).toBe(401);
	});
});
