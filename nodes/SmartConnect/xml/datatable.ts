/**
 * Readers for the XML SmartConnect sends back (and for request bodies, which the simulator reads).
 *
 * readDataTable is a specialised single-pass scanner (no tree): root = data set, children = rows,
 * grandchildren = columns. It applies the same well-formedness checks as parseXml (characters,
 * names, attributes, entities, tag matching, DOCTYPE rejection, depth limit, nothing after the root).
 *
 * Layouts it understands:
 * - A .NET DataSet / DataTable document (`DataSet.WriteXml`), with or without an inline `xs:schema`.
 *   The schema is skipped, but the column names of the row table declared in it come first in
 *   `columns` (so an Errors table with no rows still has its columns). Columns found only in rows
 *   follow in order of first appearance.
 * - The RunMapDataTable request body: root `RequestData` with `<Table>` rows directly inside, or the
 *   `<Variables>…</Variables><Xml><Table>…</Table></Xml>` layout (Variables is skipped; rows are the
 *   children of `<Xml>`). So directly under a `RequestData` root, rows cannot be named Variables or Xml.
 * - A document whose root (or whose `<Xml>` in a RequestData) holds an escaped XML document as text
 *   and no elements: the GetAllData `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">`
 *   wrapper, or a RunMapXml body. The text is parsed as the data set (at most two levels of wrapping).
 *   `dataSetName` then comes from the inner document.
 * - The same document XML-escaped once more (text starting with "&lt;", as the Python sample's
 *   `html.unescape(response["Errors"])` suggests can happen): it is unescaped and parsed.
 *
 * Values: element text with entities decoded and CDATA merged in; line ends normalised (CR LF → LF,
 * &#xD; → CR). An empty or self-closing element gives "". A column missing from a row gives null
 * (every row has every column), as does an element with `xsi:nil="true"` (any prefix).
 * Names are the local names (prefix stripped) decoded with decodeXmlName.
 * White space between elements, comments and processing instructions are ignored; other text directly
 * inside the data-set element is ignored too. Errors (XmlParseError): text directly inside a row,
 * elements nested inside a column, the same column twice in one row, rows with different element names.
 */
import { parseError, XmlParseError } from './errors';
import { decodeXmlName } from './names';
import {
	cdataText,
	checkDocumentChars,
	checkEpilog,
	decodeText,
	isAllWs,
	isCdata,
	localName,
	matchAt,
	MAX_DEPTH,
	readAttributes,
	readEndTag,
	scanName,
	setOwn,
	skipMarkup,
	skipProlog,
	skipWs,
	TagEnd,
} from './scanner';

export interface DataTable {
	/** Decoded local name of the data-set (root) element, e.g. "NewDataSet", "DataSet", "RequestData". */
	dataSetName: string;
	/** Decoded local name of the row elements, e.g. "Table"; from the schema or "" if there are no rows. */
	tableName: string;
	/** Column order (schema first, then first appearance). Row objects have exactly these keys. */
	columns: string[];
	/**
	 * One object per row with exactly the keys of `columns`, in `columns` order (a row whose elements
	 * come in another order keeps the document order; integer-like names such as "2" always come first,
	 * as JavaScript orders them).
	 */
	rows: Record<string, string | null>[];
}

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

interface SchemaInfo {
	mainTable: string | null;
	tables: Map<string, Set<string>>;
	order: string[];
}

class TableReader {
	readonly src: string;
	readonly hasCR: boolean;
	readonly tag: TagEnd = { end: 0, selfClosing: false };
	/** qname → discovery index */
	private readonly colByRaw = new Map<string, number>();
	/** decoded name → discovery index */
	private readonly colByName = new Map<string, number>();
	readonly names: string[] = [];
	/** Row objects, cells set in document order. */
	readonly rows: Record<string, string | null>[] = [];
	/** Number of cells of each row (rows with fewer than all columns get nulls at the end). */
	private readonly cellCounts: number[] = [];
	/** seen[idx] = 1 + number of the row that last set column idx (duplicate detection). */
	private readonly seen: number[] = [];
	private protoIdx = -1;
	rowQname: string | null = null;
	text = '';
	schema: SchemaInfo | null = null;
	/** Column qname / index at each position of the previous row: predicts the next row's tags. */
	private readonly predQ: string[] = [];
	private readonly predIdx: number[] = [];

