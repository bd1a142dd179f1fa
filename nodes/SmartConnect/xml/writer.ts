/**
 * XML writers for SmartConnect data tables and variables.
 *
 * Value rules (one row = one element, one column = one child element, like .NET DataSet.WriteXml):
 * - string: written as is (escaped).
 * - boolean: `true` / `false`.
 * - number: invariant decimal form without exponent (1e21 → "1000000000000000000000",
 *   1e-7 → "0.0000001", -0 → "0"); the digits are JavaScript's shortest round-trip digits.
 *   NaN / Infinity / -Infinity → XmlValueError reason 'number'.
 * - bigint: decimal string.
 * - Date (also from another realm, e.g. an n8n Code node sandbox): `toISOString()`
 *   (UTC, e.g. 2024-01-31T08:00:00.000Z). An invalid Date → XmlValueError reason 'number'
 *   (its time value is NaN; there is no separate reason for dates).
 * - null / undefined: the element is omitted, which is how .NET writes DBNull.
 * - objects and arrays: XmlValueError reason 'nested' naming the row and field, unless
 *   `nested: 'json'`, which writes the JSON.stringify text. Functions and symbols are always 'nested'.
 * - an empty string is written as an empty element (`<a></a>`), which reads back as "".
 *
 * Text escaping: & → &amp;, < → &lt;, > → &gt; (always, so "]]>" can never appear), and CR → &#xD;
 * so a carriage return survives XML end-of-line normalisation. Characters XML 1.0 forbids (C0 controls
 * except tab/LF/CR, lone surrogates, U+FFFE, U+FFFF) → XmlValueError reason 'invalidChar' naming the
 * row and column, or silently removed with `invalidChars: 'drop'`. Astral characters are written as is.
 *
 * Column names: the row's own enumerable string keys in Object.keys order (rows may differ; nothing
 * inherited is written, so `__proto__` or `constructor` are ordinary columns), encoded with
 * encodeXmlName (cached per name). The row and root element names are encoded the same way.
 * A row that is not a plain object (null, array, primitive) → XmlValueError reason 'nested'.
 *
 * Output is built in one linear pass: pieces (cached tag runs such as `</a><b>`, and values) are
 * collected and joined in batches, the batches joined once at the end.
 */
import { INVALID_CANDIDATE, findInvalidChar } from './chars';
import { XmlValueError, codePointLabel } from './errors';
import { encodeXmlName } from './names';

/** `bigint` is accepted too (written as a decimal string). */
export type CellValue = string | number | boolean | bigint | Date | null | undefined | object;
export type Row = Record<string, CellValue>;
export interface Variable {
	Key: string;
	Value: string;
}
export interface WriteOptions {
	/** Row element name, default 'Table'. */
	rowElement?: string;
	/** Characters XML 1.0 forbids: 'error' (default) throws XmlValueError, 'drop' removes them. */
	invalidChars?: 'error' | 'drop';
	/** Objects and arrays: 'error' (default) throws XmlValueError, 'json' writes JSON.stringify text. */
	nested?: 'error' | 'json';
}

export const VARIABLES_NAMESPACE = 'http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Engine';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * Needs escaping or validation: &, <, >, CR, C0 controls other than tab/LF, surrogates, U+FFFE/U+FFFF
 * (written as the complement of what can be copied as is).
 */
const NEEDS_WORK = /[^\t\n\u0020-\u0025\u0027-\u003B\u003D\u003F-\uD7FF\uE000-\uFFFD]/;

/** "Row 2, column "x"", or "Variable 2, Value" for variables. */
function describe(rowIndex: number, column: string, variable = false): string {
	if (variable) return `Variable ${rowIndex}, ${column}`;
	return rowIndex < 0 ? (column ? `Column "${column}"` : 'Text') : `Row ${rowIndex}, column "${column}"`;
}

function invalidCharError(s: string, at: number, rowIndex: number, column: string): XmlValueError {
	return new XmlValueError(
		`${describe(rowIndex, column)}: character ${codePointLabel(s.charCodeAt(at))} is not allowed in XML`,
		rowIndex,
		column,
		'invalidChar',
	);
}

