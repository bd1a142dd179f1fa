/**
 * Map runs: required-column validation, run numbering and the RunMapResponse.
 */
import type { RunRecord, SimMap, SimRow, Variable } from './types';
import { errorsTableXml, type FailedRow } from './xml';

export const DOCUMENT_ERRORS_MESSAGE = 'Document was not sent due to document errors.';

/** Field order as in the doc's JSON sample (JSON.stringify keeps insertion order). */
export interface RunMapResponse {
	ErrorCount: number;
	Errors: string;
	MapDescription: string;
	MapKey: string;
	MapId: string;
	RecordCount: number;
	RunNumber: number;
	Status: number;
	ErrorMessage: string;
}

/** Run endpoints whose `Errors` carries the DataTable of failed rows (plain runs send ""). */
const ENDPOINTS_WITH_ERROR_TABLE = new Set(['runmapdatatablewitherrors', 'runmapxml']);

export class RunBook {
	private readonly next = new Map<string, number>();

	/** Allocates the map's next RunNumber (per map, starting at map.firstRunNumber). */
	take(map: SimMap): number {
		const key = map.mapKey.toLowerCase();
		const n = this.next.get(key) ?? map.firstRunNumber ?? 1;
		this.next.set(key, n + 1);
		return n;
	}
}

/** The failed rows: a required column (map.columns IsRequired) missing, null or empty. Names compare case-insensitively like DataTable. */
export function validateRows(map: SimMap, rows: SimRow[]): FailedRow[] {
	const required = map.columns.filter((c) => c.IsRequired).map((c) => c.ColumnName);
	const failed: FailedRow[] = [];
	for (const row of rows) {
		const missing = required.filter((col) => {
			const v = valueOf(row, col);
			return v === null || v === undefined || v.trim() === '';
		});
		if (missing.length > 0) failed.push({ row, message: missing.map((c) => `${c} is required.`).join(' ') });
	}
	return failed;
}

function valueOf(row: SimRow, column: string): string | null | undefined {
	if (column in row) return row[column];
	const lower = column.toLowerCase();
	const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
	return key === undefined ? undefined : row[key];
}

/** Columns of the Errors table: the received columns in first-seen order, then the map's other source columns. */
export function errorColumns(map: SimMap, rows: SimRow[]): string[] {
	const cols: string[] = [];
	const seen = new Set<string>();
	const add = (c: string) => {
		if (seen.has(c.toLowerCase())) return;
		seen.add(c.toLowerCase());
		cols.push(c);
	};
	rows.forEach((r) => Object.keys(r).forEach(add));
	map.columns.forEach((c) => add(c.ColumnName));
	return cols;
}

export interface RunResult {
	record: RunRecord;
	response: RunMapResponse;
}

/** Runs `rows` through `map` (synchronously, like the real service answers when the run completes). */
export function executeRun(map: SimMap, endpoint: string, runNumber: number, rows: SimRow[], variables: Variable[]): RunResult {
	const failed = validateRows(map, rows);
	const withTable = ENDPOINTS_WITH_ERROR_TABLE.has(endpoint) && failed.length > 0;
	const response: RunMapResponse = {
		ErrorCount: failed.length,
		Errors: withTable ? errorsTableXml(errorColumns(map, rows), failed) : '',
		MapDescription: map.description,
		MapKey: map.mapKey,
		MapId: map.mapId,
		RecordCount: rows.length,
		RunNumber: runNumber,
		Status: failed.length > 0 ? 1 : 0,
		ErrorMessage: failed.length > 0 ? DOCUMENT_ERRORS_MESSAGE : '',
	};
	const record: RunRecord = {
		mapKey: map.mapKey,
		endpoint,
		runNumber,
		rows,
		variables,
		recordCount: rows.length,
		errorCount: failed.length,
	};
	return { record, response };
}

/** The source rows a query with these variables returns (map.variableFilter; no matching variable → no filter). */
export function sourceRows(map: SimMap, variables: Variable[]): SimRow[] {
	const filter = map.variableFilter;
	// Copies, so a RunRecord does not alias the map's live rows array.
	if (!filter) return [...map.rows];
	const v = variables.find((x) => x.Key.toUpperCase() === filter.variable.toUpperCase());
	if (!v) return [...map.rows];
	return map.rows.filter((r) => r[filter.column] === v.Value);
}
