/**
 * Low-level, linear-time XML scanning shared by parseXml and readDataTable.
 * Everything works on one string with indexOf / charCodeAt; no regular expression here can backtrack.
 * Every function either returns a position or throws XmlParseError with line and column.
 */
import { codePointAt, findInvalidChar, INVALID_CANDIDATE, isNameCp, isNameStartCp, isWs, isXmlChar } from './chars';
import { codePointLabel, parseError } from './errors';

/** Maximum element nesting depth. Deeper documents are rejected with XmlParseError. */
export const MAX_DEPTH = 1000;

// ASCII name table: bit 1 = NameStartChar, bit 2 = NameChar.
const NAME_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
	if (isNameStartCp(c)) NAME_ASCII[c] |= 1;
	if (isNameCp(c)) NAME_ASCII[c] |= 2;
}

function charLabel(src: string, i: number): string {
	if (i >= src.length) return 'end of input';
	const c = src.charCodeAt(i);
	return c > 0x20 && c < 0x7f ? `'${src[i]}'` : codePointLabel(codePointAt(src, i));
}

/** Throws at the first character XML 1.0 forbids anywhere in the document. */
export function checkDocumentChars(src: string): void {
	if (!INVALID_CANDIDATE.test(src)) return;
	const at = findInvalidChar(src);
	if (at !== -1) {
		throw parseError(src, at, `Character ${codePointLabel(src.charCodeAt(at))} is not allowed in XML`);
	}
}

/** End of the Name starting at pos (XML 1.0 5th edition). Throws if no valid name starts there. */
export function scanName(src: string, pos: number, what: string): number {
	const n = src.length;
	let i = pos;
	if (i >= n) throw parseError(src, i, `Unexpected end of input, expected ${what}`);
	let c = src.charCodeAt(i);
	if (c < 128) {
		if ((NAME_ASCII[c] & 1) === 0) throw parseError(src, i, `Unexpected ${charLabel(src, i)}, expected ${what}`);
		i++;
	} else {
		const cp = codePointAt(src, i);
		if (!isNameStartCp(cp)) throw parseError(src, i, `Unexpected ${charLabel(src, i)}, expected ${what}`);
		i += cp > 0xffff ? 2 : 1;
	}
	while (i < n) {
		c = src.charCodeAt(i);
		if (c < 128) {
			if ((NAME_ASCII[c] & 2) === 0) break;
			i++;
		} else {
			const cp = codePointAt(src, i);
			if (!isNameCp(cp)) break;
			i += cp > 0xffff ? 2 : 1;
		}
	}
	// Namespaces in XML: at most one colon, not first or last.
	let colon = -1;
	for (let k = pos; k < i; k++) {
		if (src.charCodeAt(k) === 0x3a) {
			if (colon !== -1 || k === pos || k === i - 1) {
				throw parseError(src, pos, `Invalid qualified name '${src.slice(pos, i)}'`);
			}
			colon = k;
		}
	}
	return i;
}

/** Local part of a qualified name (prefix stripped). */
export function localName(qname: string): string {
	const colon = qname.indexOf(':');
	return colon === -1 ? qname : qname.slice(colon + 1);
}

export function skipWs(src: string, i: number): number {
	const n = src.length;
	while (i < n && isWs(src.charCodeAt(i))) i++;
	return i;
}

/**
 * Decodes the entity or character reference starting at `amp` ('&'); the reference must end before
 * `limit`. Returns the replacement text; the reference ends at the ';' found by the caller via
 * `entityEnd`.
 */
export function entityEnd(src: string, amp: number, limit: number): number {
	const semi = src.indexOf(';', amp + 1);
	if (semi === -1 || semi >= limit) {
		throw parseError(src, amp, "'&' must be written as &amp; (or the entity reference is not terminated by ';')");
	}
	return semi;
}

