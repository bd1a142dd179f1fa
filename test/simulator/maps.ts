/**
 * Seed data: a demo login and a handful of maps shaped after the samples in the SmartConnect docs.
 * GUIDs are fixed so tests and demos can refer to them by name.
 */
import type { SimColumn, SimMap } from './types';

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
/** Customer Id of the demo tenant; every seed map belongs to it. */
export const DEMO_COMPANY_ID = '6f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b';
/** A second tenant the demo user may also log in to; it owns OTHER_COMPANY_MAP only. */
export const OTHER_COMPANY_ID = '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f60';
export const DEMO_USER_ID = 'c338ceb5-0d97-4e57-9058-ce7cad3d856d';

export const MAP_KEYS = {
	importCustomers: '8b7a9c2e-1f3d-4e5a-b6c7-d8e9f0a1b2c3',
	/** The MapKey of the RunMapResponse sample in the docs. */
	purchaseJournal: '364fde19-0748-4d10-886f-a95300a506c5',
	customersByCounty: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a',
	nightlyFtpImport: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
	realTimeOrders: '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c',
	otherCompanyVendors: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
} as const;

function cols(spec: string[]): SimColumn[] {
	// A trailing '*' marks a required (key) column, as in the API doc's tables.
	return spec.map((c) => ({ ColumnName: c.replace(/\*$/, ''), IsRequired: c.endsWith('*') }));
}

function importCustomers(): SimMap {
	return {
		mapKey: MAP_KEYS.importCustomers,
		mapId: 'IMPORT CUSTOMERS',
		description: 'Customers to Business Central',
		columns: cols(['accountnumber*', 'name*', 'CustomerID', 'email', 'phone']),
		mappedColumns: cols(['accountnumber*', 'name*', 'email']),
		rows: [
			{ accountnumber: 'C00070', name: 'Purus Limited', CustomerID: 'PURUS', email: 'ap@purus.example', phone: '555-0100' },
			{ accountnumber: 'C00071', name: 'Smith & Sons <Wholesale>', CustomerID: 'SMITH', email: 'orders@smith.example', phone: null },
			{ accountnumber: 'C00072', name: 'Ünïcødé GmbH', CustomerID: 'UNICODE', email: '', phone: '+49 30 1234' },
		],
		firstRunNumber: 12,
	};
}

function purchaseJournal(): SimMap {
	return {
		mapKey: MAP_KEYS.purchaseJournal,
		mapId: 'PURCHASE JOURNAL',
		description: 'Import of Purchase Journal',
		columns: cols(['PostingDate*', 'Batch', 'DocumentNo*', 'Vendor', 'Amount*', 'Description']),
		mappedColumns: cols(['PostingDate*', 'DocumentNo*', 'Vendor', 'Amount*']),
		rows: [
			{ PostingDate: '9/16/2018', Batch: 'ETHA', DocumentNo: 'Test001', Vendor: 'V0001', Amount: '50', Description: 'Office supplies' },
			{ PostingDate: '9/17/2018', Batch: 'ETHA', DocumentNo: 'Test002', Vendor: 'V0002', Amount: '125.40', Description: null },
		],
		firstRunNumber: 80,
	};
}

function customersByCounty(): SimMap {
	const row = (No: string, Name: string, County: string, accountNo: string, City: string) => ({
		No,
		Name,
		County,
		'Account No': accountNo,
		City,
	});
	return {
		mapKey: MAP_KEYS.customersByCounty,
		mapId: 'CUSTOMERS BY COUNTY',
		description: 'Customers filtered by GBL_COUNTY',
		// 'Account No' has a space: it is written as Account_x0020_No in XML.
		columns: cols(['No*', 'Name*', 'County', 'Account No', 'City']),
		mappedColumns: cols(['No*', 'Name*', 'County', 'Account No']),
		rows: [
			row('C00070', 'Purus Limited', 'GA', 'A-100', 'Atlanta'),
			row('C00071', 'Smith & Sons', 'GA', 'A-101', 'Savannah'),
			row('C00072', 'Northwind', 'ND', 'A-102', 'Fargo'),
			row('C00073', 'Prairie Co-op', 'ND', 'A-103', 'Bismarck'),
			row('C00074', 'Spud Farms', 'ID', 'A-104', 'Boise'),
			row('C00075', 'Snake River Ltd', 'ID', 'A-105', 'Idaho Falls'),
			row('C00076', 'Peach Tree Inc', 'GA', 'A-106', 'Macon'),
		],
		variableFilter: { variable: 'GBL_COUNTY', column: 'County' },
		firstRunNumber: 300,
	};
}

function nightlyFtpImport(): SimMap {
	return {
		mapKey: MAP_KEYS.nightlyFtpImport,
		mapId: 'NIGHTLY FTP IMPORT',
		description: 'Import the nightly FTP file named by GBL_FILE_NAME',
		columns: cols(['FileName*', 'OrderNo*', 'Item', 'Qty']),
		mappedColumns: cols(['OrderNo*', 'Item', 'Qty']),
		rows: [
			{ FileName: 'orders_20260101.csv', OrderNo: 'SO-1001', Item: 'WIDGET', Qty: '5' },
			{ FileName: 'orders_20260101.csv', OrderNo: 'SO-1002', Item: 'GADGET', Qty: '1' },
			{ FileName: 'orders_20260102.csv', OrderNo: 'SO-1003', Item: 'WIDGET', Qty: '12' },
		],
		variableFilter: { variable: 'GBL_FILE_NAME', column: 'FileName' },
		firstRunNumber: 1500,
	};
}

function realTimeOrders(): SimMap {
	return {
		mapKey: MAP_KEYS.realTimeOrders,
		mapId: 'WEBHOOK ORDERS',
		description: 'Real-time orders from the web shop',
		columns: cols(['OrderNo*', 'Customer', 'Total']),
		mappedColumns: cols(['OrderNo*', 'Customer', 'Total']),
		rows: [{ OrderNo: 'W-1', Customer: 'C00070', Total: '10.00' }],
		realTime: true,
		firstRunNumber: 7,
	};
}

/** The five demo-company maps (fresh copies on every call, so a test may mutate its own). */
export function seedMaps(): SimMap[] {
	return [importCustomers(), purchaseJournal(), customersByCounty(), nightlyFtpImport(), realTimeOrders()];
}

/** The one map of OTHER_COMPANY_ID; the simulator always adds it, so company isolation can be tested. */
export function otherCompanyMap(): SimMap {
	return {
		mapKey: MAP_KEYS.otherCompanyVendors,
		mapId: 'IMPORT VENDORS',
		description: 'Vendors (second company)',
		columns: cols(['VendorNo*', 'VendorName*']),
		mappedColumns: cols(['VendorNo*', 'VendorName*']),
		rows: [{ VendorNo: 'V0001', VendorName: 'Acme Supplies' }],
		companyId: OTHER_COMPANY_ID,
		firstRunNumber: 40,
	};
}

/**
 * Deterministic filler rows for large-source benchmarks: the value of column c in row i is `${c} ${i}`,
 * except that every 10th row has an ampersand in its first column so escaping is exercised too.
 */
export function generateRows(n: number, columns: string[]): Record<string, string>[] {
	const rows: Record<string, string>[] = [];
	for (let i = 0; i < n; i++) {
		const row: Record<string, string> = {};
		columns.forEach((c, j) => {
			row[c] = j === 0 && i % 10 === 9 ? `${c} ${i} & co` : `${c} ${i}`;
		});
		rows.push(row);
	}
	return rows;
}