/** Removes (drop) or rejects (error) characters XML 1.0 forbids. */
function checkChars(s: string, rowIndex: number, column: string, drop: boolean): string {
	if (!INVALID_CANDIDATE.test(s)) return s;
	let at = findInvalidChar(s);
	if (at === -1) return s;
	if (!drop) throw invalidCharError(s, at, rowIndex, column);
	let out = '';
	let copy = 0;
	while (at !== -1) {
		out += s.slice(copy, at);
		copy = at + 1;
		at = findInvalidChar(s, copy);
	}
	return out + s.slice(copy);
}

/** Replacements for & < > CR: escaped once (text content), or twice (text of a document held as text). */
interface Escapes {
	amp: string;
	lt: string;
	gt: string;
	cr: string;
}
const ONCE: Escapes = { amp: '&amp;', lt: '&lt;', gt: '&gt;', cr: '&#xD;' };
const TWICE: Escapes = { amp: '&amp;amp;', lt: '&amp;lt;', gt: '&amp;gt;', cr: '&amp;#xD;' };

/** Escapes &, <, >, CR of a string that contains only valid XML characters. */
function escapeValid(s: string, e: Escapes = ONCE): string {
	if (s.length > 2048) return escapeLarge(s, e);
	let out = '';
	let copy = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		let rep: string;
		if (c === 0x26) rep = e.amp;
		else if (c === 0x3c) rep = e.lt;
		else if (c === 0x3e) rep = e.gt;
		else if (c === 0x0d) rep = e.cr;
		else continue;
		out += s.slice(copy, i) + rep;
		copy = i + 1;
	}
	return copy === 0 ? s : out + s.slice(copy);
}

/** Same for long strings (a whole data set for RunMapXml): pieces joined in batches, not a rope. */
function escapeLarge(s: string, e: Escapes): string {
	const out: string[] = [];
	const pieces: string[] = [];
	let copy = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		let rep: string;
		if (c === 0x26) rep = e.amp;
		else if (c === 0x3c) rep = e.lt;
		else if (c === 0x3e) rep = e.gt;
		else if (c === 0x0d) rep = e.cr;
		else continue;
		pieces.push(s.slice(copy, i), rep);
		copy = i + 1;
		if (pieces.length >= CHUNK) {
			out.push(pieces.join(''));
			pieces.length = 0;
		}
	}
	if (copy === 0) return s;
	pieces.push(s.slice(copy));
	out.push(pieces.join(''));
	return out.join('');
}

/** Validates and escapes text content. */
function escapeChecked(s: string, rowIndex: number, column: string, drop: boolean, e: Escapes = ONCE): string {
	if (!NEEDS_WORK.test(s)) return s;
	return escapeValid(checkChars(s, rowIndex, column, drop), e);
}

/** Decimal representation of a finite number without exponent (1e21 → "1000000000000000000000"). */
export function plainNumber(n: number): string {
	if (n === 0) return '0'; // also -0
	const a = n < 0 ? -n : n;
	if (a < 1e13) {
		// Whole hundredths (amounts of money), the most common fraction in a data table: written from
		// the integer number of hundredths, several times faster than String(n)'s shortest-digit search.
		// Same text: below 1e13 two hundredths are further apart than n's rounding step, so when
		// c / 100 === n no other decimal of two places or fewer reads back as n, and String(n) gives the
		// shortest one that does, which is this one.
		const c = Math.round(a * 100);
		if (c / 100 === a) {
			const f = c % 100;
			if (f !== 0) {
				const text = (c - f) / 100 + (f < 10 ? '.0' + f : f % 10 === 0 ? '.' + f / 10 : '.' + f);
				return n < 0 ? '-' + text : text;
			}
		}
	}
	// JavaScript uses exponent notation only outside [1e-7, 1e21).
	if (a >= 1e-6 && a < 1e21) return String(n);
	const s = String(n);
	const e = s.indexOf('e');
	if (e === -1) return s;
	const negative = s.charCodeAt(0) === 0x2d;
	const mantissa = s.slice(negative ? 1 : 0, e);
	const exp = parseInt(s.slice(e + 1), 10);
	const dot = mantissa.indexOf('.');
	const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
	const pointPos = (dot === -1 ? mantissa.length : dot) + exp; // digits before the decimal point
	let out: string;
	if (pointPos <= 0) out = '0.' + zeros(-pointPos) + digits;
	else if (pointPos >= digits.length) out = digits + zeros(pointPos - digits.length);
	else out = digits.slice(0, pointPos) + '.' + digits.slice(pointPos);
	return negative ? '-' + out : out;
}

