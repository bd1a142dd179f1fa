/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Property tests for the XML module against fast-xml-parser (the reference) and itself.
 * Seeded: SEED=<n> reproduces a run (the seed is in every failure message); CASES=<n> changes the
 * number of cases per property (default 1000).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

import {
	decodeXmlName,
	encodeXmlName,
	formatValue,
	parseXml,
	readDataTable,
	writeRunMapXmlBody,
	writeVariablesXml,
	XmlValueError,
} from '../../nodes/SmartConnect/xml';
import { dataTableBodyText, readVariablesXml, writeDataSet, xmlBodyFromRowsText } from '../helpers/xml';
import type { Row, Variable, WriteOptions } from '../../nodes/SmartConnect/xml';
import { Random, seedFromEnv } from './random';
import { Cell, columnName, numberValue, table, text } from './xml/generators';

const SEED = seedFromEnv();
const CASES = process.env.CASES ? Number(process.env.CASES) : 1000;

/** Runs `cases` cases; a failure names the seed, the property and the case. */
function forAll(property: string, salt: number, body: (rng: Random, i: number) => void): number {
	let ran = 0;
	for (let i = 0; i < CASES; i++) {
		const rng = new Random((SEED ^ Math.imul(salt + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
		try {
			body(rng, i);
		} catch (e) {
			const err = e as Error;
			err.message = `[${property}] failed with SEED=${SEED} (case ${i}); rerun with SEED=${SEED}\n${err.message}`;
			throw err;
		}
		ran++;
	}
	return ran;
}

const ROOTS = ['DataSet', 'NewDataSet', 'My Data Set', '1root', 'RequestData', 'a:b', 'Größe'];
const ROW_NAMES = ['Table', 'Table01', 'ErrorTable', 'My Rows', 'row 1', 'schema', 'Ω'];

function fxpParser(root: string, row: string): XMLParser {
	return new XMLParser({
		ignoreAttributes: true,
		parseTagValue: false,
		trimValues: false,
		processEntities: true,
		htmlEntities: true, // decodes numeric references such as &#xD;
		isArray: (_name: string, jpath: unknown) => jpath === `${root}.${row}`,
	});
}

/** fast-xml-parser rows → plain rows with decoded names (white-space-only #text from indentation dropped). */
function fxpRows(parsed: Record<string, unknown>, root: string, row: string): Record<string, string>[] {
	const top = parsed[root];
	if (top === '' || top === undefined) return [];
	const list = (top as Record<string, unknown>)[row];
	if (list === undefined) return [];
	return (list as unknown[]).map((r) => {
		const out: Record<string, string> = {};
		if (r === '') return out;
		for (const [k, v] of Object.entries(r as Record<string, unknown>)) {
			if (k === '#text' && typeof v === 'string' && v.trim() === '') continue;
			if (typeof v !== 'string') throw new Error(`unexpected non-string ${JSON.stringify(v)} for ${k}`);
			out[decodeXmlName(k)] = v;
		}
		return out;
	});
}

/** What a row should read back as: formatted values, absent cells omitted. */
function expectedRow(row: Row, r: number, opts?: WriteOptions): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of Object.keys(row)) {
		const t = formatValue(row[k], r, k, opts);
		if (t !== undefined) Object.defineProperty(out, k, { value: t, enumerable: true, writable: true, configurable: true });
	}
	return out;
}

function withoutNulls(row: Record<string, string | null>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of Object.keys(row)) {
		const v = row[k];
		if (v !== null) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
	}
	return out;
}

