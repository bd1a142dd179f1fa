/**
 * A small, strict, non-validating XML 1.0 parser that builds a tree.
 *
 * - Iterative (explicit stack), linear time, depth limit MAX_DEPTH (1,000) → XmlParseError.
 * - Accepts a BOM, the XML declaration, comments, processing instructions, CDATA sections,
 *   namespace prefixes (not resolved: `name` is the local part, `qname` the name as written),
 *   attributes in either quote style, the five predefined entities and character references.
 * - Rejects DOCTYPE / ENTITY declarations (so no DTD, external entity or entity expansion is ever
 *   processed), undefined entities, characters XML 1.0 forbids, mismatched or unclosed tags, '<' in
 *   attribute values, duplicate attributes, "]]>" in text, a second root, text after the root…
 *   Every error is an XmlParseError with line, column and offset.
 * - Text: line ends are normalised (CR LF / CR → LF) before references are decoded, so &#xD; gives a CR.
 *   Adjacent text and CDATA (also across comments / processing instructions) become one string node.
 *   White-space-only text is kept.
 */
import { parseError } from './errors';
import {
	cdataText,
	checkDocumentChars,
	checkEpilog,
	decodeText,
	isCdata,
	localName,
	MAX_DEPTH,
	readAttributes,
	readEndTag,
	scanName,
	skipMarkup,
	skipProlog,
	TagEnd,
} from './scanner';

export interface XmlElement {
	/** Local name (prefix stripped). */
	name: string;
	/** Name as written, with prefix. */
	qname: string;
	/** Attributes by name as written (`xmlns:xs`, `i:nil`, …), values decoded. */
	attributes: Record<string, string>;
	children: XmlNode[];
}

/** Strings are text (entities decoded, CDATA merged in). */
export type XmlNode = XmlElement | string;

/** Parses a whole document and returns its document element. Throws XmlParseError. */
export function parseXml(text: string): XmlElement {
	if (typeof text !== 'string') throw new TypeError('parseXml expects a string');
	const src = text;
	checkDocumentChars(src);
	const hasCR = src.indexOf('\r') !== -1;
	const n = src.length;
	const stack: XmlElement[] = [];
	const openedAt: number[] = [];
	const tag: TagEnd = { end: 0, selfClosing: false };
	let root: XmlElement | null = null;
	let pending = '';
	let i = skipProlog(src);

	for (;;) {
		const depth = stack.length;
		if (depth === 0 && root !== null) {
			checkEpilog(src, i);
			return root;
		}
		if (i >= n) {
			throw parseError(src, openedAt[depth - 1], `Element <${stack[depth - 1].qname}> is not closed (end of input reached)`);
		}
		if (src.charCodeAt(i) !== 0x3c) {
			const lt = src.indexOf('<', i);
			const end = lt === -1 ? n : lt;
			pending += decodeText(src, i, end, hasCR);
			i = end;
			continue;
		}
		const c1 = src.charCodeAt(i + 1);
		if (c1 === 0x2f) {
			const el = stack[depth - 1];
			if (pending !== '') {
				el.children.push(pending);
				pending = '';
			}
			i = readEndTag(src, i, el.qname, openedAt[depth - 1]);
			stack.pop();
			openedAt.pop();
			continue;
		}
		if (c1 === 0x21 || c1 === 0x3f) {
			const next = skipMarkup(src, i);
			if (isCdata(src, i)) pending += cdataText(src, i + 9, next - 3, hasCR);
			i = next;
			continue;
		}
		const nameEnd = scanName(src, i + 1, 'an element name');
		const qname = src.slice(i + 1, nameEnd);
		const attributes: Record<string, string> = {};
		readAttributes(src, nameEnd, attributes, tag);
		const el: XmlElement = { name: localName(qname), qname, attributes, children: [] };
		if (depth > 0) {
			const parent = stack[depth - 1];
			if (pending !== '') {
				parent.children.push(pending);
				pending = '';
			}
			parent.children.push(el);
		} else {
			root = el;
		}
		if (!tag.selfClosing) {
			if (depth >= MAX_DEPTH) throw parseError(src, i, `Elements are nested deeper than ${MAX_DEPTH} levels`);
			stack.push(el);
			openedAt.push(i);
		}
		i = tag.end;
	}
}