	constructor(src: string) {
		this.src = src;
		this.hasCR = src.indexOf('\r') !== -1;
	}

	private colIndex(qname: string): number {
		let idx = this.colByRaw.get(qname);
		if (idx === undefined) {
			const name = decodeXmlName(localName(qname));
			idx = this.colByName.get(name);
			if (idx === undefined) {
				idx = this.names.length;
				this.names.push(name);
				this.seen.push(0);
				this.colByName.set(name, idx);
				if (name === '__proto__') this.protoIdx = idx;
			}
			this.colByRaw.set(qname, idx);
		}
		return idx;
	}

	/**
	 * Children of a container element (the data set, or `<Xml>`), from `pos` (after its start tag) to
	 * after its end tag. `depth` is the container's depth (root = 1).
	 */
	readContainer(pos: number, qname: string, openedAt: number, depth: number, isRequestRoot: boolean, keepText: boolean): number {
		const src = this.src;
		const n = src.length;
		const tag = this.tag;
		let i = pos;
		for (;;) {
			if (i >= n) throw parseError(src, openedAt, `Element <${qname}> is not closed (end of input reached)`);
			if (src.charCodeAt(i) !== 0x3c) {
				const lt = src.indexOf('<', i);
				const end = lt === -1 ? n : lt;
				const t = decodeText(src, i, end, this.hasCR);
				if (keepText) this.text += t;
				i = end;
				continue;
			}
			const c1 = src.charCodeAt(i + 1);
			if (c1 === 0x2f) return readEndTag(src, i, qname, openedAt);
			if (c1 === 0x21 || c1 === 0x3f) {
				const next = skipMarkup(src, i);
				if (keepText && isCdata(src, i)) this.text += cdataText(src, i + 9, next - 3, this.hasCR);
				i = next;
				continue;
			}
			// Child element.
			const at = i;
			const nameEnd = scanName(src, i + 1, 'an element name');
			const childQ = src.slice(i + 1, nameEnd);
			const local = localName(childQ);
			if (depth + 1 > MAX_DEPTH) throw parseError(src, at, `Elements are nested deeper than ${MAX_DEPTH} levels`);
			if (this.rowQname === null || childQ !== this.rowQname) {
				if (local === 'schema') {
					const attrs: Record<string, string> = {};
					readAttributes(src, nameEnd, attrs, tag);
					if (childQ !== local || attrs.xmlns === XSD_NS) {
						i = tag.selfClosing ? tag.end : this.readSchema(tag.end, childQ, at, depth + 1);
						continue;
					}
				} else if (isRequestRoot && (local === 'Variables' || local === 'Xml')) {
					readAttributes(src, nameEnd, null, tag);
					if (tag.selfClosing) i = tag.end;
					else if (local === 'Variables') i = skipSubtree(src, tag.end, childQ, at, depth + 1, null, tag);
					else i = this.readContainer(tag.end, childQ, at, depth + 1, false, true);
					continue;
				}
				if (this.rowQname === null) this.rowQname = childQ;
				else {
					throw parseError(
						src,
						at,
						`Element <${childQ}> found where a <${this.rowQname}> row was expected (only one table per document is supported)`,
					);
				}
			}
			i = this.readRow(at, nameEnd, childQ, depth + 1);
		}
	}

