/* eslint-disable @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
import {
	parseXml,
	readDataTable,
	XmlElement,
	XmlParseError,
} from '../../nodes/SmartConnect/xml';
import { readSerializedString, readVariablesXml, textOf } from '../helpers/xml';

function parseErr(f: () => unknown): XmlParseError {
	try {
		f();
	} catch (e) {
		if (!(e instanceof XmlParseError)) throw e;
		return e;
	}
	throw new Error('expected an XmlParseError');
}

function el(node: unknown): XmlElement {
	if (typeof node === 'string' || node === undefined) throw new Error('not an element');
	return node as XmlElement;
}

// §1.4: the `Errors` value of a RunMapDataTableWithErrors response, as .NET writes it (CR LF, two-space indent).
const ERRORS_TABLE = [
	'<NewDataSet>',
	'  <xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">',
	'    <xs:element name="NewDataSet" msdata:IsDataSet="true" msdata:MainDataTable="ErrorTable" msdata:UseCurrentLocale="true">',
	'      <xs:complexType>',
	'        <xs:choice minOccurs="0" maxOccurs="unbounded">',
	'          <xs:element name="ErrorTable">',
	'            <xs:complexType>',
	'              <xs:sequence>',
	'                <xs:element name="accountnumber" type="xs:string" minOccurs="0" />',
	'                <xs:element name="CustomerID" type="xs:string" minOccurs="0" />',
	'                <xs:element name="name" type="xs:string" minOccurs="0" />',
	'                <xs:element name="Account_x0020_Type" type="xs:string" minOccurs="0" />',
	'                <xs:element name="EONERUNERRORS" type="xs:string" minOccurs="0" />',
	'              </xs:sequence>',
	'            </xs:complexType>',
	'          </xs:element>',
	'        </xs:choice>',
	'      </xs:complexType>',
	'    </xs:element>',
	'  </xs:schema>',
	'  <ErrorTable>',
	'    <accountnumber>C0008</accountnumber>',
	'    <CustomerID>IDs</CustomerID>',
	'    <name>Test Account 008</name>',
	'    <EONERUNERRORS>Document was not sent due to document errors.</EONERUNERRORS>',
	'  </ErrorTable>',
	'  <ErrorTable>',
	'    <accountnumber>C0009</accountnumber>',
	'    <name>Smith &amp; Sons</name>',
	'    <Account_x0020_Type />',
	'    <EONERUNERRORS>Customer C0009 is on hold.&#xD;',
	'Second line.</EONERUNERRORS>',
	'  </ErrorTable>',
	'</NewDataSet>',
].join('\r\n');

// §1.4 sample exactly as printed in the API doc (with its "…" placeholders).
const ERRORS_TABLE_AS_DOCUMENTED = `<NewDataSet>
  <xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">
    <xs:element name="NewDataSet" msdata:IsDataSet="true" msdata:MainDataTable="ErrorTable" msdata:UseCurrentLocale="true">
      <xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element name="ErrorTable"><xs:complexType><xs:sequence>
          <xs:element name="accountnumber" type="xs:string" minOccurs="0" />
          … one xs:element per source column …
          <xs:element name="EONERUNERRORS" type="xs:string" minOccurs="0" />
        </xs:sequence></xs:complexType></xs:element>
      </xs:choice></xs:complexType>
    </xs:element>
  </xs:schema>
  <ErrorTable><accountnumber>C0008</accountnumber><CustomerID>IDs</CustomerID><name>Test Account 008</name>
    <EONERUNERRORS>Document was not sent due to document errors.</EONERUNERRORS></ErrorTable>
  …
</NewDataSet>`;

// §1.4 GetAllData response body.
const GET_ALL_DATA = `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">&lt;MyDataSet&gt;&#xD;
  &lt;Table01&gt;&#xD;
    &lt;AccountNumber&gt;&lt;![CDATA[CUST001]]&gt;&lt;/AccountNumber&gt;&#xD;
    &lt;AccountName&gt;&lt;![CDATA[Purus Limited]]&gt;&lt;/AccountName&gt;&#xD;
  &lt;/Table01&gt;&#xD;
&lt;/MyDataSet&gt;</string>`;

describe('parseXml', () => {
	it('parses declaration, BOM, comments, PIs, prefixes, attributes and self-closing elements', () => {
		const doc =
			'\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<!-- c --><?pi data?>\n' +
			`<a:Root xmlns:a="urn:a" one="1" two='2 "q"' three="&lt;&amp;&#65;&#x42;">` +
			'<b/><c></c><a:d x="y">t</a:d><!-- inside --><?pi inside?></a:Root>\n<!-- after --><?after?>\n';
		const root = parseXml(doc);
		expect(root.name).toBe('Root');
		expect(root.qname).toBe('a:Root');
		expect(root.attributes).toEqual({ 'xmlns:a': 'urn:a', one: '1', two: '2 "q"', three: '<&AB' });
		expect(root.children.length).toBe(3);
		expect(el(root.children[0])).toEqual({ name: 'b', qname: 'b', attributes: {}, children: [] });
		expect(el(root.children[1])).toEqual({ name: 'c', qname: 'c', attributes: {}, children: [] });
		expect(el(root.children[2])).toEqual({ name: 'd', qname: 'a:d', attributes: { x: 'y' }, children: ['t'] });
	});

	it('decodes predefined and numeric entities and merges CDATA into text', () => {
		const root = parseXml('<r>&amp;&lt;&gt;&quot;&apos;|&#xD;|&#13;|&#x1F600;|&#128512;|&#x9;<![CDATA[<raw & ]]>x<!--c-->y</r>');
		expect(root.children).toEqual(['&<>"\'|\r|\r|😀|😀|\t<raw & xy']);
		expect(textOf(root)).toBe('&<>"\'|\r|\r|😀|😀|\t<raw & xy');
	});

	it('normalises line ends in text and CDATA but keeps &#xD;', () => {
		expect(parseXml('<r>a\r\nb\rc\nd&#xD;\r\n<![CDATA[e\r\nf\rg]]></r>').children).toEqual(['a\nb\nc\nd\r\ne\nf\ng']);
	});

	it('normalises white space in attribute values', () => {
		expect(parseXml('<r a="x\ty\nz\r\nw" b="&#x9;&#xA;&#xD;"/>').attributes).toEqual({ a: 'x y z w', b: '\t\n\r' });
	});

	it('keeps white-space-only text and text around child elements', () => {
		const root = parseXml('<r>\n  <a> </a>\n  t\n</r>');
		expect(root.children).toEqual(['\n  ', { name: 'a', qname: 'a', attributes: {}, children: [' '] }, '\n  t\n']);
		expect(textOf(root)).toBe('\n   \n  t\n');
	});

	it('accepts end tags with trailing white space and astral / unicode names', () => {
		const root = parseXml('<Größe >\n<名前\t>x</名前 >\n<e😀/></Größe\n>');
		expect(root.name).toBe('Größe');
		expect(el(root.children[1]).name).toBe('名前');
		expect(el(root.children[3]).name).toBe('e😀');
	});

	it('stores an attribute named __proto__ as an own property', () => {
		const root = parseXml('<r __proto__="x"/>');
		expect(Object.keys(root.attributes)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(root.attributes)).toBe(Object.prototype);
	});

	describe('rejects malformed or dangerous input with line and column', () => {
		const cases: Array<[string, string, number, number, RegExp]> = [
			['mismatched tag', '<a>\n  <b></c>\n</a>', 2, 6, /Mismatched end tag <\/c>, expected <\/b> \(opened at line 2, column 3\)/],
			['unclosed element', '<a>\n<b>', 2, 1, /Element <b> is not closed/],
			['unclosed root', '<a>text', 1, 1, /Element <a> is not closed/],
			['undefined entity', '<a>\n x &nbsp; y</a>', 2, 4, /Undefined entity '&nbsp;'/],
			['bare ampersand', '<a>fish & chips</a>', 1, 9, /'&' must be written as &amp;/],
			['unterminated entity', '<a>&amp</a>', 1, 4, /not terminated/],
			['invalid char reference', '<a>&#1;</a>', 1, 4, /U\+0001/],
			['surrogate char reference', '<a>&#xD800;</a>', 1, 4, /U\+D800/],
			['null char reference', '<a>&#0;</a>', 1, 4, /U\+0000/],
			['huge char reference', '<a>&#x110000;</a>', 1, 4, /beyond Unicode/],
			['bad char reference', '<a>&#xZZ;</a>', 1, 4, /Invalid character reference/],
			['< in attribute', '<a x="1<2"/>', 1, 8, /'<' is not allowed in an attribute value/],
			['unquoted attribute', '<a x=1/>', 1, 6, /quoted value/],
			['attribute without value', '<a x/>', 1, 5, /Expected '='/],
			['duplicate attribute', '<a x="1" x="2"/>', 1, 10, /Duplicate attribute 'x'/],
			['missing space between attributes', '<a x="1"y="2"/>', 1, 9, /Unexpected 'y' in a start tag/],
			['text after root', '<a/>\ntext', 2, 1, /Text is not allowed after the root element/],
			['second root', '<a/><b/>', 1, 5, /Only one root element/],
			['DOCTYPE', '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]>\n<a>&x;</a>', 2, 1, /DOCTYPE declarations are not allowed/],
			['DOCTYPE inside element', '<a><!DOCTYPE b></a>', 1, 4, /DOCTYPE/],
			['ENTITY', '<a><!ENTITY x "y"></a>', 1, 4, /ENTITY declarations are not allowed/],
			['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>', 1, 1, /DOCTYPE/],
			['external entity', '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>', 1, 1, /DOCTYPE/],
			['no root', '<!-- only a comment -->', 1, 24, /No root element/],
			['empty document', '', 1, 1, /No root element/],
			['text before root', 'hello <a/>', 1, 1, /before the root element/],
			['-- in comment', '<a><!-- a -- b --></a>', 1, 11, /'--' is not allowed inside a comment/],
			['unterminated comment', '<a><!-- x</a>', 1, 4, /Unterminated comment/],
			['unterminated CDATA', '<a><![CDATA[x</a>', 1, 4, /Unterminated CDATA/],
			[']]> in text', '<a>x]]>y</a>', 1, 5, /']]>' is not allowed in text/],
			['control character', '<a>x\u0001y</a>', 1, 5, /Character U\+0001 is not allowed in XML/],
			['lone surrogate', '<a>x\uD800y</a>', 1, 5, /U\+D800/],
			['U+FFFE', '<a>\uFFFE</a>', 1, 4, /U\+FFFE/],
			['late XML declaration', '<a/>\n<?xml version="1.0"?>', 2, 1, /only allowed at the very start/],
			['declaration after comment', '<!-- x --><?xml version="1.0"?><a/>', 1, 11, /only allowed at the very start/],
			['malformed declaration', '<?xml version="2.0"?><a/>', 1, 1, /Malformed XML declaration/],
			['bad element name', '<a><1b/></a>', 1, 5, /expected an element name/],
			['two colons', '<a:b:c/>', 1, 2, /Invalid qualified name/],
			['colon at start', '<:a/>', 1, 2, /Invalid qualified name/],
			['space after <', '< a/>', 1, 2, /expected an element name/],
			['garbage in end tag', '<a></a x>', 1, 8, /Expected '>' to end the end tag/],
			['unterminated PI', '<a><?pi x</a>', 1, 4, /Unterminated processing instruction/],
			['unterminated attribute value', '<a x="1/>', 1, 6, /Unterminated value/],
			['unterminated start tag', '<a x="1"', 1, 9, /end of input inside a start tag/],
		];
		it.each(cases)('%s', (_name, doc, line, column, message) => {
			const e = parseErr(() => parseXml(doc));
			expect(e.message).toMatch(message);
			expect({ line: e.line, column: e.column }).toEqual({ line, column });
			expect(e.message).toContain(`at line ${line}, column ${column}`);
			// the data-table reader applies the same checks
			expect(() => readDataTable(doc)).toThrow(XmlParseError);
		});
	});

	it('enforces the depth limit without recursion', () => {
		const ok = '<a>'.repeat(1000) + '</a>'.repeat(1000);
		expect(() => parseXml(ok)).not.toThrow();
		const tooDeep = '<a>'.repeat(1001) + '</a>'.repeat(1001);
		expect(parseErr(() => parseXml(tooDeep)).message).toMatch(/nested deeper than 1000 levels/);
		const hostile = '<a>'.repeat(200000);
		expect(parseErr(() => parseXml(hostile)).message).toMatch(/nested deeper than 1000 levels/);
		expect(parseErr(() => readDataTable('<r><xs:schema xmlns:xs="x">' + '<e>'.repeat(2000))).message).toMatch(
			/nested deeper than 1000 levels/,
		);
		expect(parseErr(() => readDataTable('<RequestData><Variables>' + '<v>'.repeat(200000))).message).toMatch(
			/nested deeper than 1000 levels/,
		);
		const deepSchema = '<r><xs:schema xmlns:xs="x">' + '<e>'.repeat(997) + '</e>'.repeat(997) + '</xs:schema></r>';
		expect(readDataTable(deepSchema).rows).toEqual([]);
	});

	it('handles large hostile inputs in linear time', () => {
		// would be quadratic with naive scanning; must finish quickly (jest timeout guards it)
		const manyAttrs = '<a ' + Array.from({ length: 20000 }, (_, i) => `a${i}="v"`).join(' ') + '>' + 'x'.repeat(1000000) + '</a>';
		expect(Object.keys(parseXml(manyAttrs).attributes).length).toBe(20000);
		const manyRowAttrs = '<DS><T ' + Array.from({ length: 50000 }, (_, i) => `a${i}="v"`).join(' ') + '><c>1</c></T></DS>';
		expect(readDataTable(manyRowAttrs).rows).toEqual([{ c: '1' }]);
		const manySchemaCols =
			'<DS><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="DS"><xs:complexType><xs:choice><xs:element name="T"><xs:complexType><xs:sequence>' +
			Array.from({ length: 50000 }, (_, i) => `<xs:element name="c${i}"/>`).join('') +
			'</xs:sequence></xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema></DS>';
		expect(readDataTable(manySchemaCols).columns.length).toBe(50000);
		const ampersands = '<a>' + '&amp;'.repeat(200000) + '</a>';
		expect(textOf(parseXml(ampersands)).length).toBe(200000);
		const lts = '<a x="' + '&lt;'.repeat(100000) + '"/>';
		expect(parseXml(lts).attributes.x.length).toBe(100000);
		const declLike = '<?xml version="1.0"' + ' '.repeat(500000) + 'x?><a/>';
		expect(() => parseXml(declLike)).toThrow(/Malformed XML declaration/);
	});
});

describe('readDataTable', () => {
	it('reads the §1.4 Errors DataTable (schema, CR LF, empty element, EONERUNERRORS)', () => {
		const t = readDataTable(ERRORS_TABLE);
		expect(t.dataSetName).toBe('NewDataSet');
		expect(t.tableName).toBe('ErrorTable');
		expect(t.columns).toEqual(['accountnumber', 'CustomerID', 'name', 'Account Type', 'EONERUNERRORS']);
		expect(t.rows).toEqual([
			{
				accountnumber: 'C0008',
				CustomerID: 'IDs',
				name: 'Test Account 008',
				'Account Type': null,
				EONERUNERRORS: 'Document was not sent due to document errors.',
			},
			{
				accountnumber: 'C0009',
				CustomerID: null,
				name: 'Smith & Sons',
				'Account Type': '',
				EONERUNERRORS: 'Customer C0009 is on hold.\r\nSecond line.',
			},
		]);
	});

	it('reads the §1.4 Errors sample exactly as documented', () => {
		const t = readDataTable(ERRORS_TABLE_AS_DOCUMENTED);
		expect(t.tableName).toBe('ErrorTable');
		expect(t.columns).toEqual(['accountnumber', 'EONERUNERRORS', 'CustomerID', 'name']);
		expect(t.rows).toEqual([
			{ accountnumber: 'C0008', CustomerID: 'IDs', name: 'Test Account 008', EONERUNERRORS: 'Document was not sent due to document errors.' },
		]);
	});

	it('gives the schema columns of an error table without rows', () => {
		const empty = ERRORS_TABLE.replace(/ {2}<ErrorTable>[\s\S]*<\/ErrorTable>\r\n/, '');
		expect(readDataTable(empty)).toEqual({
			dataSetName: 'NewDataSet',
			tableName: 'ErrorTable',
			columns: ['accountnumber', 'CustomerID', 'name', 'Account Type', 'EONERUNERRORS'],
			rows: [],
		});
	});

	it('uses schema columns only for the table the rows belong to', () => {
		const other = ERRORS_TABLE.replace(/<ErrorTable>/g, '<Other>').replace(/<\/ErrorTable>/g, '</Other>');
		const t = readDataTable(other);
		expect(t.tableName).toBe('Other');
		expect(t.columns).toEqual(['accountnumber', 'CustomerID', 'name', 'EONERUNERRORS', 'Account Type']);
	});

	it('reads the §1.4 GetAllData <string> sample (directly and via readSerializedString)', () => {
		const inner = readSerializedString(GET_ALL_DATA);
		expect(inner).toBe(
			'<MyDataSet>\r\n  <Table01>\r\n    <AccountNumber><![CDATA[CUST001]]></AccountNumber>\r\n' +
				'    <AccountName><![CDATA[Purus Limited]]></AccountName>\r\n  </Table01>\r\n</MyDataSet>',
		);
		const expected = {
			dataSetName: 'MyDataSet',
			tableName: 'Table01',
			columns: ['AccountNumber', 'AccountName'],
			rows: [{ AccountNumber: 'CUST001', AccountName: 'Purus Limited' }],
		};
		expect(readDataTable(inner)).toEqual(expected);
		expect(readDataTable(GET_ALL_DATA)).toEqual(expected);
	});

	it('reads the §1.5 RunMapDataTable body (rows directly in RequestData)', () => {
		const body = `<RequestData>
<Table><PostingDate>9/16/2018</PostingDate><Batch>ETHA</Batch><DocumentNo>Test001</DocumentNo><Amount>50</Amount></Table>
<Table><PostingDate>9/17/2018</PostingDate><Batch>ETHA</Batch><DocumentNo>Test002</DocumentNo><Amount>60</Amount></Table>
</RequestData>`;
		expect(readDataTable(body)).toEqual({
			dataSetName: 'RequestData',
			tableName: 'Table',
			columns: ['PostingDate', 'Batch', 'DocumentNo', 'Amount'],
			rows: [
				{ PostingDate: '9/16/2018', Batch: 'ETHA', DocumentNo: 'Test001', Amount: '50' },
				{ PostingDate: '9/17/2018', Batch: 'ETHA', DocumentNo: 'Test002', Amount: '60' },
			],
		});
	});

	it('reads the §1.5 Variables / Xml layout (rows are the children of <Xml>)', () => {
		const body = `<RequestData>
  <Variables><ArrayOfVariableOfstringstring><VariableOfstringstring><Key>GBL_COUNTY</Key><Value>ND</Value></VariableOfstringstring></ArrayOfVariableOfstringstring></Variables>
  <Xml><Table><Name>C00070</Name><No>C00070</No><County>ID</County></Table></Xml>
</RequestData>`;
		expect(readDataTable(body)).toEqual({
			dataSetName: 'RequestData',
			tableName: 'Table',
			columns: ['Name', 'No', 'County'],
			rows: [{ Name: 'C00070', No: 'C00070', County: 'ID' }],
		});
		expect(readVariablesXml(body)).toEqual([{ Key: 'GBL_COUNTY', Value: 'ND' }]);
		expect(readDataTable('<RequestData><Variables/><Xml/></RequestData>').rows).toEqual([]);
	});

	it('reads the §1.5 RunMapXml body (escaped DataSet inside <Xml>)', () => {
		const body = `<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <Variables/>
  <Xml>&lt;DataSet&gt;&#xD;&lt;Table&gt;&#xD;&lt;accountnumber&gt;C00070&lt;/accountnumber&gt;&#xD;&lt;name&gt;Test Account 001&lt;/name&gt;&#xD;&lt;/Table&gt;&#xD;&lt;/DataSet&gt;</Xml>
</RequestData>`;
		expect(readDataTable(body)).toEqual({
			dataSetName: 'DataSet',
			tableName: 'Table',
			columns: ['accountnumber', 'name'],
			rows: [{ accountnumber: 'C00070', name: 'Test Account 001' }],
		});
	});

	it('reads a data set that was XML-escaped once more (Errors value passed through html escaping)', () => {
		const escaped = ERRORS_TABLE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		expect(readDataTable(escaped)).toEqual(readDataTable(ERRORS_TABLE));
		expect(readDataTable('\r\n  ' + escaped).rows.length).toBe(2);
		expect(parseErr(() => readDataTable('&lt;a&gt;&lt;/b&gt;')).message).toMatch(/^In the XML document given as escaped text: Mismatched end tag/);
	});

	it('fills missing columns with null, keeps "" for empty and self-closing elements, keeps white-space values', () => {
		const t = readDataTable('<DS><T><a>1</a><b/></T><T><c></c><a> </a></T><T/></DS>');
		expect(t.columns).toEqual(['a', 'b', 'c']);
		expect(t.rows).toEqual([
			{ a: '1', b: '', c: null },
			{ a: ' ', b: null, c: '' },
			{ a: null, b: null, c: null },
		]);
		expect(Object.keys(t.rows[1])).toEqual(['a', 'b', 'c']);
	});

	it('handles comments, PIs, CDATA, entities, CR and xsi:nil inside rows and cells', () => {
		const doc =
			'<?xml version="1.0" encoding="utf-8"?>\r\n<DS xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\r\n' +
			'  <T diffgr:id="T1" xmlns:diffgr="urn:d">\r\n' +
			'    <!-- comment --><?pi x?>\r\n' +
			'    <a>x<!-- c -->y<?p?>z</a>\r\n' +
			'    <b><![CDATA[<raw>]]> &amp; <![CDATA[more]]></b>\r\n' +
			'    <c>line1\r\nline2&#xD;&#10;end &#x1F600;</c>\r\n' +
			'    <d xsi:nil="true" />\r\n' +
			'    <e xml:space="preserve">  </e>\r\n' +
			'    <f i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"></f>\r\n' +
			'  </T>\r\n</DS>';
		expect(readDataTable(doc).rows).toEqual([
			{ a: 'xyz', b: '<raw> & more', c: 'line1\nline2\r\nend 😀', d: null, e: '  ', f: null },
		]);
	});

	it('decodes _xHHHH_ names and strips prefixes', () => {
		const t = readDataTable('<a:My_x0020_Data xmlns:a="u"><a:Row_x0031_><a:Account_x0020_No>1</a:Account_x0020_No><_x0031_st>2</_x0031_st><_x005F_x0020_>3</_x005F_x0020_></a:Row_x0031_></a:My_x0020_Data>');
		expect(t.dataSetName).toBe('My Data');
		expect(t.tableName).toBe('Row1');
		expect(t.columns).toEqual(['Account No', '1st', '_x0020_']);
		expect(t.rows).toEqual([{ 'Account No': '1', '1st': '2', _x0020_: '3' }]);
	});

	it('keeps __proto__ and constructor columns as own properties without touching prototypes', () => {
		const t = readDataTable('<DS><T><__proto__>{"polluted":1}</__proto__><constructor>c</constructor></T></DS>');
		expect(t.columns).toEqual(['__proto__', 'constructor']);
		const row = t.rows[0];
		expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(row, '__proto__')).toBe(true);
		expect(row['__proto__']).toBe('{"polluted":1}');
		expect(row.constructor).toBe('c');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('reads an empty data set', () => {
		expect(readDataTable('<NewDataSet />')).toEqual({ dataSetName: 'NewDataSet', tableName: '', columns: [], rows: [] });
		expect(readDataTable('<NewDataSet>\r\n</NewDataSet>')).toEqual({ dataSetName: 'NewDataSet', tableName: '', columns: [], rows: [] });
	});

	it('rejects structures that are not a flat data table', () => {
		expect(parseErr(() => readDataTable('<DS><T><a><b>x</b></a></T></DS>')).message).toMatch(
			/Element <b> inside column <a>: nested elements are not supported .* at line 1, column 11/,
		);
		expect(parseErr(() => readDataTable('<DS><T>text<a>1</a></T></DS>')).message).toMatch(/Text is not allowed directly inside the row element <T>/);
		expect(parseErr(() => readDataTable('<DS><T><a>1</a><a>2</a></T></DS>')).message).toMatch(/Column <a> appears twice/);
		expect(parseErr(() => readDataTable('<DS><T><a>1</a></T><U><a>2</a></U></DS>')).message).toMatch(/only one table per document/);
		expect(parseErr(() => readDataTable('<string>not xml</string>')).message).toMatch(/held as text by <string>.*before the root element/);
	});

	it('reports errors inside values, rows and skipped parts with positions', () => {
		const e = parseErr(() => readDataTable('<DS>\n<T>\n<a>1</a>\n<b>x &bogus; y</b>\n</T>\n</DS>'));
		expect(e.message).toMatch(/Undefined entity '&bogus;' .* at line 4, column 6/);
		expect(parseErr(() => readDataTable('<DS><T><a>1</b></T></DS>')).message).toMatch(/Mismatched end tag <\/b>, expected <\/a>/);
		expect(parseErr(() => readDataTable('<DS><T><a>1</a></DS>')).message).toMatch(/Mismatched end tag <\/DS>, expected <\/T>/);
		expect(parseErr(() => readDataTable('<DS><xs:schema xmlns:xs="x"><xs:element></xs:schema></DS>')).message).toMatch(/Mismatched end tag/);
		expect(parseErr(() => readDataTable('<RequestData><Variables><x a="<"/></Variables></RequestData>')).message).toMatch(/'<' is not allowed/);
		expect(parseErr(() => readDataTable('<DS><T><a x="1" x="2">v</a></T></DS>')).message).toMatch(/Duplicate attribute/);
		expect(parseErr(() => readDataTable('<DS><T><a>v</a ></T><T><a>w</ab></T></DS>')).message).toMatch(/Mismatched end tag <\/ab>/);
	});
});

describe('long texts (batched decoding path)', () => {
	it('decodes long entity-dense text exactly', () => {
		const unit = 'a&b<c>d\re\r\nf]]>g😀 "q" \'s\' \t\n';
		const text = unit.repeat(3000);
		const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
		expect(textOf(parseXml(`<a>${escaped}</a>`))).toBe(text);
		expect(readSerializedString(`<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">${escaped}</string>`)).toBe(text);
		// raw CRs in a long text are normalised; a raw ]]> far into it is still found
		const raw = 'x&amp;y\r\nz\r'.repeat(2000);
		expect(textOf(parseXml(`<a>${raw}</a>`))).toBe('x&y\nz\n'.repeat(2000));
		const bad = parseErr(() => parseXml(`<a>${'x&amp;'.repeat(2000)}]]></a>`));
		expect(bad.message).toMatch(/']]>' is not allowed in text .* at line 1, column 12004/);
		expect(parseErr(() => parseXml(`<a>${'x&amp;'.repeat(2000)}&bogus;</a>`)).message).toMatch(/Undefined entity '&bogus;'/);
	});

	it('reads a large GetAllData-style body (escaped data set in <string>)', () => {
		const rows: string[] = [];
		for (let r = 0; r < 2000; r++) rows.push(`<Table01><AccountNumber><![CDATA[CUST${r}]]></AccountNumber><Name>A &amp; B ${r}</Name></Table01>`);
		const inner = `<MyDataSet>\r\n${rows.join('\r\n')}\r\n</MyDataSet>`;
		const body = `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">${inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;')}</string>`;
		const t = readDataTable(body);
		expect(t.rows.length).toBe(2000);
		expect(t.rows[1999]).toEqual({ AccountNumber: 'CUST1999', Name: 'A & B 1999' });
	});
});

describe('readSerializedString / readVariablesXml', () => {
	it('reads serialized strings', () => {
		expect(readSerializedString('<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">a &amp; b&#xD;</string>')).toBe('a & b\r');
		expect(readSerializedString('<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/"/>')).toBe('');
		expect(() => readSerializedString('<other/>')).toThrow(XmlParseError);
		expect(() => readSerializedString('<string><x/></string>')).toThrow(XmlParseError);
		expect(() => readSerializedString('<string>')).toThrow(XmlParseError);
	});

	it('reads the §2.4 variables document', () => {
		const xml = `<ArrayOfVariableOfstringstring xmlns="http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Engine" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <VariableOfstringstring><Key>GBL_VARIABLE_NAME</Key><Value>My Value</Value></VariableOfstringstring>
  <VariableOfstringstring><Key>GBL_EMPTY</Key><Value i:nil="true"/></VariableOfstringstring>
</ArrayOfVariableOfstringstring>`;
		expect(readVariablesXml(xml)).toEqual([
			{ Key: 'GBL_VARIABLE_NAME', Value: 'My Value' },
			{ Key: 'GBL_EMPTY', Value: '' },
		]);
		expect(readVariablesXml('<RequestData><Variables/></RequestData>')).toEqual([]);
		expect(() => readVariablesXml('<A><V><Value>x</Value></V></A>')).toThrow(/no <Key> element/);
	});
});
