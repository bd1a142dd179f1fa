import { readDataTable } from '../xml';

/**
 * Readers for what SmartConnect.com reports about past runs and its catalog (the GET endpoints of
 * smartconnect-api.md §1.3–§1.4), in the node's output names. Each throws when the body is not the
 * documented shape, so a wrong answer is an error, not an empty list.
 */

type Record_ = Record<string, unknown>;

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

function numberOf(value: unknown): number {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	return Number.isFinite(number) ? number : 0;
}

function booleanOf(value: unknown): boolean {
	return value === true || String(value).trim().toLowerCase() === 'true';
}

function listOf(body: unknown, what: string): Record_[] {
	if (!Array.isArray(body)) throw new Error(`SmartConnect did not return a list of ${what}`);
	return body.filter((entry): entry is Record_ => typeof entry === 'object' && entry !== null);
}

/** Case-insensitive member lookup: the service mixes PascalCase and camelCase. */
function member(entry: Record_, name: string): unknown {
	if (name in entry) return entry[name];
	const lower = name.toLowerCase();
	const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
	return key === undefined ? undefined : entry[key];
}

/** One run of a map, as GetHistoryForProcess lists it. */
export interface RunSummary {
	mapKey: string;
	mapId: string;
	runNumber: number;
	/** As SmartConnect sends it: local time without a zone. */
	runDate: string;
	status: 'success' | 'failed';
	recordCount: number;
	errorCount: number;
	errorsSaved: boolean;
	id: string;
}

/** GetHistoryForProcess' `[{Id, MapId, RunNumber, RunDate, RecordCount, ErrorCount, ErrorsSaved}]`, newest run first. */
export function readHistory(body: unknown, mapKey: string): RunSummary[] {
	return listOf(body, 'runs')
		.map((entry) => {
			const errorCount = numberOf(member(entry, 'ErrorCount'));
			return {
				mapKey,
				mapId: text(member(entry, 'MapId')),
				runNumber: numberOf(member(entry, 'RunNumber')),
				runDate: text(member(entry, 'RunDate')),
				status: errorCount > 0 ? ('failed' as const) : ('success' as const),
				recordCount: numberOf(member(entry, 'RecordCount')),
				errorCount,
				errorsSaved: booleanOf(member(entry, 'ErrorsSaved')),
				id: text(member(entry, 'Id')),
			};
		})
		.sort((a, b) => b.runNumber - a.runNumber);
}

/** One failed row of a run: its source columns and SmartConnect's message. */
export interface FailedRow {
	error: string;
	row: Record<string, string | null>;
	/** SmartConnect's id of the failed row (EONERUNIDENT), when sent. */
	rowId: string;
	/** What SaveProcessErrors needs, when SmartConnect said (the JSON answer does). */
	tenantServer: string;
	tenantTechnicalName: string;
}

const ERROR_COLUMN = 'EONERUNERRORS';
const IDENT_COLUMN = 'EONERUNIDENT';

function failedRow(values: Record_, tenantServer: string, tenantTechnicalName: string): FailedRow {
	const row: Record<string, string | null> = {};
	let error = '';
	let rowId = '';
	for (const [column, value] of Object.entries(values)) {
		if (column.toUpperCase() === ERROR_COLUMN) error = text(value);
		else if (column.toUpperCase() === IDENT_COLUMN) rowId = text(value);
		else row[column] = value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
	}
	return { error, row, rowId, tenantServer, tenantTechnicalName };
}

/**
 * GetErrorsForProcessRun: the documented `{runTenants: [{tenantServer, tenantTechnical, errorData:
 * {dataRows}}]}`, or a DataTable XML string (the layout of a run's `Errors` field).
 */