	/** One row element whose '<' is at `at` and whose name ends at `nameEnd`. Returns the position after it. */
	private readRow(at: number, nameEnd: number, rowQ: string, depth: number): number {
		const src = this.src;
		const n = src.length;
		const tag = this.tag;
		const hasCR = this.hasCR;
		const predQ = this.predQ;
		const predIdx = this.predIdx;
		const names = this.names;
		const seen = this.seen;
		const rowNo = this.rows.length + 1;
		const obj: Record<string, string | null> = {};
		this.rows.push(obj);
		this.cellCounts.push(0);
		let i: number;
		if (src.charCodeAt(nameEnd) === 0x3e) i = nameEnd + 1;
		else {
			readAttributes(src, nameEnd, null, tag);
			if (tag.selfClosing) return tag.end;
			i = tag.end;
		}
		if (depth + 1 > MAX_DEPTH) {
			// Only reachable with absurd container nesting; keeps the limit exact.
			throw parseError(src, at, `Elements are nested deeper than ${MAX_DEPTH} levels`);
		}
		let k = 0;
		for (;;) {
			if (src.charCodeAt(i) !== 0x3c) {
				const lt = src.indexOf('<', i);
				if (lt === -1) throw parseError(src, at, `Element <${rowQ}> is not closed (end of input reached)`);
				if (!isAllWs(src, i, lt)) {
					throw parseError(src, i, `Text is not allowed directly inside the row element <${rowQ}> (only column elements)`);
				}
				i = lt;
			}
			const c1 = src.charCodeAt(i + 1);
			if (c1 === 0x2f) {
				this.cellCounts[rowNo - 1] = k;
				return readEndTag(src, i, rowQ, at);
			}
			if (c1 === 0x21 || c1 === 0x3f) {
				const next = skipMarkup(src, i);
				if (isCdata(src, i) && !isAllWs(src, i + 9, next - 3)) {
					throw parseError(src, i, `Text is not allowed directly inside the row element <${rowQ}> (only column elements)`);
				}
				i = next;
				continue;
			}
			// Column element: try the name at the same position in the previous row first.
			const cellAt = i;
			let qname = predQ[k];
			let idx: number;
			let p: number;
			let c: number;
			if (
				qname !== undefined &&
				matchAt(src, i + 1, qname) &&
				((c = src.charCodeAt(i + 1 + qname.length)) === 0x3e || c === 0x2f || c === 0x20 || c === 0x9 || c === 0xa || c === 0xd)
			) {
				idx = predIdx[k];
				p = i + 1 + qname.length;
			} else {
				p = scanName(src, i + 1, 'an element name');
				qname = src.slice(i + 1, p);
				idx = this.colIndex(qname);
				predQ[k] = qname;
				predIdx[k] = idx;
				c = src.charCodeAt(p);
			}
			k++;
			// undefined: the content still has to be read
			let value: string | null | undefined;
			if (c === 0x3e) {
				p++;
			} else if (c === 0x2f && src.charCodeAt(p + 1) === 0x3e) {
				p += 2;
				value = '';
			} else {
				const attrs: Record<string, string> = {};
				readAttributes(src, p, attrs, tag);
				p = tag.end;
				const nil = isNil(attrs);
				if (tag.selfClosing) value = nil ? null : '';
				else if (nil) {
					p = this.readCellSlow(p, qname, cellAt, depth + 1);
					value = null;
				}
			}
			if (value === undefined) {
				const lt = src.indexOf('<', p);
				if (lt === -1) throw parseError(src, cellAt, `Element <${qname}> is not closed (end of input reached)`);
				const e = lt + 2 + qname.length;
				if (src.charCodeAt(lt + 1) === 0x2f && src.charCodeAt(e) === 0x3e && matchAt(src, lt + 2, qname)) {
					value = lt === p ? '' : decodeText(src, p, lt, hasCR);
					p = e + 1;
				} else {
					p = this.readCellSlow(p, qname, cellAt, depth + 1);
					value = this.cell;
				}
			}
			if (seen[idx] === rowNo) {
				throw parseError(src, cellAt, `Column <${qname}> appears twice in the same row`);
			}
			seen[idx] = rowNo;
			if (idx === this.protoIdx) setOwn(obj, '__proto__', value);
			else obj[names[idx]] = value;
			i = p;
			if (i >= n) throw parseError(src, at, `Element <${rowQ}> is not closed (end of input reached)`);
		}
	}

	private cell = '';

	/** Column content with CDATA / comments / PIs; sets this.cell; returns the position after the end tag. */
	private readCellSlow(pos: number, qname: string, openedAt: number, depth: number): number {
		const src = this.src;
		let value = '';
		let i = pos;
		for (;;) {
			const lt = src.indexOf('<', i);
			if (lt === -1) throw parseError(src, openedAt, `Element <${qname}> is not closed (end of input reached)`);
			if (lt > i) value += decodeText(src, i, lt, this.hasCR);
			const c1 = src.charCodeAt(lt + 1);
			if (c1 === 0x2f) {
				this.cell = value;
				return readEndTag(src, lt, qname, openedAt);
			}
			if (c1 === 0x21 || c1 === 0x3f) {
				i = skipMarkup(src, lt);
				if (isCdata(src, lt)) value += cdataText(src, lt + 9, i - 3, this.hasCR);
				continue;
			}
			// Report syntax errors in the nested tag before the structural error.
			const nameEnd = scanName(src, lt + 1, 'an element name');
			if (depth + 1 > MAX_DEPTH) throw parseError(src, lt, `Elements are nested deeper than ${MAX_DEPTH} levels`);
			throw parseError(
				src,
				lt,
				`Element <${src.slice(lt + 1, nameEnd)}> inside column <${qname}>: nested elements are not supported in a data table`,
			);
		}
	}

