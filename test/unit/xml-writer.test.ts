/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
import { runInNewContext } from 'vm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import {
	decodeXmlName,
	writeRunMapDataTableBody,
	encodeXmlName,
	formatValue,
	parseXml,
	readDataTable,
	variablesJson,
	writeRunMapXmlBody,
	writeVariablesXml,
	XmlValueError,
} from '../../nodes/SmartConnect/xml';
import { dataTableBodyText, escapeXmlText, readVariablesXml, writeDataSet, xmlBodyFromRowsText } from '../helpers/xml';
import type { Row } from '../../nodes/SmartConnect/xml';

const VARS_OPEN =
	'<ArrayOfVariableOfstringstring xmlns="http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Engine" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">';

function catchError(f: () => unknown): XmlValueError {
	try {
		f();
	} catch (e) {
		expect(e).toBeInstanceOf(XmlValueError);
		return e as XmlValueError;
	}
	throw new Error('expected an XmlValueError');
}

function wellFormed(xml: string): void {
	expect(XMLValidator.validate(xml)).toBe(true);
	expect(() => parseXml(xml)).not.toThrow();
}

describe('escapeXmlText', () => {
	it('escapes &, <, > and CR, leaves quotes, tab and LF', () => {
		expect(escapeXmlText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
		expect(escapeXmlText('x]]>y')).toBe('x]]&gt;y');
		expect(escapeXmlText('line1\r\nline2\rline3\n\tz')).toBe('line1&#xD;\nline2&#xD;line3\n\tz');
		expect(escapeXmlText(`"quoted" 'single'`)).toBe(`"quoted" 'single'`);
		expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
		expect(escapeXmlText('plain')).toBe('plain');
		expect(escapeXmlText('')).toBe('');
	});

	it('keeps astral characters and rejects characters XML forbids', () => {
		expect(escapeXmlText('😀 𝄞 中 é')).toBe('😀 𝄞 中 é');
		for (const bad of ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uD800', 'a\uDC00', '\uFFFE', '\uFFFF', '\uD83D']) {
			const e = catchError(() => escapeXmlText(`ok ${bad} ok`));
			expect(e.reason).toBe('invalidChar');
			expect(e.rowIndex).toBe(-1);
		}
		expect(catchError(() => escapeXmlText('a\u0001')).message).toContain('U+0001');
	});
});

describe('encodeXmlName / decodeXmlName (.NET XmlConvert.EncodeLocalName / DecodeName)', () => {
	const cases: Array<[string, string]> = [
		['Name', 'Name'],
		['Account No', 'Account_x0020_No'],
		['a b c', 'a_x0020_b_x0020_c'],
		['1st', '_x0031_st'],
		['123', '_x0031_23'],
		['a:b', 'a_x003A_b'],
		[':a', '_x003A_a'],
		['-a', '_x002D_a'],
		['.a', '_x002E_a'],
		['a-b.c_d9', 'a-b.c_d9'],
		['_x0020_', '_x005F_x0020_'],
		['_X0020_', '_x005F_X0020_'],
		['a_x00e9_b', 'a_x005F_x00e9_b'],
		['_x00000020_', '_x005F_x00000020_'],
		['_x0020_x0020_', '_x005F_x0020_x005F_x0020_'],
		['_x002_', '_x002_'],
		['_x00200_', '_x00200_'],
		['_', '_'],
		['__proto__', '__proto__'],
		['Größe', 'Größe'],
		['名前', '名前'],
		['emoji😀', 'emoji_x0001F600_'],
		['😀', '_x0001F600_'],
		['a\u0001', 'a_x0001_'],
		['a\uD800b', 'a_xD800_b'],
		['a/b', 'a_x002F_b'],
		['a@b', 'a_x0040_b'],
		['a&b', 'a_x0026_b'],
		['a<b>', 'a_x003C_b_x003E_'],
		['price $', 'price_x0020__x0024_'],
		// valid in XML 1.0 5th edition, but not in the 4th-edition tables .NET's encoder uses
		['ǅ', '_x01C5_'],
		['\u0e2f', '_x0E2F_'],
		['a\u00b7', 'a\u00b7'],
		['\u00b7a', '_x00B7_a'],
	];

	it.each(cases)('encodes %j as %j and decodes it back', (name, encoded) => {
		expect(encodeXmlName(name)).toBe(encoded);
		expect(decodeXmlName(encoded)).toBe(name);
	});

	it('produces names every XML parser accepts', () => {
		for (const [name] of cases) {
			const enc = encodeXmlName(name);
			const el = parseXml(`<${enc}/>`);
			expect(el.qname).toBe(enc);
			expect(XMLValidator.validate(`<${enc}/>`)).toBe(true);
		}
	});

	it('rejects the empty name', () => {
		const e = catchError(() => encodeXmlName(''));
		expect(e.reason).toBe('invalidName');
	});

	it('decodes like .NET', () => {
		expect(decodeXmlName('Account_x0020_No')).toBe('Account No');
		expect(decodeXmlName('_X0020_')).toBe(' ');
		expect(decodeXmlName('_x00e9_')).toBe('é');
		expect(decodeXmlName('_x0001F600_')).toBe('😀');
		expect(decodeXmlName('_x00110000_')).toBe('_x00110000_'); // beyond Unicode: left alone
		expect(decodeXmlName('_x0020')).toBe('_x0020');
		expect(decodeXmlName('a_x0041__x0042_b')).toBe('aABb');
		expect(decodeXmlName('_x0041_x0042_')).toBe('Ax0042_');
		expect(decodeXmlName('plain_name')).toBe('plain_name');
		expect(decodeXmlName('')).toBe('');
	});
});

describe('formatValue', () => {
	const f = (v: unknown, opts?: Parameters<typeof formatValue>[3]) => formatValue(v as never, 3, 'col', opts);

	it('formats strings, booleans and numbers without exponent', () => {
		expect(f('text')).toBe('text');
		expect(f('a&b')).toBe('a&b'); // not escaped: escapeXmlText does that
		expect(f('')).toBe('');
		expect(f(true)).toBe('true');
		expect(f(false)).toBe('false');
		expect(f(0)).toBe('0');
		expect(f(-0)).toBe('0');
		expect(f(42)).toBe('42');
		expect(f(-1.5)).toBe('-1.5');
		expect(f(123.456)).toBe('123.456');
		expect(f(0.1 + 0.2)).toBe('0.30000000000000004');
		expect(f(1e21)).toBe('1000000000000000000000');
		expect(f(1.5e21)).toBe('1500000000000000000000');
		expect(f(-1e21)).toBe('-1000000000000000000000');
		expect(f(1e-7)).toBe('0.0000001');
		expect(f(1.25e-7)).toBe('0.000000125');
		expect(f(-1.5e-10)).toBe('-0.00000000015');
		expect(f(1e-6)).toBe('0.000001');
		expect(f(2 ** 53)).toBe('9007199254740992');
		expect(f(Number.MAX_VALUE)).toBe('17976931348623157' + '0'.repeat(292));
		expect(f(5e-324)).toBe('0.' + '0'.repeat(323) + '5');
		expect(f(BigInt('12345678901234567890123'))).toBe('12345678901234567890123');
		expect(f(BigInt(-5))).toBe('-5');
	});

	it('writes amounts in hundredths with the digits String(n) gives, from 0.01 up to 1e13 and beyond', () => {
		expect(f(0.07)).toBe('0.07');
		expect(f(-0.05)).toBe('-0.05');
		expect(f(0.1)).toBe('0.1');
		expect(f(19.9)).toBe('19.9');
		expect(f(-1234.56)).toBe('-1234.56');
		expect(f(100.5)).toBe('100.5');
		expect(f(9999999999999.99)).toBe(String(9999999999999.99));
		expect(f(1e13 + 0.5)).toBe('10000000000000.5');
		// Every hundredth below 1,000 and a sweep of larger ones, either sign; and near-hundredths that are not.
		const values: number[] = [];
		for (let c = 1; c < 100000; c++) values.push(c / 100, -c / 100, c / 100 + 1e-9);
		for (let e = 5; e <= 13; e++) for (let k = 1; k < 2000; k++) values.push(Math.round(10 ** e * (k / 1999)) / 100 + (k % 100) / 100);
		const wrong = values.filter((v) => f(v) !== String(v));
		expect(wrong).toEqual([]);
	});

	it('rejects NaN and infinities', () => {
		for (const v of [NaN, Infinity, -Infinity]) {
			const e = catchError(() => f(v));
			expect(e.reason).toBe('number');
			expect(e.rowIndex).toBe(3);
			expect(e.column).toBe('col');
			expect(e.message).toContain('Row 3, column "col"');
		}
	});

	it('writes dates as ISO 8601, also from another realm', () => {
		expect(f(new Date(Date.UTC(2018, 8, 16, 5, 6, 7, 8)))).toBe('2018-09-16T05:06:07.008Z');
		expect(f(runInNewContext('new Date(0)'))).toBe('1970-01-01T00:00:00.000Z');
		const e = catchError(() => f(new Date('not a date')));
		expect(e.reason).toBe('number');
		expect(e.message).toContain('invalid Date');
	});

	it('omits null and undefined', () => {
		expect(f(null)).toBeUndefined();
		expect(f(undefined)).toBeUndefined();
	});

	it('rejects nested objects and arrays unless nested: json', () => {
		for (const v of [{ a: 1 }, [1, 2], {}, [], runInNewContext('({x: 1})')]) {
			const e = catchError(() => formatValue(v, 2, 'addr'));
			expect(e.reason).toBe('nested');
			expect(e.rowIndex).toBe(2);
			expect(e.column).toBe('addr');
			expect(e.message).toContain('Row 2, column "addr"');
		}
		expect(f({ a: 1, b: [true, null] }, { nested: 'json' })).toBe('{"a":1,"b":[true,null]}');
		expect(f(['x'], { nested: 'json' })).toBe('["x"]');
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(catchError(() => f(cyclic, { nested: 'json' })).reason).toBe('nested');
		expect(catchError(() => f(() => 1, { nested: 'json' })).reason).toBe('nested');
		expect(catchError(() => f(Symbol('s'))).reason).toBe('nested');
	});

	it('applies the invalid-character policy', () => {
		const e = catchError(() => f('a\u0001b'));
		expect(e.reason).toBe('invalidChar');
		expect(e.message).toBe('Row 3, column "col": character U+0001 is not allowed in XML');
		expect(f('a\u0001b\uD800c\uFFFFd😀', { invalidChars: 'drop' })).toBe('abcd😀');
		expect(f('\uDBFF', { invalidChars: 'drop' })).toBe('');
		expect(f({ s: '\u0002' }, { nested: 'json', invalidChars: 'drop' })).toBe('{"s":"\\u0002"}');
	});
});

describe('writeRunMapDataTableBody', () => {
	it('returns the body as its UTF-8 bytes, also when later rows are longer than the first ones', () => {
		const rows = Array.from({ length: 6000 }, (_, i) => ({
			a: `é配😀 ${i} & <x>`,
			b: i < 3000 ? 'x' : 'longer text '.repeat(1 + (i % 40)),
			n: i / 8,
		}));
		const body = writeRunMapDataTableBody(rows);
		expect(Buffer.isBuffer(body)).toBe(true);
		const text = body.toString('utf8');
		expect(Buffer.from(text, 'utf8').equals(body)).toBe(true);
		expect(readDataTable(text).rows).toEqual(rows.map((row) => ({ a: row.a, b: row.b, n: String(row.n) })));
	});

	it('writes the documented RunMapDataTable layout (S1 / Python sample)', () => {
		const rows: Row[] = [
			{ PostingDate: '9/16/2018', Batch: 'ETHA', DocumentNo: 'Test001', Amount: 50 },
			{ PostingDate: '9/17/2018', Batch: 'ETHA', DocumentNo: 'Test002', Amount: 12.5 },
		];
		const xml = dataTableBodyText(rows);
		expect(xml).toBe(
			'<RequestData>' +
				'<Table><PostingDate>9/16/2018</PostingDate><Batch>ETHA</Batch><DocumentNo>Test001</DocumentNo><Amount>50</Amount></Table>' +
				'<Table><PostingDate>9/17/2018</PostingDate><Batch>ETHA</Batch><DocumentNo>Test002</DocumentNo><Amount>12.5</Amount></Table>' +
				'</RequestData>',
		);
		wellFormed(xml);
	});

	it('writes the documented Variables / Xml layout when variables are given', () => {
		const xml = dataTableBodyText([{ Name: 'C00070', No: 'C00070', County: 'ID' }], {
			variables: [{ Key: 'GBL_COUNTY', Value: 'ND' }],
		});
		expect(xml).toBe(
			'<RequestData><Variables>' +
				VARS_OPEN +
				'<VariableOfstringstring><Key>GBL_COUNTY</Key><Value>ND</Value></VariableOfstringstring></ArrayOfVariableOfstringstring>' +
				'</Variables><Xml><Table><Name>C00070</Name><No>C00070</No><County>ID</County></Table></Xml></RequestData>',
		);
		wellFormed(xml);
		expect(dataTableBodyText([{ a: '1' }], { variables: [] })).toBe('<RequestData><Table><a>1</a></Table></RequestData>');
	});

	it('omits null / undefined cells, writes empty strings as empty elements', () => {
		expect(dataTableBodyText([{ a: null, b: undefined, c: '', d: 'x' }])).toBe(
			'<RequestData><Table><c></c><d>x</d></Table></RequestData>',
		);
		expect(dataTableBodyText([{ a: null }])).toBe('<RequestData><Table></Table></RequestData>');
		expect(dataTableBodyText([])).toBe('<RequestData></RequestData>');
	});

	it('escapes values and encodes column names', () => {
		const xml = dataTableBodyText([{ 'Account No': 'A&B <Ltd> ]]>', '1st': 'x\r\ny', 'a:b': true }]);
		expect(xml).toBe(
			'<RequestData><Table><Account_x0020_No>A&amp;B &lt;Ltd&gt; ]]&gt;</Account_x0020_No><_x0031_st>x&#xD;\ny</_x0031_st><a_x003A_b>true</a_x003A_b></Table></RequestData>',
		);
		wellFormed(xml);
		expect(readDataTable(xml).rows).toEqual([{ 'Account No': 'A&B <Ltd> ]]>', '1st': 'x\r\ny', 'a:b': 'true' }]);
	});

	it('keeps each row\'s own key order and columns', () => {
		const xml = dataTableBodyText([{ a: '1', b: '2' }, { b: '3', c: '4' }, { a: '5', b: '6' }]);
		expect(xml).toBe(
			'<RequestData><Table><a>1</a><b>2</b></Table><Table><b>3</b><c>4</c></Table><Table><a>5</a><b>6</b></Table></RequestData>',
		);
	});

	it('uses the rowElement option', () => {
		expect(dataTableBodyText([{ a: '1' }], { rowElement: 'Table01' })).toBe(
			'<RequestData><Table01><a>1</a></Table01></RequestData>',
		);
		expect(dataTableBodyText([{ a: '1' }], { rowElement: 'My Rows' })).toBe(
			'<RequestData><My_x0020_Rows><a>1</a></My_x0020_Rows></RequestData>',
		);
		expect(catchError(() => dataTableBodyText([{ a: '1' }], { rowElement: '' })).reason).toBe('invalidName');
	});

	it('treats __proto__ and constructor as plain column names and ignores inherited properties', () => {
		const row = JSON.parse('{"__proto__":"p","constructor":"c","toString":"t","hasOwnProperty":"h"}') as Row;
		const inherited = Object.create({ inheritedField: 'no' }) as Row;
		inherited.own = 'yes';
		const xml = dataTableBodyText([row, inherited]);
		expect(xml).toBe(
			'<RequestData><Table><__proto__>p</__proto__><constructor>c</constructor><toString>t</toString><hasOwnProperty>h</hasOwnProperty></Table>' +
				'<Table><own>yes</own></Table></RequestData>',
		);
		const table = readDataTable(xml);
		expect(Object.getPrototypeOf(table.rows[0])).toBe(Object.prototype);
		expect(Object.keys(table.rows[0])).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'own']);
		expect(table.rows[0]['__proto__']).toBe('p');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('writes only own enumerable keys: null prototype, class instances, other realms, polluted Object.prototype', () => {
		const bare = Object.create(null) as Row;
		bare.b = '1';
		bare.a = '2';
		class Item {
			x = 'x';
			get computed(): string {
				return 'no';
			}
		}
		const foreign = runInNewContext('({ f: "foreign", n: 2 })') as Row;
		const hidden = { shown: 's' } as Row;
		Object.defineProperty(hidden, 'hidden', { value: 'h', enumerable: false });
		const rows: Row[] = [bare, new Item() as unknown as Row, foreign, hidden, { 2: 'two', 1: 'one', z: 'z' }];
		const expected =
			'<RequestData><Table><b>1</b><a>2</a></Table><Table><x>x</x></Table><Table><f>foreign</f><n>2</n></Table>' +
			'<Table><shown>s</shown></Table><Table><_x0031_>one</_x0031_><_x0032_>two</_x0032_><z>z</z></Table></RequestData>';
		expect(dataTableBodyText(rows)).toBe(expected);
		const proto = Object.prototype as Record<string, unknown>;
		proto.pollutedForTest = 'bad';
		try {
			expect(dataTableBodyText(rows)).toBe(expected);
			expect(dataTableBodyText([{ a: '1' }])).toBe('<RequestData><Table><a>1</a></Table></RequestData>');
		} finally {
			delete proto.pollutedForTest;
		}
	});

	it('names the row and column of a bad value', () => {
		const rows: Row[] = [{ name: 'ok' }, { name: 'ok' }, { name: 'ok' }, { id: 1, name: 'bad\u0001' }];
		const e = catchError(() => dataTableBodyText(rows));
		expect(e.message).toBe('Row 3, column "name": character U+0001 is not allowed in XML');
		expect(e.rowIndex).toBe(3);
		expect(e.column).toBe('name');
		expect(e.reason).toBe('invalidChar');

		const n = catchError(() => dataTableBodyText([{ a: 1 }, { address: { street: 'x' } }]));
		expect(n).toMatchObject({ rowIndex: 1, column: 'address', reason: 'nested' });
		expect(n.message).toContain('Row 1, column "address"');

		expect(catchError(() => dataTableBodyText([{ x: NaN }])).reason).toBe('number');
		expect(catchError(() => dataTableBodyText([{ '': 'v' }]))).toMatchObject({ reason: 'invalidName', rowIndex: 0 });
	});

	it('drops invalid characters on request and writes nested values as JSON on request', () => {
		expect(dataTableBodyText([{ a: 'x\u0000y\uFFFE' }], { invalidChars: 'drop' })).toBe(
			'<RequestData><Table><a>xy</a></Table></RequestData>',
		);
		expect(dataTableBodyText([{ a: { k: '<v>' } }], { nested: 'json' })).toBe(
			'<RequestData><Table><a>{"k":"&lt;v&gt;"}</a></Table></RequestData>',
		);
	});

	it('writes numbers, booleans and dates by the documented rules', () => {
		const xml = dataTableBodyText([
			{ big: 1e21, small: 1e-7, neg0: -0, t: true, f: false, d: new Date(Date.UTC(2020, 0, 2)), n: BigInt(7) },
		]);
		expect(xml).toBe(
			'<RequestData><Table><big>1000000000000000000000</big><small>0.0000001</small><neg0>0</neg0><t>true</t><f>false</f>' +
				'<d>2020-01-02T00:00:00.000Z</d><n>7</n></Table></RequestData>',
		);
	});

	it('handles 100,000 rows × 12 columns (linear build)', () => {
		const rows: Row[] = [];
		for (let r = 0; r < 100000; r++) {
			const row: Row = {};
			for (let c = 0; c < 12; c++) row[`Column ${c}`] = c % 3 === 0 ? r * c : `value ${r}/${c} & more`;
			rows.push(row);
		}
		const xml = dataTableBodyText(rows);
		expect(xml.startsWith('<RequestData><Table><Column_x0020_0>0</Column_x0020_0>')).toBe(true);
		const table = readDataTable(xml);
		expect(table.rows.length).toBe(100000);
		expect(table.columns.length).toBe(12);
		expect(table.rows[99999]['Column 11']).toBe('value 99999/11 & more');
	});
});

describe('writeDataSet / writeRunMapXmlBody', () => {
	it('writes a DataSet with Table rows', () => {
		expect(writeDataSet([{ accountnumber: 'C00070', name: 'Test Account 001' }])).toBe(
			'<DataSet><Table><accountnumber>C00070</accountnumber><name>Test Account 001</name></Table></DataSet>',
		);
		expect(writeDataSet([{ a: '1' }], { rootElement: 'NewDataSet', rowElement: 'ErrorTable' })).toBe(
			'<NewDataSet><ErrorTable><a>1</a></ErrorTable></NewDataSet>',
		);
		expect(writeDataSet([])).toBe('<DataSet></DataSet>');
	});

	it('writes the documented RunMapXml body with the data set escaped inside <Xml>', () => {
		const ds = writeDataSet([{ accountnumber: 'C00070', name: 'Test Account 001' }]);
		const body = writeRunMapXmlBody(ds);
		expect(body).toBe(
			'<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Variables/><Xml>' +
				'&lt;DataSet&gt;&lt;Table&gt;&lt;accountnumber&gt;C00070&lt;/accountnumber&gt;&lt;name&gt;Test Account 001&lt;/name&gt;&lt;/Table&gt;&lt;/DataSet&gt;' +
				'</Xml></RequestData>',
		);
		wellFormed(body);
		const xmlEl = parseXml(body).children[1];
		expect(typeof xmlEl !== 'string' && xmlEl.children).toEqual([ds]);
		expect(readDataTable(body)).toEqual({
			dataSetName: 'DataSet',
			tableName: 'Table',
			columns: ['accountnumber', 'name'],
			rows: [{ accountnumber: 'C00070', name: 'Test Account 001' }],
		});
	});

	it('keeps CR of a pretty-printed data set (written as &#xD;) and values escaped twice', () => {
		const ds = '<DataSet>\r\n<Table>\r\n<a>x &amp; y</a>\r\n</Table>\r\n</DataSet>';
		const body = writeRunMapXmlBody(ds);
		expect(body).toContain('&lt;DataSet&gt;&#xD;\n&lt;Table&gt;');
		expect(body).toContain('x &amp;amp; y');
		const xmlEl = parseXml(body).children[1];
		expect(typeof xmlEl !== 'string' && xmlEl.children[0]).toBe(ds);
		expect(readDataTable(body).rows).toEqual([{ a: 'x & y' }]);
	});

	it('writes the same RunMapXml body directly from rows', () => {
		const rows: Row[] = [{ accountnumber: 'C00070', name: 'A & B <x>\r\n' }, { accountnumber: 'C00071', note: { a: 1 } }];
		const opts = { nested: 'json' as const, rootElement: 'NewDataSet', rowElement: 'Row 1' };
		const body = xmlBodyFromRowsText(rows, { ...opts, variables: [{ Key: 'K', Value: 'v' }] });
		expect(body).toBe(writeRunMapXmlBody(writeDataSet(rows, opts), [{ Key: 'K', Value: 'v' }]));
		expect(body).toContain('&lt;NewDataSet&gt;&lt;Row_x0020_1&gt;&lt;accountnumber&gt;C00070&lt;/accountnumber&gt;&lt;name&gt;A &amp;amp; B &amp;lt;x&amp;gt;&amp;#xD;\n&lt;/name&gt;');
		expect(readDataTable(body).rows).toEqual([
			{ accountnumber: 'C00070', name: 'A & B <x>\r\n', note: null },
			{ accountnumber: 'C00071', name: null, note: '{"a":1}' },
		]);
		expect(xmlBodyFromRowsText([])).toBe(writeRunMapXmlBody(writeDataSet([])));
		const e = catchError(() => xmlBodyFromRowsText([{ a: 'ok' }, { a: 'x\u0001' }]));
		expect(e).toMatchObject({ rowIndex: 1, column: 'a', reason: 'invalidChar' });
	});

	it('escapes long texts (batched path) exactly like short ones', () => {
		const unit = 'a&b<c>d\re]]>f😀 ';
		const long = unit.repeat(5000);
		const reference = long.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
		expect(escapeXmlText(long)).toBe(reference);
		expect(escapeXmlText('x'.repeat(5000))).toBe('x'.repeat(5000));
		expect(writeRunMapXmlBody(long).includes('<Xml>' + reference + '</Xml>')).toBe(true);
	});

	it('puts variables into <Variables>', () => {
		const body = writeRunMapXmlBody('<DataSet/>', [{ Key: 'GBL_A', Value: '1' }]);
		expect(body).toBe(
			'<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Variables>' +
				VARS_OPEN +
				'<VariableOfstringstring><Key>GBL_A</Key><Value>1</Value></VariableOfstringstring></ArrayOfVariableOfstringstring>' +
				'</Variables><Xml>&lt;DataSet/&gt;</Xml></RequestData>',
		);
		expect(readVariablesXml(body)).toEqual([{ Key: 'GBL_A', Value: '1' }]);
		expect(writeRunMapXmlBody('<DataSet/>', [])).toContain('<Variables/>');
	});
});

describe('variables', () => {
	it('writes the ArrayOfVariableOfstringstring document', () => {
		const xml = writeVariablesXml([
			{ Key: 'GBL_VARIABLE_NAME', Value: 'My Value' },
			{ Key: 'GBL_X', Value: 'a<b & "c"' },
		]);
		expect(xml).toBe(
			VARS_OPEN +
				'<VariableOfstringstring><Key>GBL_VARIABLE_NAME</Key><Value>My Value</Value></VariableOfstringstring>' +
				'<VariableOfstringstring><Key>GBL_X</Key><Value>a&lt;b &amp; "c"</Value></VariableOfstringstring>' +
				'</ArrayOfVariableOfstringstring>',
		);
		wellFormed(xml);
		expect(readVariablesXml(xml)).toEqual([
			{ Key: 'GBL_VARIABLE_NAME', Value: 'My Value' },
			{ Key: 'GBL_X', Value: 'a<b & "c"' },
		]);
		expect(writeVariablesXml([])).toBe(VARS_OPEN + '</ArrayOfVariableOfstringstring>');
	});

	it('coerces non-string values and rejects bad characters with the variable index', () => {
		const xml = writeVariablesXml([{ Key: 'N', Value: 5 as unknown as string }, { Key: 'E', Value: null as unknown as string }]);
		expect(readVariablesXml(xml)).toEqual([
			{ Key: 'N', Value: '5' },
			{ Key: 'E', Value: '' },
		]);
		const e = catchError(() => writeVariablesXml([{ Key: 'A', Value: 'ok' }, { Key: 'B', Value: 'x\u0007' }]));
		expect(e).toMatchObject({ rowIndex: 1, column: 'Value', reason: 'invalidChar' });
		expect(e.message).toBe('Variable 1, Value: character U+0007 is not allowed in XML');
		const n = catchError(() => writeVariablesXml([{ Key: 'A', Value: { x: 1 } as unknown as string }]));
		expect(n).toMatchObject({ rowIndex: 0, column: 'Value', reason: 'nested' });
		expect(n.message).toMatch(/^Variable 0, Value:/);
	});

	it('writes the JSON variables body', () => {
		expect(
			variablesJson([
				{ Key: 'GBL_TEST', Value: '107210' },
				{ Key: 'GBL_TEST2', Value: 'Sample' },
			]),
		).toBe('[{"Key":"GBL_TEST","Value":"107210"},{"Key":"GBL_TEST2","Value":"Sample"}]');
		expect(variablesJson([])).toBe('[]');
		expect(variablesJson([{ Key: 'K', Value: 12 as unknown as string }])).toBe('[{"Key":"K","Value":"12"}]');
	});
});

describe('output is accepted by fast-xml-parser', () => {
	it('parses the writer output back to the same strings', () => {
		const rows: Row[] = [{ 'Account No': 'x&y', when: '9/16/2018', cr: 'a\rb', emoji: '😀' }];
		const xml = writeDataSet(rows);
		const parsed = new XMLParser({ parseTagValue: false, trimValues: false, htmlEntities: true }).parse(xml);
		expect(parsed).toEqual({ DataSet: { Table: { Account_x0020_No: 'x&y', when: '9/16/2018', cr: 'a\rb', emoji: '😀' } } });
	});
});
