/* eslint-disable @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Interpretation of request bodies: global variables (three documented shapes) and the rows of
 * RunMapDataTable / RunMapXml payloads (both documented RequestData layouts).
 */
import type { SimRow, Variable } from './types';
import { decodeName } from './xml';
import { childNamed, parseXml, XmlBodyError, type XmlElement } from './xmlParse';

/** A body the endpoint cannot use; answered with 400 {"Message": …} before anything runs. */
export class BodyError extends Error {}

// ---------------------------------------------------------------- variables

/**
 * Variables from a RunMapWithVariables / GetAllDataWithVariables body:
 *  (a) `[{"Key":"GBL_X","Value":"1"}]`
 *  (b) `{"Variables":"[ { Key: \"GBL_X\", Value: \"1\" } ]","Xml":""}` (inner JS-style literal) or with a real array
 *  (c) `<ArrayOfVariableOfstringstring>…` or `<RequestData><Variables>…</Variables>…`
 * An empty body means no variables.
 */
export function parseVariablesBody(body: string): Variable[] {
	const text = body.trim();
	if (text === '') return [];
	if (text.startsWith('<')) return variablesFromXmlDocument(parseXmlOr400(text));
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		throw new BodyError(`The request body is not valid JSON: ${(e as Error).message}`);
	}
	return variablesFromJson(json);
}

function variablesFromJson(json: unknown): Variable[] {
	if (Array.isArray(json)) return toVariables(json);
	if (json !== null && typeof json === 'object') {
		const inner = getCaseInsensitive(json as Record<string, unknown>, 'Variables');
		if (inner === undefined || inner === null || inner === '') return [];
		if (typeof inner === 'string') return toVariables(parseLooseLiteral(inner));
		if (Array.isArray(inner)) return toVariables(inner);
	}
	throw new BodyError('Variables must be an array of {Key, Value} objects.');
}

function toVariables(value: unknown): Variable[] {
	if (!Array.isArray(value)) throw new BodyError('Variables must be an array of {Key, Value} objects.');
	return value.map((item) => {
		if (item === null || typeof item !== 'object') throw new BodyError('Each variable must be a {Key, Value} object.');
		const key = getCaseInsensitive(item as Record<string, unknown>, 'Key');
		const val = getCaseInsensitive(item as Record<string, unknown>, 'Value');
		if (typeof key !== 'string' || key === '') throw new BodyError('Each variable needs a Key.');
		return { Key: key, Value: val === null || val === undefined ? '' : String(val) };
	});
}

function getCaseInsensitive(obj: Record<string, unknown>, name: string): unknown {
	const lower = name.toLowerCase();
	const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
	return key === undefined ? undefined : obj[key];
}

function variablesFromXmlDocument(root: XmlElement): Variable[] {
	if (root.name.toLowerCase() === 'requestdata') {
		const vars = childNamed(root, 'Variables');
		return vars ? variablesFromVariablesElement(vars) : [];
	}
	return variablesFromArrayElement(root);
}

/** `<Variables>` holds either the ArrayOfVariableOfstringstring element or (as a string member) its escaped text. */
export function variablesFromVariablesElement(el: XmlElement): Variable[] {
	if (el.children.length > 0) {
		const arr = childNamed(el, 'ArrayOfVariableOfstringstring');
		return variablesFromArrayElement(arr ?? el);
	}
	const text = el.text.trim();
	if (text === '') return [];
	if (text.startsWith('<')) return variablesFromXmlDocument(parseXmlOr400(text));
	return toVariables(parseLooseLiteral(text));
}

function variablesFromArrayElement(arr: XmlElement): Variable[] {
	return arr.children.map((v) => {
		const key = childNamed(v, 'Key')?.text ?? '';
		if (key === '') throw new BodyError('Each variable needs a Key.');
		return { Key: key, Value: childNamed(v, 'Value')?.text ?? '' };
	});
}

// ---------------------------------------------------------------- loose JS literal

/**
 * Parses the JavaScript-style literal of variable shape (b), e.g. `[ { Key: "GBL_X", Value: 'a' } ]`:
 * JSON plus unquoted keys, single-quoted strings and trailing commas.
 */
export function parseLooseLiteral(src: string): unknown {
	const p = new LooseParser(src);
	const value = p.value();
	p.end();
	return value;
}

class LooseParser {
	private i = 0;
	constructor(private readonly s: string) {}