	/** Inline xs:schema: collects table and column names, skips everything else. */
	private readSchema(pos: number, qname: string, openedAt: number, depth: number): number {
		const info: SchemaInfo = { mainTable: null, tables: new Map(), order: [] };
		this.schema = info;
		const isElement: boolean[] = [];
		let level = 0;
		let table: Set<string> | null = null;
		return skipSubtree(
			this.src,
			pos,
			qname,
			openedAt,
			depth,
			{
				start(q, attrs, selfClosing) {
					const element = localName(q) === 'element';
					if (element) {
						const lvl = level + 1;
						const name = attrs.name;
						if (lvl === 1) {
							for (const key of Object.keys(attrs)) {
								if (localName(key) === 'MainDataTable') info.mainTable = decodeXmlName(localName(attrs[key]));
							}
						} else if (lvl === 2 && name !== undefined) {
							const t = decodeXmlName(name);
							table = info.tables.get(t) ?? new Set<string>();
							if (!info.tables.has(t)) {
								info.tables.set(t, table);
								info.order.push(t);
							}
						} else if (lvl === 3 && name !== undefined && table !== null) {
							table.add(decodeXmlName(name));
						}
					}
					if (!selfClosing) {
						isElement.push(element);
						if (element) level++;
					}
				},
				end() {
					if (isElement.pop()) {
						level--;
						if (level < 2) table = null;
					}
				},
			},
			this.tag,
		);
	}

	result(dataSetName: string): DataTable {
		const rowTable = this.rowQname === null ? null : decodeXmlName(localName(this.rowQname));
		let schemaCols: Iterable<string> = [];
		let tableName = rowTable ?? '';
		const schema = this.schema;
		if (schema !== null && schema.order.length > 0) {
			// With rows: the schema table of the same name (if any). Without: the main table, or the first.
			const pick =
				rowTable !== null
					? rowTable
					: schema.mainTable !== null && schema.tables.has(schema.mainTable)
						? schema.mainTable
						: schema.order[0];
			schemaCols = schema.tables.get(pick) ?? new Set<string>();
			if (rowTable === null) tableName = pick;
		}
		const columns: string[] = [];
		const seen = new Set<string>();
		let reordered = false;
		for (const c of schemaCols) {
			if (this.colByName.get(c) !== columns.length) reordered = true;
			columns.push(c);
			seen.add(c);
		}
		for (let d = 0; d < this.names.length; d++) {
			if (seen.has(this.names[d])) continue;
			if (d !== columns.length) reordered = true;
			columns.push(this.names[d]);
		}
		const nc = columns.length;
		const rows = this.rows;
		const protoKey = columns.indexOf('__proto__') !== -1;
		for (let r = 0; r < rows.length; r++) {
			if (!reordered && this.cellCounts[r] === nc) continue;
			// Rebuild in column order, with null for missing cells.
			const old = rows[r];
			const obj: Record<string, string | null> = {};
			for (let k = 0; k < nc; k++) {
				const key = columns[k];
				const v = Object.prototype.hasOwnProperty.call(old, key) ? old[key] : null;
				if (protoKey) setOwn(obj, key, v);
				else obj[key] = v;
			}
			rows[r] = obj;
		}
		return { dataSetName, tableName, columns, rows };
	}
}

function isNil(attrs: Record<string, string>): boolean {
	for (const key of Object.keys(attrs)) {
		if (localName(key) === 'nil' && key !== 'nil') {
			const v = attrs[key].trim();
			if (v === 'true' || v === '1') return true;
		}
	}
	return false;
}

interface SubtreeVisitor {
	start(qname: string, attrs: Record<string, string>, selfClosing: boolean): void;
	end(): void;
}

/**
 * Skips the content of an element (from `pos`, after its start tag, to after its end tag) with all
 * well-formedness checks; iterative. `depth` is the depth of that element.
 */
