/**
 * XML functions only the tests and benchmarks need, built on the shipped module
 * (nodes/SmartConnect/xml), so the node package carries none of them:
 * - writeDataSet: a `<DataSet>` document from rows — the product writes the same rows inside
 *   `<RequestData>` (writeRunMapDataTableBody); this swaps the root element.
 * - escapeXmlText: text escaped as the product escapes it (the `<Xml>` text of a RunMapXml body).
 * - readSerializedString, readVariablesXml, textOf, childElements: reading what the node sends.
 * - dataTableBodyText, xmlBodyFromRowsText: the body writers' UTF-8 bytes as text, for comparing.
 */
import {
	encodeXmlName,
	parseXml,
	writeRunMapDataTableBody,
	writeRunMapXmlBody,
	writeRunMapXmlBodyFromRows,
	XmlParseError,
	XmlValueError,
	type Row,
	type Variable,
	type WriteOptions,
	type XmlElement,
	type XmlNode,
} from '../../nodes/SmartConnect/xml';

/** writeRunMapDataTableBody's bytes as text. */
export function dataTableBodyText(rows: Row[], opts?: WriteOptions & { variables?: Variable[] }): string {
	return writeRunMapDataTableBody(rows, opts).toString('utf8');
}

/** writeRunMapXmlBodyFromRows's bytes as text. */
export function xmlBodyFromRowsText(rows: Row[], opts?: WriteOptions & { rootElement?: string; variables?: Variable[] }): string {
	return writeRunMapXmlBodyFromRows(rows, opts).toString('utf8');
}

const REQUEST_OPEN = '<RequestData>';
const REQUEST_CLOSE = '</RequestData>';

/** `<DataSet><Table>…</Table>…</DataSet>` (root element name from `rootElement`, default 'DataSet'). */
export function writeDataSet(rows: Row[], opts?: WriteOptions & { rootElement?: string }): string {
	const rootName = opts?.rootElement ?? 'DataSet';
	if (typeof rootName !== 'string' || rootName.length === 0) {
		throw new XmlValueError('The root element name must not be empty', -1, '', 'invalidName');
	}
	const root = encodeXmlName(rootName);
	const { rowElement, invalidChars, nested } = opts ?? {};
	const body = dataTableBodyText(rows, { rowElement, invalidChars, nested });
	return `<${root}>${body.slice(REQUEST_OPEN.length, body.length - REQUEST_CLOSE.length)}</${root}>`;
}

const XML_OPEN = '<Variables/><Xml>';
const XML_CLOSE = '</Xml></RequestData>';

/**
 * Escapes text content: & < > and CR (→ &#xD;). Throws XmlValueError (rowIndex -1, reason
 * 'invalidChar') if the text contains a character XML 1.0 forbids.
 */
export function escapeXmlText(s: string): string {
	const body = writeRunMapXmlBody(String(s));
	return body.slice(body.indexOf(XML_OPEN) + XML_OPEN.length, body.length - XML_CLOSE.length);
}

/** All text inside the element (descendants included, in document order). */
export function textOf(el: XmlElement): string {
	let out = '';
	const stack: XmlNode[][] = [el.children];
	const index: number[] = [0];
	while (stack.length > 0) {
		const top = stack.length - 1;
		const list = stack[top];
		if (index[top] >= list.length) {
			stack.pop();
			index.pop();
			continue;
		}
		const node = list[index[top]++];
		if (typeof node === 'string') out += node;
		else {
			stack.push(node.children);
			index.push(0);
		}
	}
	return out;
}

/** Element children of `el` (text skipped). */
export function childElements(el: XmlElement): XmlElement[] {
	const out: XmlElement[] = [];
	for (const c of el.children) if (typeof c !== 'string') out.push(c);
	return out;
}

/**
 * `<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">…</string>` → the decoded text.
 * The root must be a `string` element (any namespace) without child elements; `i:nil="true"` gives "".
 */
export function readSerializedString(xml: string): string {
	const root = parseXml(xml);
	if (root.name !== 'string') {
		throw new XmlParseError(`Expected a <string> document element, found <${root.qname}>`, 1, 1, 0);
	}
	if (childElements(root).length > 0) {
		throw new XmlParseError('The <string> element must contain only text', 1, 1, 0);
	}
	return textOf(root);
}

/**
 * Variables from `<ArrayOfVariableOfstringstring>` (any namespace / prefix). Also accepts a
 * `<Variables>` wrapper or a whole `<RequestData>` body. Missing or nil Value → "".
 */
export function readVariablesXml(xml: string): Variable[] {
	let el: XmlElement = parseXml(xml);
	if (el.name === 'RequestData') {
		const v = childElements(el).find((c) => c.name === 'Variables');
		if (v === undefined) return [];
		el = v;
	}
	if (el.name === 'Variables') {
		const inner = childElements(el);
		if (inner.length === 0) return [];
		el = inner[0];
	}
	const out: Variable[] = [];
	for (const item of childElements(el)) {
		let key: string | undefined;
		let value = '';
		for (const f of childElements(item)) {
			if (f.name === 'Key') key = textOf(f);
			else if (f.name === 'Value') value = textOf(f);
		}
		if (key === undefined) {
			throw new XmlParseError(`<${item.qname}> has no <Key> element`, 1, 1, 0);
		}
		out.push({ Key: key, Value: value });
	}
	return out;
}