describe(`XML properties (SEED=${SEED}, ${CASES} cases each)`, () => {
	it('1: our writer, parsed by fast-xml-parser, gives back the table', () => {
		const n = forAll('writer → fast-xml-parser', 1, (rng) => {
			const rows = table(rng, { fxpSafeNames: true, encode: encodeXmlName, dates: true }) as Row[];
			const rowName = rng.pick(ROW_NAMES);
			let xml: string;
			let root: string;
			if (rng.bool()) {
				root = rng.pick(ROOTS);
				xml = writeDataSet(rows, { rootElement: root, rowElement: rowName });
			} else {
				root = 'RequestData';
				xml = dataTableBodyText(rows, { rowElement: rowName });
			}
			const rootEnc = encodeXmlName(root);
			const rowEnc = encodeXmlName(rowName);
			const parsed = fxpParser(rootEnc, rowEnc).parse(xml) as Record<string, unknown>;
			expect(Object.keys(parsed)).toEqual([rootEnc]);
			expect(fxpRows(parsed, rootEnc, rowEnc)).toEqual(rows.map((r, i) => expectedRow(r, i)));
		});
		expect(n).toBe(CASES);
	});

	it('2: fast-xml-parser XMLBuilder output reads the same with readDataTable as with XMLParser', () => {
		const n = forAll('XMLBuilder → readDataTable vs XMLParser', 2, (rng) => {
			const rows = table(rng, { fxpSafeNames: true, encode: encodeXmlName });
			// XMLBuilder does not encode names: give it encoded ones. Values: strings, numbers, booleans, null.
			const built = rows.map((row) => {
				const o: Record<string, unknown> = {};
				for (const k of Object.keys(row)) {
					const v = row[k] as Cell;
					o[encodeXmlName(k)] = typeof v === 'object' && v !== null ? String(v) : v;
				}
				return o;
			});
			const rootEnc = encodeXmlName(rng.pick(ROOTS.filter((r) => r !== 'RequestData')));
			const rowEnc = encodeXmlName(rng.pick(ROW_NAMES));
			const format = rng.bool(0.3);
			const xml = new XMLBuilder({ format }).build({ [rootEnc]: { [rowEnc]: built } }) as string;

			const theirs = fxpRows(fxpParser(rootEnc, rowEnc).parse(xml) as Record<string, unknown>, rootEnc, rowEnc);
			const ours = readDataTable(xml);
			expect(ours.rows.map(withoutNulls)).toEqual(theirs);
			expect(ours.dataSetName).toBe(decodeXmlName(rootEnc));
			expect(ours.tableName).toBe(rows.length > 0 ? decodeXmlName(rowEnc) : '');
			// every value fast-xml-parser saw is in a known column
			for (const r of theirs) for (const k of Object.keys(r)) expect(ours.columns).toContain(k);
		});
		expect(n).toBe(CASES);
	});

	it('3: writer → readDataTable round trip (all layouts, options, JS-special names)', () => {
		const n = forAll('writer → readDataTable', 3, (rng) => {
			const opts: WriteOptions = {
				rowElement: rng.pick(ROW_NAMES),
				invalidChars: rng.bool(0.3) ? 'drop' : 'error',
				nested: rng.bool(0.3) ? 'json' : 'error',
			};
			const rows = table(rng, {
				jsNames: true,
				dates: true,
				invalidChars: opts.invalidChars === 'drop',
				nested: opts.nested === 'json',
			}) as Row[];
			const variables: Variable[] = [];
			for (let v = rng.below(3); v > 0; v--) variables.push({ Key: 'GBL_' + text(rng, false, 2), Value: text(rng, false, 4) });
			const layout = rng.below(4);
			let xml: string;
			let root = 'RequestData';
			if (layout === 0) {
				root = rng.pick(ROOTS.filter((r) => r !== 'RequestData'));
				xml = writeDataSet(rows, { ...opts, rootElement: root });
			} else if (layout === 1) {
				xml = dataTableBodyText(rows, opts);
			} else if (layout === 2) {
				xml = dataTableBodyText(rows, { ...opts, variables });
			} else {
				root = rng.pick(['DataSet', 'NewDataSet', 'My Data Set']);
				xml = writeRunMapXmlBody(writeDataSet(rows, { ...opts, rootElement: root }), variables);
			}
			const t = readDataTable(xml);

			const columns: string[] = [];
			const expected = rows.map((r, i) => expectedRow(r, i, opts));
			for (const e of expected) for (const k of Object.keys(e)) if (columns.indexOf(k) === -1) columns.push(k);
			expect(t.dataSetName).toBe(root);
			expect(t.tableName).toBe(rows.length > 0 ? opts.rowElement : '');
			expect(t.columns).toEqual(columns);
			expect(t.rows.length).toBe(rows.length);
			for (let i = 0; i < rows.length; i++) {
				expect(Object.getPrototypeOf(t.rows[i])).toBe(Object.prototype);
				// same keys; object key order follows JS rules (integer-like names first), `columns` has the real order
				expect(Object.keys(t.rows[i]).sort()).toEqual(columns.slice().sort());
				expect(withoutNulls(t.rows[i])).toEqual(expected[i]);
			}
			if (layout >= 2) expect(readVariablesXml(xml)).toEqual(variables);
			// the generic parser accepts everything the writer produces
			expect(() => parseXml(xml)).not.toThrow();
		});
		expect(n).toBe(CASES);
	});

	it('4: numbers are written without exponent and parse back to the same number', () => {
		const n = forAll('number format', 4, (rng) => {
			const v = numberValue(rng);
			const s = formatValue(v, 0, 'n') as string;
			expect(s).toMatch(/^-?\d+(\.\d+)?$/);
			expect(Number(s)).toBe(v === 0 ? 0 : v);
			if (Object.is(v, -0)) expect(s).toBe('0');
			// JavaScript's own shortest digits wherever it writes no exponent (amounts of money take a faster path).
			if (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e21 && v !== 0) expect(s).toBe(String(v));
		});
		expect(n).toBe(CASES);
	});

	it('5: encodeXmlName gives valid names that decodeXmlName inverts', () => {
		const n = forAll('name encoding', 5, (rng) => {
			const name = columnName(rng, true) + (rng.bool(0.3) ? text(rng, true, 3) : '');
			const enc = encodeXmlName(name);
			expect(decodeXmlName(enc)).toBe(name);
			expect(parseXml(`<${enc}/>`).qname).toBe(enc);
			expect(enc).not.toContain(':');
			expect(encodeXmlName(enc) === enc || enc.indexOf('_x') !== -1).toBe(true);
		});
		expect(n).toBe(CASES);
	});

	it('7: writeRunMapXmlBodyFromRows = writeRunMapXmlBody(writeDataSet(…)), errors included', () => {
		const outcome = (f: () => string): string => {
			try {
				return f();
			} catch (e) {
				if (!(e instanceof XmlValueError)) throw e;
				return `error ${e.rowIndex} ${e.column} ${e.reason} ${e.message}`;
			}
		};
		const n = forAll('RunMapXml from rows', 7, (rng) => {
			const opts: WriteOptions = {
				rowElement: rng.pick(ROW_NAMES),
				invalidChars: rng.bool(0.3) ? 'drop' : 'error',
				nested: rng.bool(0.3) ? 'json' : 'error',
			};
			const rows = table(rng, { jsNames: true, dates: true, invalidChars: rng.bool(0.3), nested: rng.bool(0.3) }) as Row[];
			const variables: Variable[] = rng.bool() ? [{ Key: 'GBL_' + text(rng, false, 2), Value: text(rng, false, 3) }] : [];
			const rootElement = rng.pick(['DataSet', 'NewDataSet', 'My Data Set']);
			const direct = outcome(() => xmlBodyFromRowsText(rows, { ...opts, rootElement, variables }));
			const viaText = outcome(() => writeRunMapXmlBody(writeDataSet(rows, { ...opts, rootElement }), variables));
			expect(direct).toBe(viaText);
		});
		expect(n).toBe(CASES);
	});

	it('6: writeVariablesXml → readVariablesXml round trip', () => {
		const n = forAll('variables', 6, (rng) => {
			const vars: Variable[] = [];
			for (let v = rng.below(5); v > 0; v--) vars.push({ Key: text(rng, false, 3), Value: text(rng, false, 6) });
			const back = readVariablesXml(writeVariablesXml(vars));
			expect(back).toEqual(vars);
		});
		expect(n).toBe(CASES);
	});
});