function skipSubtree(
	src: string,
	pos: number,
	qname: string,
	openedAt: number,
	depth: number,
	visitor: SubtreeVisitor | null,
	tag: TagEnd,
): number {
	const n = src.length;
	const hasCR = false; // text is discarded; only its syntax matters
	const names: string[] = [qname];
	const opened: number[] = [openedAt];
	let i = pos;
	for (;;) {
		const top = names.length - 1;
		if (i >= n) throw parseError(src, opened[top], `Element <${names[top]}> is not closed (end of input reached)`);
		if (src.charCodeAt(i) !== 0x3c) {
			const lt = src.indexOf('<', i);
			const end = lt === -1 ? n : lt;
			decodeText(src, i, end, hasCR);
			i = end;
			continue;
		}
		const c1 = src.charCodeAt(i + 1);
		if (c1 === 0x2f) {
			i = readEndTag(src, i, names[top], opened[top]);
			names.pop();
			opened.pop();
			if (visitor !== null) visitor.end();
			if (names.length === 0) return i;
			continue;
		}
		if (c1 === 0x21 || c1 === 0x3f) {
			i = skipMarkup(src, i);
			continue;
		}
		const nameEnd = scanName(src, i + 1, 'an element name');
		const q = src.slice(i + 1, nameEnd);
		const attrs: Record<string, string> | null = visitor !== null ? {} : null;
		readAttributes(src, nameEnd, attrs, tag);
		if (visitor !== null) visitor.start(q, attrs as Record<string, string>, tag.selfClosing);
		if (!tag.selfClosing) {
			if (depth + names.length > MAX_DEPTH) {
				throw parseError(src, i, `Elements are nested deeper than ${MAX_DEPTH} levels`);
			}
			names.push(q);
			opened.push(i);
		}
		i = tag.end;
	}
}

function rethrow(e: unknown): never {
	throw e;
}

/** Parses `inner` (XML that was held as text) and prefixes its errors with `where`. */
function readInner(inner: string, unwrap: number, where: string): DataTable {
	let table: DataTable | null = null;
	let failure: XmlParseError | null = null;
	try {
		table = readDataTableImpl(inner, unwrap - 1);
	} catch (e) {
		// Anything but a parse error propagates unchanged (the catch only records parse errors).
		if (!(e instanceof XmlParseError)) return rethrow(e);
		failure = e;
	}
	if (failure !== null) {
		throw new XmlParseError(`In the XML document ${where}: ${failure.message}`, failure.line, failure.column, failure.offset);
	}
	return table as DataTable;
}

function readDataTableImpl(src: string, unwrap: number): DataTable {
	checkDocumentChars(src);
	// An XML-escaped document ("&lt;NewDataSet&gt;…", e.g. an Errors value that was escaped once more).
	const first = skipWs(src, src.charCodeAt(0) === 0xfeff ? 1 : 0);
	if (unwrap > 0 && src.startsWith('&lt;', first)) {
		return readInner(decodeText(src, 0, src.length, src.indexOf('\r') !== -1), unwrap, 'given as escaped text');
	}
	const reader = new TableReader(src);
	const at = skipProlog(src);
	const nameEnd = scanName(src, at + 1, 'an element name');
	const rootQ = src.slice(at + 1, nameEnd);
	const rootLocal = localName(rootQ);
	const tag = reader.tag;
	readAttributes(src, nameEnd, null, tag);
	let i = tag.end;
	const isRequest = rootLocal === 'RequestData';
	if (!tag.selfClosing) i = reader.readContainer(i, rootQ, at, 1, isRequest, !isRequest);
	checkEpilog(src, i);
	if (reader.rows.length === 0 && reader.schema === null && !isAllWs(reader.text, 0, reader.text.length)) {
		if (unwrap <= 0) {
			throw parseError(src, at, `<${rootQ}> holds text, not a data table`);
		}
		return readInner(reader.text, unwrap, `held as text by <${rootQ}>`);
	}
	return reader.result(decodeXmlName(rootLocal));
}

/** Reads a data-table document (see the comment at the top of this file). Throws XmlParseError. */
export function readDataTable(xml: string): DataTable {
	if (typeof xml !== 'string') throw new TypeError('readDataTable expects a string');
	return readDataTableImpl(xml, 2);
}