function zeros(n: number): string {
	let z = '';
	for (let i = 0; i < n; i++) z += '0';
	return z;
}

function isDate(v: object): v is Date {
	return Object.prototype.toString.call(v) === '[object Date]';
}

/** Text of a non-string value (no escaping, no character check), or undefined for null/undefined. */
function valueText(v: unknown, rowIndex: number, column: string, json: boolean, variable = false): string | undefined {
	switch (typeof v) {
		case 'string':
			return v;
		case 'number':
			if (v !== v || v === Infinity || v === -Infinity) {
				throw new XmlValueError(
					`${describe(rowIndex, column, variable)}: the number ${String(v)} cannot be written to XML`,
					rowIndex,
					column,
					'number',
				);
			}
			return plainNumber(v);
		case 'boolean':
			return v ? 'true' : 'false';
		case 'bigint':
			return String(v);
		case 'undefined':
			return undefined;
		case 'object': {
			if (v === null) return undefined;
			if (isDate(v)) {
				const t = v.getTime();
				if (t !== t) {
					throw new XmlValueError(
						`${describe(rowIndex, column, variable)}: invalid Date cannot be written to XML`,
						rowIndex,
						column,
						'number',
					);
				}
				return v.toISOString();
			}
			if (json) {
				let text: string | undefined;
				let failure: string | null = null;
				try {
					text = JSON.stringify(v);
				} catch (e) {
					failure = e instanceof Error ? e.message : String(e);
				}
				if (failure !== null) {
					throw new XmlValueError(
						`${describe(rowIndex, column, variable)}: the nested value cannot be converted to JSON (${failure})`,
						rowIndex,
						column,
						'nested',
					);
				}
				if (text !== undefined) return text;
			}
			throw new XmlValueError(
				`${describe(rowIndex, column, variable)}: nested ${Array.isArray(v) ? 'array' : 'object'} values cannot be written to a data table; flatten the field or use the 'json' option for nested values`,
				rowIndex,
				column,
				'nested',
			);
		}
		default:
			throw new XmlValueError(
				`${describe(rowIndex, column, variable)}: a ${typeof v} value cannot be written to XML`,
				rowIndex,
				column,
				'nested',
			);
	}
}

/**
 * The text a value is written as, before XML escaping, after the
 * invalid-character policy (throw, or drop with `invalidChars: 'drop'`). `undefined` means the
 * element is omitted (null / undefined → DBNull). Throws XmlValueError as described at the top.
 */
export function formatValue(v: CellValue, rowIndex: number, column: string, opts?: WriteOptions): string | undefined {
	const text = valueText(v, rowIndex, column, opts?.nested === 'json');
	return text === undefined ? undefined : checkChars(text, rowIndex, column, opts?.invalidChars === 'drop');
}

function elementName(name: string, what: string): string {
	if (typeof name !== 'string' || name.length === 0) {
		throw new XmlValueError(`The ${what} element name must not be empty`, -1, '', 'invalidName');
	}
	return encodeXmlName(name);
}

/** Pieces joined at a time when escaping long strings. */
const CHUNK = 1024;

/**
 * Characters of row output joined at a time, then encoded straight into the body's bytes: small
 * enough that each batch string dies young (never promoted or copied by the GC), large enough that
 * the per-batch join and encode calls cost nothing.
 */
const BATCH_CHARS = 16384;

/**
 * The UTF-8 bytes of a request body, in one Buffer that grows as needed. The body goes to n8n's
 * request helper as these bytes: no full-size string is ever built, joined, or encoded again.
 */
class Utf8Out {
	private buf: Buffer;
	private pos = 0;

	constructor(capacity = 4096) {
		this.buf = Buffer.allocUnsafe(capacity);
	}

	get length(): number {
		return this.pos;
	}

	/** Makes room for at least `total` bytes in all (one allocation when the size can be foreseen). */
	reserve(total: number): void {
		if (total <= this.buf.length) return;
		const grown = Buffer.allocUnsafe(Math.max(total, Math.ceil(this.buf.length * 1.5)));
		this.buf.copy(grown, 0, 0, this.pos);
		this.buf = grown;
	}

