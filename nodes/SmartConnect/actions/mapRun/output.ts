import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { errorItem } from '../../helpers/errors';
import { matchFailedRows, type RunOutcome } from '../../helpers/runs';
import { describeItems, sendRuns } from './send';
import type { ItemResult, ItemStatus, Planned, RejectedItem, RunContext, RunPlan, RunReport } from './types';

/**
 * What a map run hands on. Continue On Fail is decided here and nowhere else in the map runs:
 * without it, an item that cannot be sent stops the node before anything is sent, a run that fails
 * stops it with what ran and what did not, and (Options › Stop on Rejected Rows) so do rows
 * SmartConnect rejected. With it, every input item gets its status; with an error output, the
 * failed ones leave by it, each paired to its input item (n8n merges the input item in).
 */

/** Whether SmartConnect reported rows it did not import. */
const rejectsRows = (outcome: RunOutcome): boolean => outcome.status === 'failed' || outcome.failedRows.length > 0;

/** Plans, sends and reports the runs of a map-run operation. */
export async function runMaps(this: IExecuteFunctions, context: RunContext, planned: Planned): Promise<INodeExecutionData[]> {
	if (!context.continueOnFail && planned.rejected.length > 0) throw planned.rejected[0].error;
	const reports = await sendRuns.call(
		this,
		context,
		planned.plans,
		(report) =>
			!context.continueOnFail &&
			(report.kind === 'failed' || (report.kind === 'done' && context.stopOnRejectedRows && rejectsRows(report.outcome))),
	);
	const results = itemResults(context, planned.rejected, reports);
	if (!context.continueOnFail) stopIfFailed.call(this, context, reports, results);
	hintUnmatchedRows.call(this, results.notes);
	hintSettledRuns.call(this, context, reports);
	return context.output === 'summary'
		? summaryOutput.call(this, context, planned.rejected, reports, results.byItem)
		: itemOutput(context, results.byItem, planned.fields);
}

interface Results {
	/** Per input item (index = item index); undefined for none. */
	byItem: Array<ItemResult | undefined>;
	/** Per run report: the items SmartConnect rejected, and what was said about matching them. */
	rejectedRows: Map<RunReport, Map<number, ItemResult>>;
	/** Failed rows that match several input items or none, to say in the output. */
	notes: string[];
}

function status(
	value: ItemStatus['status'],
	sent: ItemStatus['sent'],
	plan?: Pick<RunPlan, 'mapKey'>,
	runNumber: number | null = null,
): ItemStatus {
	return { status: value, runNumber, mapKey: plan?.mapKey ?? null, sent };
}

function runLabel(outcome: RunOutcome): string {
	return `Map ${outcome.mapId || outcome.mapKey} run ${outcome.runNumber ?? '?'}`;
}

/**
 * The items of a completed run that SmartConnect rejected. Data-table rows are matched back to
 * their input items by value; a failed row that matches several items marks each of them and
 * says so; one that matches none is noted. Runs without rows (Run, variables, XML from a field)
 * are the item: when the run failed, so did the item.
 */
function rejectedRows(outcome: RunOutcome, plan: RunPlan, notes: string[]): Map<number, ItemResult> {
	const failed = new Map<number, ItemResult>();
	const failedStatus = status('failed', true, { mapKey: outcome.mapKey }, outcome.runNumber);
	const unmatched: string[] = [];
	if (plan.rows && outcome.failedRows.length > 0) {
		const candidates = matchFailedRows(plan.rows, outcome.failedRows);
		const competing = new Map<number[], number>();
		for (const rows of candidates) if (rows.length > 0) competing.set(rows, (competing.get(rows) ?? 0) + 1);
		const assigned = new Map<number[], number>();
		candidates.forEach((rows, n) => {
			const message = String(outcome.failedRows[n].error ?? '') || outcome.errorMessage || 'SmartConnect rejected the row';
			if (rows.length === 0) {
				unmatched.push(message);
				return;
			}
			const rivals = competing.get(rows) as number;
			if (rivals >= rows.length) {
				const at = assigned.get(rows) ?? 0;
				assigned.set(rows, at + 1);
				if (at < rows.length) failed.set(plan.items[rows[at]], { status: failedStatus, error: { message } });
				return;
			}
			const items = rows.map((row) => plan.items[row]);
			const note = `${runLabel(outcome)}: SmartConnect rejected ${rivals} of the ${rows.length} input items with the same values (${describeItems(items)}) and does not say which; each of them is marked failed`;
			if (!assigned.has(rows)) notes.push(note);
			assigned.set(rows, rows.length);
			for (const item of items) failed.set(item, { status: failedStatus, error: { message, description: note } });
		});
	}
	if (unmatched.length > 0) {
		notes.push(
			`${runLabel(outcome)}: ${unmatched.length} failed row(s) match no input item (SmartConnect's Errors table has no row number, and their values differ from every row sent): ${unmatched
				.slice(0, 3)
				.join('; ')}`,
		);
	}
	if (failed.size === 0 && rejectsRows(outcome)) {
		// No row to match (a run without rows, or none matched): the run failed for every item it carried.
		const message = `${runLabel(outcome)} reported ${outcome.errorCount} error(s)${outcome.errorMessage ? `: ${outcome.errorMessage}` : ''}${
			outcome.failedRows.length > 0 ? ` (${outcome.failedRows.slice(0, 3).map((row) => String(row.error ?? '')).join('; ')})` : ''
		}`;
		for (const item of plan.items) failed.set(item, { status: failedStatus, error: { message } });
	}
	return failed;
}

