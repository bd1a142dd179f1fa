/** Seeded generators for the XML property tests (no dependencies). */
import type { Random } from '../random';

const SPECIAL_TEXT = [
	']]>',
	']]',
	'&amp;',
	'&#xD;',
	'&lt;b&gt;',
	'<![CDATA[',
	'-->',
	'<!--',
	'<a>',
	'</a>',
	'&',
	'<',
	'>',
	'"',
	"'",
	'_x0020_',
	'\r\n',
	'\r',
	'\n',
	'\t',
	' ',
	'  ',
	'<?xml version="1.0"?>',
	'<!DOCTYPE x>',
];
const UNICODE_TEXT = ['é', 'ß', 'ü', '中', '文', 'ǅ', '\u2028', '\u00a0', '\ufeff', '\ufffd', '\ue000', 'Ω', '\u0300', '١'];
const ASTRAL_TEXT = ['😀', '𝄞', '𐀀', '\u{10FFFF}', '👩‍👩‍👧'];
const INVALID_TEXT = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\ud800', '\udc00', '\udbff', '\ufffe', '\uffff'];

function codePoint(rng: Random): string {
	const r = rng.next();
	if (r < 0.6) return String.fromCharCode(0x20 + rng.below(0x5f)); // printable ASCII
	if (r < 0.85) {
		// valid BMP outside the surrogates and U+FFFE / U+FFFF
		let c: number;
		do c = 0x80 + rng.below(0xfffe - 0x80);
		while (c >= 0xd800 && c <= 0xdfff);
		return String.fromCharCode(c);
	}
	return String.fromCodePoint(0x10000 + rng.below(0x100000));
}

/** Random text; valid XML characters only unless `invalid` is set. */
export function text(rng: Random, invalid = false, maxParts = 8): string {
	let s = '';
	const parts = rng.below(maxParts + 1);
	for (let i = 0; i < parts; i++) {
		const r = rng.next();
		if (r < 0.35) s += codePoint(rng);
		else if (r < 0.55) s += rng.pick(SPECIAL_TEXT);
		else if (r < 0.7) s += rng.pick(UNICODE_TEXT);
		else if (r < 0.8) s += rng.pick(ASTRAL_TEXT);
		else if (invalid && r < 0.88) s += rng.pick(INVALID_TEXT);
		else s += rng.pick(['Name', 'C00070', 'Test Account', '9/16/2018', '42', 'x']);
	}
	return s;
}

const NAMES = [
	'Name',
	'AccountNumber',
	'accountnumber',
	'EONERUNERRORS',
	'col7',
	'Account No',
	'Address Line 1',
	' lead space',
	'trail ',
	'1st',
	'2',
	'a:b',
	':x',
	'x:',
	'_x0020_',
	'_x0041_',
	'a_X00e9_b',
	'_x0001F600_',
	'Größe',
	'名前',
	'emoji😀',
	'ǅ',
	'$amount',
	'a-b',
	'.hidden',
	'-lead',
	'a/b',
	'a.b',
	'_',
	'xml',
	'xmlns',
	'Table',
	'DataSet',
	'Xml',
	'Variables',
	'schema',
	'Key',
	'\u00b7a',
];

/** Names fast-xml-parser refuses or renames (compared case-insensitively, as it does). */
export const FXP_RESERVED = [
	'__proto__',
	'constructor',
	'prototype',
	'hasOwnProperty',
	'toString',
	'valueOf',
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__',
].map((n) => n.toLowerCase());

const JS_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];

/** Random column name (non-empty). `jsNames` adds __proto__, constructor, ... */
export function columnName(rng: Random, jsNames: boolean): string {
	const r = rng.next();
	if (jsNames && r < 0.08) return rng.pick(JS_NAMES);
	if (r < 0.7) return rng.pick(NAMES);
	let s = '';
	while (s === '') s = text(rng, rng.bool(0.2), 4);
	return s;
}

export type Cell = string | number | boolean | Date | null | undefined | bigint | object;

export function numberValue(rng: Random): number {
	const r = rng.next();
	if (r < 0.25) return rng.below(2000000) - 1000000;
	if (r < 0.5) return Math.round((rng.next() - 0.5) * 1e8) / 100;
	if (r < 0.6) return (rng.next() - 0.5) * Math.pow(10, rng.below(40) - 20);
	if (r < 0.7) return rng.pick([0, -0, 1e21, 1e-7, 1e-6, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE, 2 ** 53, 0.1 + 0.2]);
	if (r < 0.8) return (rng.next() < 0.5 ? -1 : 1) * rng.next() * Math.pow(10, rng.below(600) - 300);
	const buf = new DataView(new ArrayBuffer(8));
	buf.setUint32(0, (rng.next() * 4294967296) >>> 0);
	buf.setUint32(4, (rng.next() * 4294967296) >>> 0);
	const v = buf.getFloat64(0);
	return Number.isFinite(v) ? v : 1.5;
}

export interface CellOptions {
	invalidChars?: boolean;
	nested?: boolean;
	dates?: boolean;
}

export function cell(rng: Random, o: CellOptions): Cell {
	const r = rng.next();
	if (r < 0.45) return text(rng, o.invalidChars);
	if (r < 0.6) return numberValue(rng);
	if (r < 0.67) return rng.bool();
	if (r < 0.77) return null;
	if (r < 0.82) return undefined;
	if (r < 0.85) return '';
	if (o.dates && r < 0.9) return new Date(Date.UTC(1900 + rng.below(300), rng.below(12), 1 + rng.below(28), rng.below(24), rng.below(60), rng.below(60), rng.below(1000)));
	if (o.dates && r < 0.92) return BigInt(rng.below(1e9)) * BigInt(1e9);
	if (o.nested && r < 0.97) return rng.bool() ? { k: text(rng, o.invalidChars, 3), n: numberValue(rng), list: [true, null] } : [text(rng, false, 2), 1];
	return text(rng, o.invalidChars);
}

export interface TableOptions extends CellOptions {
	jsNames?: boolean;
	/** Only names fast-xml-parser keeps as they are */
	fxpSafeNames?: boolean;
	encode?: (name: string) => string;
}

/** Rows sharing a random column pool; rows may omit columns, and key order may differ per row. */
export function table(rng: Random, o: TableOptions): Record<string, Cell>[] {
	const pool: string[] = [];
	const ncols = rng.below(7);
	while (pool.length < ncols) {
		const name = columnName(rng, !!o.jsNames);
		if (o.fxpSafeNames) {
			const enc = o.encode ? o.encode(name) : name;
			if (FXP_RESERVED.indexOf(enc.toLowerCase()) !== -1) continue;
		}
		if (pool.indexOf(name) === -1) pool.push(name);
	}
	const rows: Record<string, Cell>[] = [];
	const nrows = rng.below(7);
	for (let r = 0; r < nrows; r++) {
		const row: Record<string, Cell> = {};
		const order = pool.slice();
		if (rng.bool(0.3)) order.sort(() => rng.next() - 0.5);
		for (const name of order) {
			if (rng.bool(0.15)) continue;
			const v = cell(rng, o);
			if (name === '__proto__') Object.defineProperty(row, name, { value: v, enumerable: true, writable: true, configurable: true });
			else row[name] = v;
		}
		rows.push(row);
	}
	return rows;
}

