/**
 * What SmartConnect keeps about past runs: per map the last 10 runs (GetHistoryForProcess), each
 * with its failed rows (GetErrorsForProcessRun) and output files (GetOutputsForProcess, getfile).
 * Every run the simulator makes (web-service runs and scheduled ones) is recorded here.
 */
import { randomUUID } from 'node:crypto';

import { errorColumns, validateRows } from './runs';
import type { RunRecord, SimMap, SimRow } from './types';

/** GetHistoryForProcess: "the last 10 runs". */
export const HISTORY_LENGTH = 10;

/** The tenant (company database) the demo maps write to; SaveProcessErrors takes these values. */
export const TENANT = { tenantId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'CRONUS USA', serverName: 'SIMSQL01', technicalName: 'TWO' };

export interface HistoryFailedRow {
	row: SimRow;
	message: string;
	ident: string;
}

export interface HistoryOutput {
	outputId: string;
	fileName: string;
	description: string;
	created: string;
	content: string;
}

export interface HistoryRun {
	id: string;
	errorId: string;
	mapKey: string;
	mapId: string;
	mapDescription: string;
	runNumber: number;
	/** Local time without zone, as SmartConnect writes it: 2020-09-08T14:53:44. */
	runDate: string;
	recordCount: number;
	errorCount: number;
	errorsSaved: boolean;
	/** Columns of the failed rows: the received columns, then the map's other source columns. */
	columns: string[];
	failed: HistoryFailedRow[];
	outputs: HistoryOutput[];
}

/** SmartConnect's timestamp form: ISO 8601 to the second, no zone. */
export function runDateOf(time: number): string {
	return new Date(time).toISOString().slice(0, 19);
}

/** The file a run leaves behind: the processed rows as CSV, named like SmartConnect's "<MAP>___<run>.zip". */
function outputOf(map: SimMap, runNumber: number, rows: SimRow[], created: string): HistoryOutput {
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const cell = (value: string | null | undefined) => {
		const text = value ?? '';
		return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	const content = [columns.map(cell).join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\r\n') + '\r\n';
	return {
		outputId: randomUUID(),
		fileName: `${map.mapId.replace(/[^A-Za-z0-9]+/g, '_')}___${runNumber}.csv`,
		description: `Rows processed by run ${runNumber}`,
		created,
		content,
	};
}

export class RunHistory {
	private readonly byMap = new Map<string, HistoryRun[]>();

	/** Records a finished run; only the newest HISTORY_LENGTH runs of a map are kept. */
	add(map: SimMap, record: RunRecord, time: number): HistoryRun {
		const created = runDateOf(time);
		const failed = validateRows(map, record.rows).map((f) => ({ ...f, ident: randomUUID() }));
		const outputCount = map.outputFiles ?? 1;
		const run: HistoryRun = {
			id: randomUUID(),
			errorId: randomUUID(),
			mapKey: map.mapKey,
			mapId: map.mapId,
			mapDescription: map.description,
			runNumber: record.runNumber,
			runDate: created,
			recordCount: record.recordCount,
			errorCount: record.errorCount,
			errorsSaved: false,
			columns: errorColumns(map, record.rows),
			failed,
			outputs: Array.from({ length: outputCount }, () => outputOf(map, record.runNumber, record.rows, created)),
		};
		const key = map.mapKey.toLowerCase();
		const runs = [...(this.byMap.get(key) ?? []), run];
		this.byMap.set(key, runs.slice(-HISTORY_LENGTH));
		return run;
	}

	/** The kept runs of a map, newest first. */
	of(mapKey: string): HistoryRun[] {
		return [...(this.byMap.get(mapKey.toLowerCase()) ?? [])].reverse();
	}

	find(mapKey: string, runNumber: number): HistoryRun | undefined {
		return this.of(mapKey).find((run) => run.runNumber === runNumber);
	}

	output(outputId: string): { run: HistoryRun; output: HistoryOutput } | undefined {
		const id = outputId.trim().toLowerCase();
		for (const runs of this.byMap.values()) {
			for (const run of runs) {
				const output = run.outputs.find((o) => o.outputId === id);
				if (output) return { run, output };
			}
		}
		return undefined;
	}

	clear(): void {
		this.byMap.clear();
	}
}