/** Every input item's status, error and run. */
function itemResults(context: RunContext, rejected: RejectedItem[], reports: RunReport[]): Results {
	const byItem: Results['byItem'] = new Array(context.items.length);
	const results: Results = { byItem, rejectedRows: new Map(), notes: [] };
	for (const { itemIndex, error } of rejected) {
		byItem[itemIndex] = { status: status('not sent', false), error: { message: error.message, description: error.description ?? undefined } };
	}
	let failure: string | undefined;
	for (const report of reports) {
		const { plan } = report;
		if (report.kind === 'done') {
			const failed = rejectedRows(report.outcome, plan, results.notes);
			results.rejectedRows.set(report, failed);
			const success: ItemResult = { status: status('success', true, { mapKey: report.outcome.mapKey }, report.outcome.runNumber) };
			// Get Map XML (on-premise): every item of the run carries the documents its map wrote.
			if (report.outcome.outputXml) success.status.outputXml = report.outcome.outputXml;
			for (const item of plan.items) {
				const result = failed.get(item);
				// A settled run's failed items say how their outcome is known.
				byItem[item] = result && report.settled ? { ...result, error: { message: result.error?.message ?? '', description: report.settled } } : (result ?? success);
			}
		} else if (report.kind === 'failed') {
			failure = `${context.operation}: ${describeItems(plan.items)} failed`;
			const description = `${report.error.description ?? ''}\n${report.ledger}`.trim();
			const result: ItemResult = {
				status: status(report.sent === false ? 'not sent' : 'failed', report.sent, plan),
				error: { message: report.error.message, description },
			};
			for (const item of plan.items) byItem[item] = result;
		} else {
			const result: ItemResult = {
				status: status('not sent', false, plan),
				error: { message: `Not sent: an earlier run stopped the node (${failure ?? 'rows were rejected'})` },
			};
			for (const item of plan.items) byItem[item] = result;
		}
	}
	return results;
}

/** Without Continue On Fail: a failed run, or rows SmartConnect rejected (when asked), stop the node. */
function stopIfFailed(this: IExecuteFunctions, context: RunContext, reports: RunReport[], results: Results): void {
	const completed: string[] = [];
	for (const [r, report] of reports.entries()) {
		if (report.kind === 'failed') {
			const failed = report.error;
			failed.description = `${failed.description ?? ''}\n${report.ledger}`.trim();
			if (failed instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), failed);
			throw new NodeApiError(this.getNode(), failed as unknown as JsonObject);
		}
		if (report.kind !== 'done') continue;
		completed.push(`run ${report.outcome.runNumber ?? '?'} (${report.outcome.status}) with ${describeItems(report.plan.items)}`);
		const failed = results.rejectedRows.get(report);
		if (!context.stopOnRejectedRows || !failed || failed.size === 0) continue;
		const rows = [...failed.entries()].sort((a, b) => a[0] - b[0]);
		const shown = rows
			.slice(0, 5)
			.map(([item, result]) => `item ${item + 1}: ${result.error?.message ?? ''}`)
			.join('; ');
		const unsent = reports.slice(r + 1).flatMap((later) => later.plan.items);
		throw new NodeOperationError(
			this.getNode(),
			`${runLabel(report.outcome)} rejected ${rows.length} row(s): ${shown}${rows.length > 5 ? `; and ${rows.length - 5} more` : ''}`,
			{
				itemIndex: rows[0][0],
				description: [
					`Completed: ${completed.join('; ')}.`,
					unsent.length > 0 ? `Not sent: ${describeItems(unsent)}.` : '',
					'To hand rejected rows on instead, set Settings › On Error to Continue (using error output), or turn off Options › Stop on Rejected Rows.',
				]
					.filter(Boolean)
					.join(' '),
			},
		);
	}
}

function hintUnmatchedRows(this: IExecuteFunctions, notes: string[]): void {
	if (notes.length === 0 || typeof this.addExecutionHints !== 'function') return;
	this.addExecutionHints(...notes.slice(0, 5).map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const })));
}

