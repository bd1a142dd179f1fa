/** The benchmark's table shape: 12 text columns, like the XML benchmark, with some text that needs escaping. */
export const BENCH_COLUMNS = [
	'DocumentNo', 'PostingDate', 'Batch', 'Vendor', 'VendorName', 'Account', 'Description', 'Currency', 'Amount', 'TaxCode', 'Project', 'Reference',
];

export function benchRows(count: number): Array<Record<string, string>> {
	const rows: Array<Record<string, string>> = new Array(count);
	for (let i = 0; i < count; i++) {
		rows[i] = {
			DocumentNo: `INV-${100000 + i}`,
			PostingDate: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
			Batch: `N8N-${i % 50}`,
			Vendor: `V${String(i % 997).padStart(5, '0')}`,
			VendorName: i % 10 === 0 ? `Smith & Sons <Wholesale> ${i}` : `Vendor ${i % 997}`,
			Account: `6${String(i % 1000).padStart(4, '0')}`,
			Description: `Line ${i}: office supplies, café, 配送`,
			Currency: i % 3 === 0 ? 'EUR' : 'USD',
			Amount: ((i % 10000) / 7).toFixed(2),
			TaxCode: i % 2 === 0 ? 'VAT20' : 'EXEMPT',
			Project: `P-${i % 37}`,
			Reference: `REF/${i}/2026`,
		};
	}
	return rows;
}