	write(s: string): void {
		// At most 3 bytes per UTF-16 code unit.
		if (this.pos + s.length * 3 > this.buf.length) this.reserve(this.pos + s.length * 3);
		this.pos += this.buf.write(s, this.pos);
	}

	bytes(): Buffer {
		return this.buf.subarray(0, this.pos);
	}
}

/**
 * Tag strings between two cells, cached: `</a><b>`, `<Table><a>`, `</a></Table>`. Column ids index
 * the arrays; id 0 stands for "row start" (as predecessor) / "row end" (as successor).
 */
class TagCache {
	private readonly ids = new Map<string, number>();
	private readonly open: string[] = [''];
	private readonly close: string[] = [''];
	/** between[prev][next]; prev 0 = after the row start tag, next 0 = before the row end tag */
	private readonly between: string[][] = [[]];
	private readonly rowOpen: string;
	private readonly rowClose: string;
	/** '<' and '>' as written: literally, or escaped when the table is written as text */
	private readonly lt: string;
	private readonly gt: string;

	constructor(rowName: string, asText: boolean) {
		this.lt = asText ? '&lt;' : '<';
		this.gt = asText ? '&gt;' : '>';
		this.rowOpen = this.lt + rowName + this.gt;
		this.rowClose = this.lt + '/' + rowName + this.gt;
		this.between[0][0] = this.rowOpen + this.rowClose;
	}

	id(key: string, r: number): number {
		let id = this.ids.get(key);
		if (id === undefined) {
			if (key.length === 0) {
				throw new XmlValueError(`Row ${r}: an empty column name cannot be written to XML`, r, key, 'invalidName');
			}
			const enc = encodeXmlName(key);
			id = this.open.length;
			this.open.push(this.lt + enc + this.gt);
			this.close.push(this.lt + '/' + enc + this.gt);
			this.between.push([]);
			this.ids.set(key, id);
		}
		return id;
	}

	/** Tags between cell `prev` and cell `next` (0 = row boundary). */
	sep(prev: number, next: number): string {
		const row = this.between[prev];
		let s = row[next];
		if (s === undefined) {
			s = (prev === 0 ? this.rowOpen : this.close[prev]) + (next === 0 ? this.rowClose : this.open[next]);
			row[next] = s;
		}
		return s;
	}
}

/** True unless someone added enumerable properties to Object.prototype (then for-in would see them). */
function prototypeIsClean(): boolean {
	for (const key in Object.prototype) return key === undefined;
	return true;
}

/** Writes the cells of rows into `pieces`. */
class RowWriter {
	readonly pieces: string[] = [];
	/** Characters in `pieces` (approximately: tag runs and values) */
	size = 0;
	private readonly tags: TagCache;
	private readonly drop: boolean;
	private readonly json: boolean;
	private readonly esc: Escapes;
	/** Column key / id at each position of the previous row: rows from n8n usually share one key list. */
	private readonly keyAt: string[] = [];
	private readonly idAt: number[] = [];
	/** Id of the previous cell in the current row (0 = row start) */
	private prev = 0;
	/** Position of the next cell in the current row */
	private k = 0;
	private r = 0;

	/** `asText`: the rows are written as the text of an element (RunMapXml), i.e. escaped once more. */
	constructor(opts: WriteOptions | undefined, asText: boolean) {
		this.tags = new TagCache(elementName(opts?.rowElement ?? 'Table', 'row'), asText);
		this.drop = opts?.invalidChars === 'drop';
		this.json = opts?.nested === 'json';
		this.esc = asText ? TWICE : ONCE;
	}

	startRow(r: number): void {
		this.r = r;
		this.prev = 0;
		this.k = 0;
	}

