import { formatValue, readDataTable, type Row } from '../xml';

/** SmartConnect's RunMapResponse, read tolerantly (JSON numbers or DataContract XML text). */
export interface RunOutcome {
	status: 'success' | 'failed';
	mapKey: string;
	mapId: string;
	description: string;
	runNumber: number | null;
	recordCount: number;
	errorCount: number;
	errorMessage: string;
	/** The failed source rows from the `Errors` DataTable, each with SmartConnect's message as `error`. */
	failedRows: Array<Record<string, string | null>>;
	/** Set when the `Errors` text was present but could not be read. */
	errorsUnreadable?: string;
	/** Get Map XML (on-premise): the documents the map's XML destination wrote. */
	outputXml?: string[];
}

/** The column SmartConnect adds to each failed row of the `Errors` DataTable. */
const ERROR_COLUMN = 'EONERUNERRORS';

function numberOf(value: unknown): number {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	return Number.isFinite(number) ? number : 0;
}

function isSuccess(status: unknown): boolean {
	const text = String(status ?? '').trim().toLowerCase();
	return text === '0' || text === 'success' || text === 'successful';
}

/** Reads a run response; throws when the body is not a RunMapResponse at all. */
export function readRunResponse(body: unknown, mapKey: string): RunOutcome {
	if (!body || typeof body !== 'object' || Array.isArray(body) || !('Status' in body)) {
		throw new Error('SmartConnect did not answer with a run result (no Status)');
	}
	const response = body as Record<string, unknown>;
	const outcome: RunOutcome = {
		status: isSuccess(response.Status) ? 'success' : 'failed',
		// The REST API names them Key, Id and Description.
		mapKey: String(response.MapKey ?? response.Key ?? mapKey),
		mapId: String(response.MapId ?? response.Id ?? ''),
		description: String(response.MapDescription ?? response.Description ?? ''),
		runNumber: response.RunNumber === undefined || response.RunNumber === null ? null : numberOf(response.RunNumber),
		recordCount: numberOf(response.RecordCount),
		errorCount: numberOf(response.ErrorCount),
		errorMessage: String(response.ErrorMessage ?? ''),
		failedRows: [],
	};
	if (Array.isArray(response.OutputXml)) outcome.outputXml = response.OutputXml.map(String);
	const errors = typeof response.Errors === 'string' ? response.Errors.trim() : '';
	if (errors !== '') {
		try {
			outcome.failedRows = readDataTable(errors).rows.map((row) => {
				const { [ERROR_COLUMN]: message, ...values } = row;
				return { ...values, error: message ?? '' };
			});
		} catch (error) {
			outcome.errorsUnreadable = (error as Error).message;
		}
	}
	return outcome;
}

function signature(entries: Array<[string, string]>): string {
	return JSON.stringify(entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Which sent rows each failed row can be: SmartConnect's `Errors` table repeats the failed source
 * rows without an index, so rows are matched on their values (as the writer formatted them).
 * Returns, per failed row, the indexes into `sentRows` of every sent row with those values: none
 * when no sent row matches, several when identical rows were sent. Failed rows with the same values
 * share one array, so a caller can tell how many failed rows compete for the same sent rows.
 */
export function matchFailedRows(sentRows: Row[], failedRows: Array<Record<string, string | null>>): number[][] {
	const byValues = new Map<string, number[]>();
	sentRows.forEach((row, index) => {
		const entries: Array<[string, string]> = [];
		for (const column of Object.keys(row)) {
			const text = formatValue(row[column], index, column, { nested: 'json', invalidChars: 'drop' });
			if (text !== undefined) entries.push([column, text]);
		}
		const key = signature(entries);
		const candidates = byValues.get(key);
		if (candidates) candidates.push(index);
		else byValues.set(key, [index]);
	});
	const none: number[] = [];
	return failedRows.map((failed) => {
		const entries: Array<[string, string]> = [];
		for (const column of Object.keys(failed)) {
			if (column !== 'error' && failed[column] !== null) entries.push([column, failed[column] as string]);
		}
		return byValues.get(signature(entries)) ?? none;
	});
}
