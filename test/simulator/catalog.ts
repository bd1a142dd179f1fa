/**
 * Seed catalog of the demo tenant beyond its maps: companies, connections, data sources, and which
 * map reads from which data source and writes to which connection (GetConnections, GetDataSources,
 * GetProcessesByConnection, GetProcessesForDatasource, GetCompanyList). Ids are fixed GUIDs so
 * tests can name them.
 */
import { DEMO_COMPANY_ID, MAP_KEYS, OTHER_COMPANY_ID } from './maps';

export const COMPANY_NAMES: Record<string, string> = {
	[DEMO_COMPANY_ID]: 'Demo Company 1',
	[OTHER_COMPANY_ID]: 'Demo Company 2',
};

export const CONNECTION_IDS = {
	businessCentral: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
	sqlWarehouse: '2e3d4c5b-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
	vendorsGp: '3f4e5d6c-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
} as const;

export const DATA_SOURCE_IDS = {
	customersExcel: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
	purchaseJournalExcel: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
	warehouseQuery: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f',
	ftpFolder: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
	webShopWebhook: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b',
	vendorsCsv: '9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
} as const;

export interface SimConnection {
	Id: string;
	Description: string;
	ConnectionType: string;
	companyId: string;
}

export interface SimDataSource {
	Id: string;
	Description: string;
	ConnectionId: string;
	Company: string;
	Type: string;
	companyId: string;
}

export interface MapWiring {
	connectionId: string;
	dataSourceId: string;
	sourceType: string;
	targetType: string;
	destinationType: string;
}

export function seedConnections(): SimConnection[] {
	return [
		{ Id: CONNECTION_IDS.businessCentral, Description: 'Business Central (production)', ConnectionType: 'Business Central', companyId: DEMO_COMPANY_ID },
		{ Id: CONNECTION_IDS.sqlWarehouse, Description: 'Warehouse SQL Server', ConnectionType: 'SQL Server', companyId: DEMO_COMPANY_ID },
		{ Id: CONNECTION_IDS.vendorsGp, Description: 'Dynamics GP (second company)', ConnectionType: 'Dynamics GP', companyId: OTHER_COMPANY_ID },
	];
}

export function seedDataSources(): SimDataSource[] {
	const ds = (Id: string, Description: string, ConnectionId: string, Type: string, companyId = DEMO_COMPANY_ID): SimDataSource => ({
		Id,
		Description,
		ConnectionId,
		Company: companyId === DEMO_COMPANY_ID ? 'CRONUS USA' : 'Fabrikam',
		Type,
		companyId,
	});
	return [
		ds(DATA_SOURCE_IDS.customersExcel, 'Customer list (Excel)', CONNECTION_IDS.businessCentral, 'Excel'),
		ds(DATA_SOURCE_IDS.purchaseJournalExcel, 'Purchase journal (Excel)', CONNECTION_IDS.businessCentral, 'Excel'),
		ds(DATA_SOURCE_IDS.warehouseQuery, 'Customers by county (SQL query)', CONNECTION_IDS.sqlWarehouse, 'SQL Server'),
		ds(DATA_SOURCE_IDS.ftpFolder, 'Nightly FTP folder', CONNECTION_IDS.sqlWarehouse, 'FTP'),
		ds(DATA_SOURCE_IDS.webShopWebhook, 'Web shop orders (real-time)', CONNECTION_IDS.businessCentral, 'Webhook'),
		ds(DATA_SOURCE_IDS.vendorsCsv, 'Vendors (CSV)', CONNECTION_IDS.vendorsGp, 'Text File', OTHER_COMPANY_ID),
	];
}

/** Which data source each seed map reads and which connection it writes to. */
export function seedWiring(): Record<string, MapWiring> {
	return {
		[MAP_KEYS.importCustomers]: wire(CONNECTION_IDS.businessCentral, DATA_SOURCE_IDS.customersExcel, 'Excel', 'Business Central'),
		[MAP_KEYS.purchaseJournal]: wire(CONNECTION_IDS.businessCentral, DATA_SOURCE_IDS.purchaseJournalExcel, 'Excel', 'Business Central'),
		[MAP_KEYS.customersByCounty]: wire(CONNECTION_IDS.sqlWarehouse, DATA_SOURCE_IDS.warehouseQuery, 'SQL Server', 'SQL Server'),
		[MAP_KEYS.nightlyFtpImport]: wire(CONNECTION_IDS.sqlWarehouse, DATA_SOURCE_IDS.ftpFolder, 'FTP', 'SQL Server'),
		[MAP_KEYS.realTimeOrders]: wire(CONNECTION_IDS.businessCentral, DATA_SOURCE_IDS.webShopWebhook, 'Webhook', 'Business Central'),
		[MAP_KEYS.otherCompanyVendors]: wire(CONNECTION_IDS.vendorsGp, DATA_SOURCE_IDS.vendorsCsv, 'Text File', 'Dynamics GP'),
	};
}

function wire(connectionId: string, dataSourceId: string, sourceType: string, targetType: string): MapWiring {
	return { connectionId, dataSourceId, sourceType, targetType, destinationType: targetType };
}