	cell(key: string, v: unknown): void {
		const k = this.k++;
		if (this.keyAt[k] !== key) {
			this.keyAt[k] = key;
			this.idAt[k] = this.tags.id(key, this.r);
		}
		let text: string;
		if (typeof v === 'string') {
			text = NEEDS_WORK.test(v) ? escapeValid(checkChars(v, this.r, key, this.drop), this.esc) : v;
		} else if (typeof v === 'number') {
			if (v !== v || v === Infinity || v === -Infinity) valueText(v, this.r, key, this.json); // throws
			text = plainNumber(v);
		} else if (typeof v === 'boolean') {
			text = v ? 'true' : 'false';
		} else {
			const t = valueText(v, this.r, key, this.json);
			if (t === undefined) return;
			// JSON text may contain anything; dates and bigints never need escaping.
			text = typeof v === 'object' && !isDate(v as object) ? escapeChecked(t, this.r, key, this.drop, this.esc) : t;
		}
		const id = this.idAt[k];
		const sep = this.tags.sep(this.prev, id);
		this.pieces.push(sep, text);
		this.size += sep.length + text.length;
		this.prev = id;
	}

	endRow(): void {
		this.pieces.push(this.tags.sep(this.prev, 0));
	}
}

/** Appends `<row>…</row>` for every row to `out` (in batches of several rows). */
function writeRows(out: Utf8Out, rows: Row[], opts: WriteOptions | undefined, asText = false): void {
	if (!Array.isArray(rows)) throw new TypeError('rows must be an array of objects');
	const w = new RowWriter(opts, asText);
	const pieces = w.pieces;
	const plainProto = prototypeIsClean() ? Object.prototype : undefined;
	let sized = false;
	for (let r = 0; r < rows.length; r++) {
		const row = rows[r];
		if (row === null || typeof row !== 'object' || Array.isArray(row)) {
			throw new XmlValueError(`Row ${r} is not an object`, r, '', 'nested');
		}
		w.startRow(r);
		const proto = Object.getPrototypeOf(row) as unknown;
		if (proto === plainProto || proto === null) {
			// for-in visits exactly Object.keys(row), in the same order, when nothing enumerable can be
			// inherited (plain or null-prototype objects, Object.prototype clean); no arrays allocated.
			for (const key in row) w.cell(key, row[key]);
		} else {
			const keys = Object.keys(row);
			for (let k = 0; k < keys.length; k++) w.cell(keys[k], row[keys[k]]);
		}
		w.endRow();
		if (w.size >= BATCH_CHARS) {
			const before = out.length;
			out.write(pieces.join(''));
			pieces.length = 0;
			w.size = 0;
			// The first batch tells the size of a row: room for all of them at once, not grown step by step.
			if (!sized) {
				sized = true;
				out.reserve(before + Math.ceil(((out.length - before) / (r + 1)) * rows.length * 1.05) + 1024);
			}
		}
	}
	if (pieces.length > 0) out.write(pieces.join(''));
}

/**
 * RunMapDataTable / RunMapDataTableWithErrors body.
 * Without variables (or with an empty list): `<RequestData><Table>…</Table>…</RequestData>`.
 * With variables: `<RequestData><Variables><ArrayOfVariableOfstringstring …>…</ArrayOfVariableOfstringstring>
 * </Variables><Xml><Table>…</Table>…</Xml></RequestData>` (the Dec 2020 documented layout).
 */
export function writeRunMapDataTableBody(rows: Row[], opts?: WriteOptions & { variables?: Variable[] }): Buffer {
	const variables = opts?.variables;
	const withVars = variables !== undefined && variables.length > 0;
	const out = new Utf8Out();
	out.write(withVars ? '<RequestData><Variables>' + writeVariablesXml(variables) + '</Variables><Xml>' : '<RequestData>');
	writeRows(out, rows, opts);
	out.write(withVars ? '</Xml></RequestData>' : '</RequestData>');
	return out.bytes();
}

/**
 * RunMapXml body: `<RequestData xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Variables/>
 * <Xml>ESCAPED dataSetXml</Xml></RequestData>`; with variables, `<Variables>` holds the
 * ArrayOfVariableOfstringstring element (unescaped, as in the RunMapDataTable layout).
 */
export function writeRunMapXmlBody(dataSetXml: string, variables?: Variable[]): string {
	const vars =
		variables !== undefined && variables.length > 0
			? '<Variables>' + writeVariablesXml(variables) + '</Variables>'
			: '<Variables/>';
	return (
		'<RequestData xmlns:i="' +
		XSI_NAMESPACE +
		'">' +
		vars +
		'<Xml>' +
		escapeChecked(String(dataSetXml), -1, 'Xml', false) +
		'</Xml></RequestData>'
	);
}