export function decodeEntity(src: string, amp: number, semi: number): string {
	const len = semi - amp - 1;
	if (len === 2) {
		const a = src.charCodeAt(amp + 1);
		if (src.charCodeAt(amp + 2) === 0x74 /* t */) {
			if (a === 0x6c /* l */) return '<';
			if (a === 0x67 /* g */) return '>';
		}
	} else if (len === 3) {
		if (src.startsWith('amp', amp + 1)) return '&';
	} else if (len === 4) {
		if (src.startsWith('quot', amp + 1)) return '"';
		if (src.startsWith('apos', amp + 1)) return "'";
	}
	if (len >= 2 && src.charCodeAt(amp + 1) === 0x23 /* # */) {
		let i = amp + 2;
		let radix = 10;
		if (src.charCodeAt(i) === 0x78 /* x */) {
			radix = 16;
			i++;
		}
		if (i === semi) throw parseError(src, amp, `Invalid character reference '${src.slice(amp, semi + 1)}'`);
		let value = 0;
		for (; i < semi; i++) {
			const c = src.charCodeAt(i);
			let d: number;
			if (c >= 0x30 && c <= 0x39) d = c - 0x30;
			else if (radix === 16 && c >= 0x61 && c <= 0x66) d = c - 0x57;
			else if (radix === 16 && c >= 0x41 && c <= 0x46) d = c - 0x37;
			else throw parseError(src, amp, `Invalid character reference '${src.slice(amp, semi + 1)}'`);
			if (value <= 0x10ffff) value = value * radix + d;
		}
		if (!isXmlChar(value)) {
			throw parseError(
				src,
				amp,
				`Character reference '${src.slice(amp, semi + 1)}' refers to ${value > 0x10ffff ? 'a value beyond Unicode' : codePointLabel(value)}, which is not allowed in XML`,
			);
		}
		if (value <= 0xffff) return String.fromCharCode(value);
		const v = value - 0x10000;
		return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
	}
	// A syntactically valid entity name that is not one of the five predefined ones.
	let isName = len > 0;
	if (isName) {
		try {
			isName = scanName(src, amp + 1, 'an entity name') === semi;
		} catch {
			isName = false;
		}
	}
	if (isName) {
		throw parseError(
			src,
			amp,
			`Undefined entity '${src.slice(amp, semi + 1)}' (only &amp; &lt; &gt; &quot; &apos; and character references are allowed)`,
		);
	}
	throw parseError(src, amp, "'&' must be written as &amp;");
}

const CR_RE = /\r\n?/g;

/** True if `name` occurs in `src` at `pos` (no allocation; faster than startsWith for short names). */
export function matchAt(src: string, pos: number, name: string): boolean {
	const n = name.length;
	for (let j = 0; j < n; j++) if (src.charCodeAt(pos + j) !== name.charCodeAt(j)) return false;
	return true;
}

/**
 * Character data src[start, end): checks "]]>" is absent, normalises line ends (CR LF / CR → LF) in the
 * literal text and decodes references (a &#xD; reference stays a CR). `hasCR` says whether the whole
 * document contains a CR at all.
 */
export function decodeText(src: string, start: number, end: number, hasCR: boolean): string {
	for (let i = start; i < end; i++) {
		const c = src.charCodeAt(i);
		if (c === 0x26 || c === 0x3e || c === 0x0d) return decodeTextSlow(src, start, end, hasCR);
	}
	return src.slice(start, end);
}

/** Pieces joined at a time when decoding long texts (a whole escaped data set). */
const CHUNK = 1024;

function decodeTextSlow(src: string, start: number, end: number, hasCR: boolean): string {
	// Long texts collect pieces and join them in batches: millions of `+=` would build a deep rope.
	const pieces: string[] | null = end - start > 4096 ? [] : null;
	const chunks: string[] = [];
	let out = '';
	let copy = start;
	for (let i = start; i < end; i++) {
		const c = src.charCodeAt(i);
		let rep: string;
		let next: number;
		if (c === 0x26) {
			const semi = entityEnd(src, i, end);
			rep = decodeEntity(src, i, semi);
			next = semi + 1;
		} else if (c === 0x3e) {
			if (i - 2 >= start && src.charCodeAt(i - 1) === 0x5d && src.charCodeAt(i - 2) === 0x5d) {
				throw parseError(src, i - 2, "']]>' is not allowed in text (write it as ]]&gt;)");
			}
			continue;
		} else if (c === 0x0d && hasCR) {
			rep = '\n';
			next = i + 1 < end && src.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
		} else {
			continue;
		}
		if (pieces !== null) {
			if (i > copy) pieces.push(src.slice(copy, i));
			pieces.push(rep);
			if (pieces.length >= CHUNK) {
				chunks.push(pieces.join(''));
				pieces.length = 0;
			}
		} else {
			out += src.slice(copy, i) + rep;
		}
		copy = next;
		i = next - 1;
	}
	if (pieces === null) return copy === start ? src.slice(start, end) : out + src.slice(copy, end);
	pieces.push(src.slice(copy, end));
	chunks.push(pieces.join(''));
	return chunks.join('');
}

/** Attribute value src[start, end) (between the quotes): rejects '<', decodes references, normalises white space. */
export function decodeAttr(src: string, start: number, end: number): string {
	let out = '';
	let copy = start;
	for (let i = start; i < end; i++) {
		const c = src.charCodeAt(i);
		if (c === 0x3c) throw parseError(src, i, "'<' is not allowed in an attribute value (write it as &lt;)");
		if (c === 0x26) {
			const semi = entityEnd(src, i, end);
			out += src.slice(copy, i) + decodeEntity(src, i, semi);
			i = semi;
			copy = semi + 1;
		} else if (c === 0x9 || c === 0xa || c === 0xd) {
			out += src.slice(copy, i) + ' ';
			if (c === 0xd && i + 1 < end && src.charCodeAt(i + 1) === 0xa) i++;
			copy = i + 1;
		}
	}
	return copy === start ? src.slice(start, end) : out + src.slice(copy, end);
}