/** Runs whose answer was lost but whose outcome the run history settled: said once per run, in the output pane. */
function hintSettledRuns(this: IExecuteFunctions, context: RunContext, reports: RunReport[]): void {
	if (typeof this.addExecutionHints !== 'function') return;
	const hints = reports.flatMap((report) =>
		report.kind === 'done' && report.settled
			? [{ message: `${context.operation}, ${describeItems(report.plan.items)}: ${report.settled}`, location: 'outputPane' as const }]
			: [],
	);
	if (hints.length > 0) this.addExecutionHints(...hints);
}

/**
 * The input item's fields, all or those chosen in Options › Input Fields to Include, in a new
 * object the output item may own. `copied`: the item's fields as already copied for its row (a
 * plain object nothing else hands on), taken as they are instead of reading the item again.
 */
function inputFields(context: RunContext, itemIndex: number, copied: IDataObject | undefined): IDataObject {
	const json = copied ?? context.items[itemIndex].json;
	if (!context.inputFields) return copied ?? { ...json };
	const picked: IDataObject = {};
	for (const field of context.inputFields) if (field in json) picked[field] = json[field];
	return picked;
}

/** The error item n8n routes to the error output on 1.x and 2.x: `{message, error}` and nothing else. */
function failedItem(itemIndex: number, result: ItemResult): INodeExecutionData {
	const { message = '', description } = result.error ?? {};
	return errorItem(itemIndex, message, { ...result.status, ...(description ? { description } : {}) });
}

/** One item per input item, in input order, paired 1:1: the input's fields and `smartConnect`. */
function itemOutput(context: RunContext, byItem: Results['byItem'], fields: Planned['fields']): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < byItem.length; itemIndex++) {
		const result = byItem[itemIndex];
		if (!result) continue;
		if (result.error && context.errorOutput) {
			output.push(failedItem(itemIndex, result));
			continue;
		}
		const smartConnect: IDataObject = { ...result.status };
		if (result.error) smartConnect.error = result.error.message;
		// Assigned, not spread: a field named smartConnect keeps its place, as with `{ ...fields, smartConnect }`.
		const json = inputFields(context, itemIndex, fields?.[itemIndex]);
		json.smartConnect = smartConnect;
		output.push({ json, pairedItem: { item: itemIndex } });
	}
	return output;
}

/** Options › Output › Run Summary: one item per run, paired to the items it carried. */
function summaryOutput(
	this: IExecuteFunctions,
	context: RunContext,
	rejected: RejectedItem[],
	reports: RunReport[],
	byItem: Results['byItem'],
): INodeExecutionData[] {
	const output: INodeExecutionData[] = rejected.map(({ itemIndex }) => failedItem(itemIndex, byItem[itemIndex] as ItemResult));
	for (const report of reports) {
		const { plan } = report;
		if (report.kind !== 'done') {
			for (const item of plan.items) output.push(failedItem(item, byItem[item] as ItemResult));
			continue;
		}
		const { outcome } = report;
		const matches = plan.rows && outcome.failedRows.length > 0 ? matchFailedRows(plan.rows, outcome.failedRows) : undefined;
		const json: IDataObject = {
			status: outcome.status,
			mapKey: outcome.mapKey,
			mapId: outcome.mapId,
			description: outcome.description,
			runNumber: outcome.runNumber,
			recordCount: outcome.recordCount,
			errorCount: outcome.errorCount,
			errorMessage: outcome.errorMessage,
			// Each failed row with the input items (index, first = 0) that have its values: one, several or none.
			failedRows: outcome.failedRows.map((row, n) => ({
				...row,
				...(matches ? { matchingItems: matches[n].map((r) => plan.items[r]) } : {}),
			})),
			inputItems: plan.items,
		};
		if (plan.rows) json.rowsSent = plan.rows.length;
		if (report.settled) json.settledFromRunHistory = report.settled;
		if (outcome.errorsUnreadable) json.errorsUnreadable = outcome.errorsUnreadable;
		if (outcome.outputXml) json.outputXml = outcome.outputXml;
		output.push({ json, pairedItem: plan.items.map((item) => ({ item })) });
		if (context.errorOutput) {
			for (const item of plan.items) {
				const result = byItem[item];
				if (result?.error) output.push(failedItem(item, result));
			}
		}
	}
	if (reports.some((report) => report.kind === 'done' && report.plan.items.length > 1) && typeof this.addExecutionHints === 'function') {
		this.addExecutionHints({
			message:
				"Run Summary: each summary is paired to every input item of its run, so `.item` in a later node cannot pick one of them (\"Multiple matching items\"). Use the summary's inputItems, or Options › Output › Input Items With Status for one item per input item.",
			location: 'outputPane',
		});
	}
	return output;
}