export function readRunErrors(body: unknown): FailedRow[] {
	if (typeof body === 'string') {
		if (body.trim() === '') return [];
		return readDataTable(body).rows.map((row) => failedRow(row, '', ''));
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('SmartConnect did not return the errors of a run');
	const tenants = member(body as Record_, 'runTenants');
	if (tenants === undefined || tenants === null) return [];
	return listOf(tenants, 'tenants').flatMap((tenant) => {
		const data = member(tenant, 'errorData');
		const rows = data && typeof data === 'object' ? member(data as Record_, 'dataRows') : undefined;
		if (rows === undefined || rows === null) return [];
		return listOf(rows, 'failed rows').map((row) =>
			failedRow(row, text(member(tenant, 'tenantServer')), text(member(tenant, 'tenantTechnical'))),
		);
	});
}

/** An output file of a run, its download link without the token. */
export interface RunOutput {
	outputId: string;
	mapKey: string;
	runNumber: number;
	created: string;
	description: string;
	fileName: string;
	/** The download link with its token replaced by ***. */
	outputUri: string;
}

/** The download link's `token` value hidden; whatever else is in it kept. */
export function redactUri(uri: string): string {
	return uri.replace(/([?&]token=)[^&#]*/gi, '$1***');
}

/** GetOutputsForProcess' `[{outputId, processId, runNumber, created, description, fileName, outputUri}]`. */
export function readOutputs(body: unknown, mapKey: string): Array<RunOutput & { downloadUri: string }> {
	return listOf(body, 'outputs').map((entry) => {
		const uri = text(member(entry, 'outputUri'));
		return {
			outputId: text(member(entry, 'outputId')),
			mapKey: text(member(entry, 'processId')) || mapKey,
			runNumber: numberOf(member(entry, 'runNumber')),
			created: text(member(entry, 'created')),
			description: text(member(entry, 'description')),
			fileName: text(member(entry, 'fileName')),
			outputUri: redactUri(uri),
			downloadUri: uri,
		};
	});
}

export interface Connection {
	id: string;
	description: string;
	connectionType: string;
}

export function readConnections(body: unknown): Connection[] {
	return listOf(body, 'connections').map((entry) => ({
		id: text(member(entry, 'Id')),
		description: text(member(entry, 'Description')),
		connectionType: text(member(entry, 'ConnectionType')),
	}));
}

export interface DataSource {
	id: string;
	description: string;
	connectionId: string;
	company: string;
	type: string;
}

export function readDataSources(body: unknown): DataSource[] {
	return listOf(body, 'data sources').map((entry) => ({
		id: text(member(entry, 'Id')),
		description: text(member(entry, 'Description')),
		connectionId: text(member(entry, 'ConnectionId')),
		company: text(member(entry, 'Company')),
		type: text(member(entry, 'Type')),
	}));
}

/** A map listed by connection or data source, with the Map › Get Many fields first. */
export interface ListedMap {
	mapKey: string;
	mapId: string;
	description: string;
	[extra: string]: unknown;
}

/** GetProcessesByConnection's `{Items: [{mapKey, mapId, mapDescription, connectionId, …}]}` (camelCase). */
export function readProcessesByConnection(body: unknown): ListedMap[] {
	const items = body && typeof body === 'object' && !Array.isArray(body) ? member(body as Record_, 'Items') : body;
	return listOf(items, 'maps').map((entry) => ({
		mapKey: text(member(entry, 'mapKey')),
		mapId: text(member(entry, 'mapId')),
		description: text(member(entry, 'mapDescription')),
		connectionId: text(member(entry, 'connectionId')),
		connectionType: text(member(entry, 'connectionType')),
		destinationType: text(member(entry, 'destinationType')),
		storesErrors: booleanOf(member(entry, 'storesErrors')),
		tenants: Array.isArray(member(entry, 'tenants')) ? member(entry, 'tenants') : [],
	}));
}

/** GetProcessesForDatasource's `[{Id, MapId, Description, SourceType, TargetType}]`. */
export function readProcessesForDataSource(body: unknown): ListedMap[] {
	return listOf(body, 'maps').map((entry) => ({
		mapKey: text(member(entry, 'Id')),
		mapId: text(member(entry, 'MapId')),
		description: text(member(entry, 'Description')),
		sourceType: text(member(entry, 'SourceType')),
		targetType: text(member(entry, 'TargetType')),
	}));
}

export interface Company {
	id: string;
	name: string;
	subscriptionExpiry: string | null;
}

/** GetCompanyList's `[{Id, Name, SubscriptionExpiry}]`. */
export function readCompanies(body: unknown): Company[] {
	return listOf(body, 'companies').map((entry) => {
		const expiry = member(entry, 'SubscriptionExpiry');
		return { id: text(member(entry, 'Id')), name: text(member(entry, 'Name')), subscriptionExpiry: expiry === null || expiry === undefined ? null : text(expiry) };
	});
}