/**
 * The same bytes as `writeRunMapXmlBody(<the data set of rows>, opts.variables)`, written in one
 * pass (the data set is escaped as it is built instead of afterwards, which for large tables is
 * several times faster than escaping the finished document).
 */
export function writeRunMapXmlBodyFromRows(
	rows: Row[],
	opts?: WriteOptions & { rootElement?: string; variables?: Variable[] },
): Buffer {
	const root = elementName(opts?.rootElement ?? 'DataSet', 'root');
	const variables = opts?.variables;
	const vars =
		variables !== undefined && variables.length > 0
			? '<Variables>' + writeVariablesXml(variables) + '</Variables>'
			: '<Variables/>';
	const out = new Utf8Out();
	out.write('<RequestData xmlns:i="' + XSI_NAMESPACE + '">' + vars + '<Xml>&lt;' + root + '&gt;');
	writeRows(out, rows, opts, true);
	out.write('&lt;/' + root + '&gt;</Xml></RequestData>');
	return out.bytes();
}

/**
 * A DataSet document as the document itself, `<DataSet><Table>…</Table>…</DataSet>` (the on-premise
 * server's bodies, without SmartConnect.com's `<RequestData>`), with `head` (XML, such as an inline
 * schema) written right after the root's start tag.
 */
export function writeDataSetBody(rows: Row[], opts?: WriteOptions & { rootElement?: string; head?: string }): Buffer {
	const root = elementName(opts?.rootElement ?? 'DataSet', 'root');
	const out = new Utf8Out();
	out.write('<' + root + '>' + (opts?.head ?? ''));
	writeRows(out, rows, opts);
	out.write('</' + root + '>');
	return out.bytes();
}

function variableValue(v: unknown, index: number, field: 'Key' | 'Value'): string {
	if (v === null || v === undefined) return '';
	const text = valueText(v, index, field, false, true);
	return text === undefined ? '' : text;
}

function variableText(v: unknown, index: number, field: 'Key' | 'Value'): string {
	return escapeXmlVariable(variableValue(v, index, field), index, field);
}

function escapeXmlVariable(s: string, index: number, field: string): string {
	if (!NEEDS_WORK.test(s)) return s;
	const at = findInvalidChar(s);
	if (at !== -1) {
		throw new XmlValueError(
			`Variable ${index}, ${field}: character ${codePointLabel(s.charCodeAt(at))} is not allowed in XML`,
			index,
			field,
			'invalidChar',
		);
	}
	return escapeValid(s);
}

/**
 * `<ArrayOfVariableOfstringstring xmlns="http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Engine"
 * xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><VariableOfstringstring><Key>…</Key><Value>…</Value>
 * </VariableOfstringstring>…</ArrayOfVariableOfstringstring>`.
 * Keys and values that are not strings are formatted like cell values; null/undefined → "".
 * Errors use rowIndex = variable index and column = 'Key' or 'Value'.
 */
export function writeVariablesXml(variables: Variable[]): string {
	let s = '<ArrayOfVariableOfstringstring xmlns="' + VARIABLES_NAMESPACE + '" xmlns:i="' + XSI_NAMESPACE + '">';
	for (let i = 0; i < variables.length; i++) {
		const v = variables[i];
		if (v === null || typeof v !== 'object') throw new XmlValueError(`Variable ${i} is not an object`, i, '', 'nested');
		s +=
			'<VariableOfstringstring><Key>' +
			variableText(v.Key, i, 'Key') +
			'</Key><Value>' +
			variableText(v.Value, i, 'Value') +
			'</Value></VariableOfstringstring>';
	}
	return s + '</ArrayOfVariableOfstringstring>';
}

/** `[{"Key":"…","Value":"…"}]`: the JSON variables body (RunMapWithVariables, GetAllDataWithVariables). */
export function variablesJson(variables: Variable[]): string {
	const list: Variable[] = [];
	for (let i = 0; i < variables.length; i++) {
		const v = variables[i];
		if (v === null || typeof v !== 'object') throw new XmlValueError(`Variable ${i} is not an object`, i, '', 'nested');
		list.push({ Key: variableValue(v.Key, i, 'Key'), Value: variableValue(v.Value, i, 'Value') });
	}
	return JSON.stringify(list);
}