export interface TagEnd {
	/** Position after '>' */
	end: number;
	selfClosing: boolean;
}

/**
 * Attributes of a start tag, from just after the element name to the closing '>' or '/>'.
 * Checks the syntax, that values contain no '<', and that names are unique. When `attrs` is given,
 * decoded values are stored in it (as own properties, `__proto__` included).
 */
export function readAttributes(src: string, pos: number, attrs: Record<string, string> | null, out: TagEnd): void {
	const n = src.length;
	let i = pos;
	let names: Set<string> | null = null;
	for (;;) {
		if (i >= n) throw parseError(src, i, 'Unexpected end of input inside a start tag');
		let c = src.charCodeAt(i);
		if (c === 0x3e) {
			out.end = i + 1;
			out.selfClosing = false;
			return;
		}
		if (c === 0x2f) {
			if (src.charCodeAt(i + 1) !== 0x3e) throw parseError(src, i, "Expected '>' after '/' in a tag");
			out.end = i + 2;
			out.selfClosing = true;
			return;
		}
		if (!isWs(c)) throw parseError(src, i, `Unexpected ${charLabel(src, i)} in a start tag`);
		i = skipWs(src, i + 1);
		c = src.charCodeAt(i);
		if (c === 0x3e || c === 0x2f || i >= n) continue;
		const nameStart = i;
		i = scanName(src, i, 'an attribute name');
		const name = src.slice(nameStart, i);
		i = skipWs(src, i);
		if (src.charCodeAt(i) !== 0x3d) throw parseError(src, i, `Expected '=' after attribute name '${name}'`);
		i = skipWs(src, i + 1);
		const q = src.charCodeAt(i);
		if (q !== 0x22 && q !== 0x27) throw parseError(src, i, `Expected a quoted value for attribute '${name}'`);
		const valEnd = src.indexOf(q === 0x22 ? '"' : "'", i + 1);
		if (valEnd === -1) throw parseError(src, i, `Unterminated value of attribute '${name}'`);
		const value = decodeAttr(src, i + 1, valEnd);
		if (attrs !== null) {
			if (Object.prototype.hasOwnProperty.call(attrs, name)) {
				throw parseError(src, nameStart, `Duplicate attribute '${name}'`);
			}
			setOwn(attrs, name, value);
		} else {
			if (names === null) names = new Set<string>();
			if (names.has(name)) throw parseError(src, nameStart, `Duplicate attribute '${name}'`);
			names.add(name);
		}
		i = valEnd + 1;
	}
}

/** Sets an own enumerable property, also for the key `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
	if (key === '__proto__') {
		Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
	} else {
		obj[key] = value;
	}
}

/**
 * Skips an end tag `</name S? >` whose '<' is at `lt`, checking that it closes `qname` (opened at
 * `openedAt`). Returns the position after '>'.
 */
export function readEndTag(src: string, lt: number, qname: string, openedAt: number): number {
	const p = lt + 2;
	if (matchAt(src, p, qname)) {
		const i = skipWs(src, p + qname.length);
		if (src.charCodeAt(i) === 0x3e) return i + 1;
	}
	let nameEnd: number;
	try {
		nameEnd = scanName(src, p, 'an element name');
	} catch {
		throw parseError(src, lt, `Malformed end tag, expected </${qname}>`);
	}
	const found = src.slice(p, nameEnd);
	if (found === qname) {
		throw parseError(src, skipWs(src, nameEnd), `Expected '>' to end the end tag </${qname}>`);
	}
	throw parseError(src, lt, `Mismatched end tag </${found}>, expected </${qname}> (opened at ${locateOpened(src, openedAt)})`);
}

function locateOpened(src: string, at: number): string {
	const e = parseError(src, at, '');
	return `line ${e.line}, column ${e.column}`;
}

/**
 * Comment at `lt` ("<!--"): returns the position after "-->". "--" inside a comment is an error.
 */
export function skipComment(src: string, lt: number): number {
	const end = src.indexOf('-->', lt + 4);
	if (end === -1) throw parseError(src, lt, 'Unterminated comment');
	const dd = src.indexOf('--', lt + 4);
	if (dd < end) throw parseError(src, dd, "'--' is not allowed inside a comment");
	return end + 3;
}