	value(): unknown {
		this.ws();
		const ch = this.s[this.i];
		if (ch === '[') return this.array();
		if (ch === '{') return this.object();
		if (ch === '"' || ch === "'") return this.string();
		const word = this.word();
		if (word === 'true') return true;
		if (word === 'false') return false;
		if (word === 'null') return null;
		if (word !== '' && !Number.isNaN(Number(word))) return Number(word);
		throw this.fail('a value');
	}

	end(): void {
		this.ws();
		if (this.i < this.s.length) throw this.fail('end of input');
	}

	private array(): unknown[] {
		const out: unknown[] = [];
		this.i++;
		for (;;) {
			this.ws();
			if (this.eat(']')) return out;
			out.push(this.value());
			this.ws();
			if (!this.eat(',') && this.s[this.i] !== ']') throw this.fail("',' or ']'");
		}
	}

	private object(): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		this.i++;
		for (;;) {
			this.ws();
			if (this.eat('}')) return out;
			const ch = this.s[this.i];
			const key = ch === '"' || ch === "'" ? this.string() : this.word();
			if (key === '') throw this.fail('a key');
			this.ws();
			if (!this.eat(':')) throw this.fail("':'");
			out[key] = this.value();
			this.ws();
			if (!this.eat(',') && this.s[this.i] !== '}') throw this.fail("',' or '}'");
		}
	}

	private string(): string {
		const quote = this.s[this.i++];
		let out = '';
		while (this.i < this.s.length && this.s[this.i] !== quote) {
			const ch = this.s[this.i++];
			if (ch !== '\\') {
				out += ch;
				continue;
			}
			const esc = this.s[this.i++];
			if (esc === 'u') {
				out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
				this.i += 4;
			} else {
				out += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[esc] ?? esc;
			}
		}
		if (!this.eat(quote)) throw this.fail('closing quote');
		return out;
	}

	private word(): string {
		const m = /^[A-Za-z0-9_$.+-]+/.exec(this.s.slice(this.i));
		if (!m) return '';
		this.i += m[0].length;
		return m[0];
	}

	private ws(): void {
		while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
	}

	private eat(ch: string): boolean {
		if (this.s[this.i] !== ch) return false;
		this.i++;
		return true;
	}

	private fail(expected: string): BodyError {
		return new BodyError(`Variables could not be read: expected ${expected} at position ${this.i}.`);
	}
}

// ---------------------------------------------------------------- rows

export interface RequestDataContent {
	rows: SimRow[];
	variables: Variable[];
}

/**
 * Rows and variables of a RunMapDataTable[WithErrors] or RunMapXml body. Accepted:
 *  - `<RequestData><Table>…</Table>…</RequestData>` (rows directly under the root)
 *  - `<RequestData><Variables>…</Variables><Xml><Table>…</Table></Xml></RequestData>` (rows inside Xml)
 *  - `<RequestData><Variables/><Xml>&lt;DataSet&gt;…</Xml></RequestData>` (an escaped DataSet in Xml)
 *  - a bare DataSet document.
 * The row element name is free; column element names are XmlConvert-decoded.
 */
export function parseRequestData(body: string): RequestDataContent {
	const root = parseXmlOr400(body);
	if (root.name.toLowerCase() !== 'requestdata') return { rows: rowsOf(root), variables: [] };
	const varsEl = childNamed(root, 'Variables');
	const variables = varsEl ? variablesFromVariablesElement(varsEl) : [];
	const xmlEl = childNamed(root, 'Xml');
	if (!xmlEl) return { rows: rowsOf(root), variables };
	if (xmlEl.children.length > 0) return { rows: rowsOf(xmlEl), variables };
	const inner = xmlEl.text.trim();
	return { rows: inner === '' ? [] : rowsOf(parseXmlOr400(inner)), variables };
}

const NOT_ROWS = new Set(['schema', 'variables', 'xml']);

/** Row elements of a container; descends through a single DataSet-like wrapper (`<NewDataSet><Table>…`). */
function rowsOf(container: XmlElement): SimRow[] {
	const candidates = container.children.filter((c) => !NOT_ROWS.has(c.name.toLowerCase()));
	const only = candidates.length === 1 ? candidates[0] : undefined;
	if (only && only.children.length > 0 && only.children.every((c) => c.children.length > 0)) return rowsOf(only);
	return candidates.map(rowOf);
}

function rowOf(el: XmlElement): SimRow {
	const row: SimRow = {};
	for (const col of el.children) row[decodeName(col.name)] = col.text;
	return row;
}

function parseXmlOr400(xml: string): XmlElement {
	try {
		return parseXml(xml);
	} catch (e) {
		if (e instanceof XmlBodyError) throw new BodyError(e.message);
		throw new BodyError(`The XML could not be read: ${(e as Error).message}`);
	}
}
