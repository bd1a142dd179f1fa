/**
 * Column-name encoding compatible with .NET XmlConvert.EncodeLocalName / XmlConvert.DecodeName,
 * which is what DataSet.WriteXml / ReadXml use for DataColumn and DataTable names.
 *
 * Encoding (per UTF-16 code unit, left to right):
 * - the first character must be an XML 1.0 (4th edition) Letter or "_", every other character an
 *   NCNameChar (Letter, Digit, ".", "-", "_", CombiningChar, Extender); anything else is written as
 *   `_xHHHH_` (4 upper-case hex digits of the code unit), or `_xHHHHHHHH_` (8 digits of the code point)
 *   for a valid surrogate pair. So " " → `_x0020_`, ":" → `_x003A_`, a leading "1" → `_x0031_`.
 * - an "_" that is followed by `x`/`X`, 4 or 8 hex digits and "_" (i.e. something that would decode)
 *   is itself written as `_x005F_`, so decoding gives back exactly the original name.
 * Deviation from .NET: an empty name throws XmlValueError (reason 'invalidName') instead of being
 * returned unchanged, because an empty element name can never be written.
 *
 * Decoding replaces every `_xHHHH_` / `_xHHHHHHHH_` (x or X, hex digits in either case, left to right,
 * non-overlapping) by the character; 8-digit values above U+10FFFF are left as they are (.NET does
 * the same). Everything else is copied unchanged.
 */
import { isNameChar4e, isNameStart4e } from './chars';
import { XmlValueError } from './errors';

function isHex(c: number): boolean {
	return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Length (7 or 11) of an `_xHHHH_` / `_xHHHHHHHH_` escape starting at i (the leading "_"), or 0. */
function escapeLengthAt(s: string, i: number): number {
	const n = s.length;
	if (i + 6 >= n) return 0;
	const x = s.charCodeAt(i + 1);
	if (x !== 0x78 && x !== 0x58) return 0;
	for (let k = i + 2; k < i + 6; k++) if (!isHex(s.charCodeAt(k))) return 0;
	if (s.charCodeAt(i + 6) === 0x5f) return 7;
	if (i + 10 >= n) return 0;
	for (let k = i + 6; k < i + 10; k++) if (!isHex(s.charCodeAt(k))) return 0;
	return s.charCodeAt(i + 10) === 0x5f ? 11 : 0;
}

function hex(n: number, width: number): string {
	const h = n.toString(16).toUpperCase();
	return h.length >= width ? h : '00000000'.slice(0, width - h.length) + h;
}

/** .NET XmlConvert.EncodeLocalName (see the comment at the top of this file). */
export function encodeXmlName(name: string): string {
	if (typeof name !== 'string' || name.length === 0) {
		throw new XmlValueError('An empty column name cannot be written as an XML element name', -1, '', 'invalidName');
	}
	const n = name.length;
	let out = '';
	let copy = 0;
	for (let i = 0; i < n; i++) {
		const c = name.charCodeAt(i);
		let encode: boolean;
		if (c === 0x5f) encode = escapeLengthAt(name, i) !== 0;
		else if (i === 0) encode = !isNameStart4e(c);
		else encode = !isNameChar4e(c);
		if (!encode) continue;
		out += name.slice(copy, i) + '_x';
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
			const d = name.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				out += hex((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000, 8) + '_';
				i++;
				copy = i + 1;
				continue;
			}
		}
		out += hex(c, 4) + '_';
		copy = i + 1;
	}
	return copy === 0 ? name : out + name.slice(copy);
}

/** .NET XmlConvert.DecodeName: `_xHHHH_` / `_xHHHHHHHH_` → character. */
export function decodeXmlName(name: string): string {
	let i = name.indexOf('_');
	if (i === -1) return name;
	let out = '';
	let copy = 0;
	const n = name.length;
	while (i !== -1 && i < n) {
		const len = escapeLengthAt(name, i);
		if (len === 0) {
			i = name.indexOf('_', i + 1);
			continue;
		}
		const value = parseInt(name.slice(i + 2, i + len - 1), 16);
		if (len === 7 || value <= 0x10ffff) {
			out += name.slice(copy, i);
			if (value >= 0x10000) {
				const v = value - 0x10000;
				out += String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
			} else {
				out += String.fromCharCode(value);
			}
			copy = i + len;
		}
		i = name.indexOf('_', i + len);
	}
	return copy === 0 ? name : out + name.slice(copy);
}