/** Processing instruction at `lt` ("<?"): returns the position after "?>". */
export function skipPI(src: string, lt: number, atDocumentStart: boolean): number {
	const nameEnd = scanName(src, lt + 2, 'a processing instruction target');
	const target = src.slice(lt + 2, nameEnd);
	if (target.toLowerCase() === 'xml') {
		if (!atDocumentStart) {
			throw parseError(src, lt, 'The XML declaration is only allowed at the very start of the document');
		}
		return skipXmlDecl(src, lt, nameEnd);
	}
	const end = src.indexOf('?>', nameEnd);
	if (end === -1) throw parseError(src, lt, 'Unterminated processing instruction');
	if (end !== nameEnd && !isWs(src.charCodeAt(nameEnd))) {
		throw parseError(src, nameEnd, 'Expected white space after the processing instruction target');
	}
	return end + 2;
}

const XML_DECL_RE =
	/^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

function skipXmlDecl(src: string, lt: number, nameEnd: number): number {
	if (src.slice(lt + 2, nameEnd) !== 'xml') throw parseError(src, lt, "The XML declaration must be written '<?xml'");
	const end = src.indexOf('?>', nameEnd);
	if (end === -1) throw parseError(src, lt, 'Unterminated XML declaration');
	if (!XML_DECL_RE.test(src.slice(nameEnd, end))) throw parseError(src, lt, 'Malformed XML declaration');
	return end + 2;
}

/** Throws for "<!" markup that is not a comment or CDATA section at `lt`. */
export function badDeclaration(src: string, lt: number): never {
	if (src.startsWith('<!DOCTYPE', lt)) {
		throw parseError(src, lt, 'DOCTYPE declarations are not allowed (no DTDs, external entities or entity expansion)');
	}
	if (src.startsWith('<!ENTITY', lt)) throw parseError(src, lt, 'ENTITY declarations are not allowed');
	throw parseError(src, lt, "Unexpected '<!' markup");
}

/**
 * Prolog: optional BOM, XML declaration, comments, processing instructions and white space.
 * Returns the position of the root element's '<'.
 */
export function skipProlog(src: string): number {
	let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
	const first = i;
	const n = src.length;
	for (;;) {
		i = skipWs(src, i);
		if (i >= n) throw parseError(src, i, 'No root element found');
		if (src.charCodeAt(i) !== 0x3c) throw parseError(src, i, `Unexpected ${charLabel(src, i)} before the root element`);
		const c = src.charCodeAt(i + 1);
		if (c === 0x3f) i = skipPI(src, i, i === first);
		else if (c === 0x21) {
			if (src.startsWith('<!--', i)) i = skipComment(src, i);
			else badDeclaration(src, i);
		} else return i;
	}
}

/** After the root element: only comments, processing instructions and white space. */
export function checkEpilog(src: string, pos: number): void {
	const n = src.length;
	let i = pos;
	for (;;) {
		i = skipWs(src, i);
		if (i >= n) return;
		if (src.charCodeAt(i) === 0x3c) {
			const c = src.charCodeAt(i + 1);
			if (c === 0x3f) {
				i = skipPI(src, i, false);
				continue;
			}
			if (c === 0x21) {
				if (src.startsWith('<!--', i)) {
					i = skipComment(src, i);
					continue;
				}
				badDeclaration(src, i);
			}
			throw parseError(src, i, 'Only one root element is allowed');
		}
		throw parseError(src, i, 'Text is not allowed after the root element');
	}
}

/** CDATA section at `lt`: returns the position of "]]>" (content is src[lt + 9, returned)). */
export function cdataEnd(src: string, lt: number): number {
	const end = src.indexOf(']]>', lt + 9);
	if (end === -1) throw parseError(src, lt, 'Unterminated CDATA section');
	return end;
}

/**
 * Inside an element, at "<!" or "<?": skips a comment, CDATA section or processing instruction and
 * returns the position after it; any other "<!" markup (DOCTYPE, ENTITY, …) is refused. The text of
 * a CDATA section is src[lt + 9, returned position - 3) (see isCdata).
 */
export function skipMarkup(src: string, lt: number): number {
	if (src.charCodeAt(lt + 1) === 0x3f) return skipPI(src, lt, false);
	if (src.startsWith('<!--', lt)) return skipComment(src, lt);
	if (src.startsWith('<![CDATA[', lt)) return cdataEnd(src, lt) + 3;
	return badDeclaration(src, lt);
}

/** Whether the markup at `lt`, which skipMarkup accepted, is a CDATA section ("<![" can be nothing else). */
export function isCdata(src: string, lt: number): boolean {
	return src.charCodeAt(lt + 2) === 0x5b;
}

/** Normalises line ends in CDATA content. */
export function cdataText(src: string, start: number, end: number, hasCR: boolean): string {
	const s = src.slice(start, end);
	return hasCR && s.indexOf('\r') !== -1 ? s.replace(CR_RE, '\n') : s;
}

/** True if the text src[start, end) is only XML white space. */
export function isAllWs(src: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) if (!isWs(src.charCodeAt(i))) return false;
	return true;
}
