/**
 * Deterministic benchmark data: rows shaped like a SmartConnect import (customer / journal lines).
 * Values are mostly plain text; about 1 in 10 names contains "&", 1 in 20 descriptions has "<"/">",
 * 1 in 20 an accented and an astral character; numbers have decimals; every cell is present (no
 * nulls). Column names are valid XML names, so XMLBuilder (which does not encode names) gets the
 * very same row objects and writes byte-identical XML.
 */
export type BenchRow = Record<string, string | number | boolean>;

export const BENCH_COLUMNS = [
	'CustomerID',
	'Name',
	'AddressLine1',
	'City',
	'PostalCode',
	'Amount',
	'Quantity',
	'Active',
	'DocumentNo',
	'PostingDate',
	'Description',
	'Currency',
];

/** Small xorshift32 PRNG (deterministic, no dependencies). */
export function xorshift(seed: number): () => number {
	let x = seed | 0 || 0x9e3779b9;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 0x100000000;
	};
}

const WORDS = ['Contoso', 'Fabrikam', 'Northwind', 'Adventure', 'Works', 'Litware', 'Proseware', 'Tailspin', 'Wingtip', 'Trey'];
const CITIES = ['Fargo', 'Atlanta', 'Seattle', 'Zürich', 'Montréal', 'Oslo', 'Boise', 'Dublin'];
const CURRENCIES = ['USD', 'EUR', 'CAD', 'GBP'];

export function benchColumns(cols: number): string[] {
	const names: string[] = [];
	for (let c = 0; c < cols; c++) names.push(c < BENCH_COLUMNS.length ? BENCH_COLUMNS[c] : `Extra${c}`);
	return names;
}

export function benchRows(rows: number, cols: number, seed = 12345): BenchRow[] {
	const rnd = xorshift(seed);
	const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
	const names = benchColumns(cols);
	const out: BenchRow[] = new Array(rows);
	for (let r = 0; r < rows; r++) {
		const row: BenchRow = {};
		for (let c = 0; c < cols; c++) {
			let v: string | number | boolean;
			switch (c % 12) {
				case 0:
					v = 'C' + String(100000 + r);
					break;
				case 1:
					v = rnd() < 0.1 ? `${pick(WORDS)} & ${pick(WORDS)}` : `${pick(WORDS)} ${pick(WORDS)} Ltd`;
					break;
				case 2:
					v = `${Math.floor(rnd() * 9999)} ${pick(WORDS)} Street`;
					break;
				case 3:
					v = pick(CITIES);
					break;
				case 4:
					v = String(10000 + Math.floor(rnd() * 89999));
					break;
				case 5:
					v = Math.round(rnd() * 10000000) / 100;
					break;
				case 6:
					v = Math.floor(rnd() * 1000);
					break;
				case 7:
					v = rnd() < 0.5;
					break;
				case 8:
					v = 'INV-' + String(r).padStart(7, '0');
					break;
				case 9:
					v = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 365) * 86400000).toISOString();
					break;
				case 10: {
					const x = rnd();
					v =
						x < 0.05
							? `Qty < ${Math.floor(rnd() * 100)} & price > list`
							: x < 0.1
								? `Café order ${r} 😀`
								: `Order line ${r} for ${pick(WORDS)} ${pick(WORDS)}`;
					break;
				}
				default:
					v = pick(CURRENCIES);
			}
			row[names[c]] = v;
		}
		out[r] = row;
	}
	return out;
}
