/**
 * XML helpers of the simulator: .NET-style name encoding, escaping, and the response documents
 * (GetAllData's serialized string, the Errors DataTable, DataContract-serialized results).
 *
 * These are written independently of the node's own XML code on purpose: the simulator is the
 * reference the node is tested against, so sharing code would hide bugs on both sides.
 */
import type { SimColumn, SimRow } from './types';

export const NS_SERIALIZATION = 'http://schemas.microsoft.com/2003/10/Serialization/';
export const NS_API_MODELS = 'http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Api.Models';
export const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Text content as XmlWriter writes it: & < > escaped; CR entitized (the docs' GetAllData sample shows &#xD;). */
export function escapeText(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Text inside the DataTable XML: only the markup characters are escaped. */
function escapeTableText(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
	return escapeTableText(s).replace(/"/g, '&quot;');
}

/** A CDATA section; `]]>` inside the value is split across two sections, the only legal way to carry it. */
export function cdata(value: string): string {
	return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

const NAME_START = /^[A-Za-z_\p{L}]$/u;
const NAME_CHAR = /^[A-Za-z0-9_.\-\p{L}\p{N}\p{Mn}\p{Mc}]$/u;

/**
 * Like .NET XmlConvert.EncodeLocalName: characters not allowed in an XML local name become _xHHHH_
 * (astral: _xHHHHHHHH_), and an underscore that would read as an escape becomes _x005F_.
 * Example: 'Account No' → 'Account_x0020_No', '1st' → '_x0031_st'.
 */
export function encodeName(name: string): string {
	const chars = Array.from(name);
	let out = '';
	chars.forEach((ch, i) => {
		const looksLikeEscape = ch === '_' && /^_x([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})_/.test(chars.slice(i).join(''));
		const allowed = i === 0 ? NAME_START.test(ch) : NAME_CHAR.test(ch);
		if (allowed && !looksLikeEscape) {
			out += ch;
			return;
		}
		const cp = ch.codePointAt(0) ?? 0;
		out += cp > 0xffff ? `_x${cp.toString(16).toUpperCase().padStart(8, '0')}_` : `_x${cp.toString(16).toUpperCase().padStart(4, '0')}_`;
	});
	return out;
}

/** Like .NET XmlConvert.DecodeName: _xHHHH_ and _xHHHHHHHH_ (astral) become the character. */
export function decodeName(name: string): string {
	return name.replace(/_x([0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})_/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** The non-null values of a row, in the row's key order. */
function presentEntries(row: SimRow): [string, string][] {
	return Object.entries(row).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined);
}

/**
 * GetAllData's body: a DataContract-serialized string holding the source as an escaped DataSet,
 * `<MyDataSet>` / `<Table01>` rows / CDATA values, CRLF-separated and indented like the doc sample.
 * A null value omits its element (DataSet convention).
 */
export function getAllDataXml(rows: SimRow[]): string {
	const lines: string[] = [];
	if (rows.length === 0) {
		lines.push('<MyDataSet />');
	} else {
		lines.push('<MyDataSet>');
		for (const row of rows) {
			const entries = presentEntries(row);
			if (entries.length === 0) {
				lines.push('  <Table01 />'); // every value null
				continue;
			}
			lines.push('  <Table01>');
			for (const [col, value] of entries) {
				const el = encodeName(col);
				lines.push(`    <${el}>${cdata(value)}</${el}>`);
			}
			lines.push('  </Table01>');
		}
		lines.push('</MyDataSet>');
	}
	return stringXml(lines.join('\r\n'));
}

export interface FailedRow {
	row: SimRow;
	message: string;
}

/**
 * The `Errors` string of RunMapDataTableWithErrors: DataTable.WriteXml(XmlWriteMode.WriteSchema) of
 * the failed rows plus an EONERUNERRORS column, exactly the layout of the doc §1.4 sample.
 */
export function errorsTableXml(columns: string[], failed: FailedRow[]): string {
	const all = [...columns, 'EONERUNERRORS'];
	const schemaCols = all.map((c) => `                <xs:element name="${escapeAttr(encodeName(c))}" type="xs:string" minOccurs="0" />`);
	const lines = [
		'<NewDataSet>',
		'  <xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">',
		'    <xs:element name="NewDataSet" msdata:IsDataSet="true" msdata:MainDataTable="ErrorTable" msdata:UseCurrentLocale="true">',
		'      <xs:complexType>',
		'        <xs:choice minOccurs="0" maxOccurs="unbounded">',
		'          <xs:element name="ErrorTable">',
		'            <xs:complexType>',
		'              <xs:sequence>',
		...schemaCols,
		'              </xs:sequence>',
		'            </xs:complexType>',
		'          </xs:element>',
		'        </xs:choice>',
		'      </xs:complexType>',
		'    </xs:element>',
		'  </xs:schema>',
	];
	for (const f of failed) {
		lines.push('  <ErrorTable>');
		for (const col of all) {
			const value = col === 'EONERUNERRORS' ? f.message : f.row[col];
			if (value === null || value === undefined) continue;
			const el = encodeName(col);
			lines.push(value === '' ? `    <${el} />` : `    <${el}>${escapeTableText(value)}</${el}>`);
		}
		lines.push('  </ErrorTable>');
	}
	lines.push('</NewDataSet>');
	return lines.join('\r\n');
}

/** A serialized string result: `<string xmlns="…/Serialization/">…</string>`. */
export function stringXml(value: string): string {
	return value === '' ? `<string xmlns="${NS_SERIALIZATION}" />` : `<string xmlns="${NS_SERIALIZATION}">${escapeText(value)}</string>`;
}

export function booleanXml(value: boolean): string {
	return `<boolean xmlns="${NS_SERIALIZATION}">${value}</boolean>`;
}

type Scalar = string | number | boolean;

/** One DataContract object: members in alphabetical (ordinal) order, as DataContractSerializer writes them. */
function dataContractMembers(obj: object): string {
	return (Object.entries(obj) as [string, Scalar][])
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([k, value]) => {
			const v = String(value);
			return v === '' ? `<${k} />` : `<${k}>${escapeText(v)}</${k}>`;
		})
		.join('');
}

/** A DataContract object whose members are all scalars (e.g. RunMapResponse). */
export function dataContractObject(root: string, obj: object): string {
	return `<${root} xmlns="${NS_API_MODELS}" xmlns:i="${NS_XSI}">${dataContractMembers(obj)}</${root}>`;
}

export function dataContractArray(itemName: string, items: object[]): string {
	const root = `ArrayOf${itemName}`;
	if (items.length === 0) return `<${root} xmlns="${NS_API_MODELS}" xmlns:i="${NS_XSI}" />`;
	const body = items.map((it) => `<${itemName}>${dataContractMembers(it)}</${itemName}>`).join('');
	return `<${root} xmlns="${NS_API_MODELS}" xmlns:i="${NS_XSI}">${body}</${root}>`;
}

export function columnListXml(columns: SimColumn[]): string {
	return dataContractArray('ColumnListItem', columns.map((c) => ({ ColumnName: c.ColumnName, IsRequired: c.IsRequired })));
}
