import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { errorItem } from '../../helpers/errors';
import { matchFailedRows, readRunResponse, type RunOutcome } from '../../helpers/runs';
import { requestSentOf, smartConnectRequest } from '../../transport';
import type { Row } from '../../xml';
import { requestSettings } from '../common.descriptions';

/**
 * Sending map runs, shared by every run operation. Input is turned into "run plans" first, so
 * bad input stops (or is set aside with Continue On Fail) before anything of that run is sent.
 * Runs are then sent one at a time, never resent, and every input item ends up either in a
 * reported run or reported as not sent.
 */

export interface RunPlan {
	/** Input items this run carries (paired with its result). */
	items: number[];
	mapKey: string;
	endpoint: string;
	operation: string;
	body?: string;
	contentType?: 'application/json' | 'text/xml';
	/** The data-table rows sent, in `items` order, to tell which items SmartConnect failed. */
	rows?: Row[];
}

export interface RunOptions {
	onMapErrors: 'returnResult' | 'stop';
	simplify: boolean;
}

/** An input item that will not be sent, and why; kept only with Continue On Fail. */
export interface RejectedItem {
	itemIndex: number;
	error: NodeOperationError;
}

function describeItems(items: number[]): string {
	if (items.length === 0) return 'no items';
	const ranges: string[] = [];
	let start = items[0];
	let previous = items[0];
	for (const index of [...items.slice(1), Number.NaN]) {
		if (index === previous + 1) {
			previous = index;
			continue;
		}
		ranges.push(start === previous ? `${start}` : `${start}–${previous}`);
		start = index;
		previous = index;
	}
	return `item${items.length > 1 ? 's' : ''} ${ranges.join(', ')}`;
}

function resultJson(outcome: RunOutcome, raw: unknown, plan: RunPlan, options: RunOptions): IDataObject {
	const common = { failedRows: outcome.failedRows, inputItems: plan.items } as IDataObject;
	if (plan.rows) common.rowsSent = plan.rows.length;
	if (outcome.errorsUnreadable) common.errorsUnreadable = outcome.errorsUnreadable;
	// Get Map XML (on-premise): the documents the map's XML destination wrote.
	const outputXml = (raw as IDataObject).OutputXml;
	if (options.simplify && Array.isArray(outputXml)) common.outputXml = outputXml.map(String);
	if (!options.simplify) return { ...(raw as IDataObject), ...common };
	return {
		status: outcome.status,
		mapKey: outcome.mapKey,
		mapId: outcome.mapId,
		description: outcome.description,
		runNumber: outcome.runNumber,
		recordCount: outcome.recordCount,
		errorCount: outcome.errorCount,
		errorMessage: outcome.errorMessage,
		...common,
	};
}

/** Which input items failed in a run, and SmartConnect's message for each. */
function failedItems(outcome: RunOutcome, plan: RunPlan): Array<{ itemIndex: number; message: string }> {
	if (plan.rows && outcome.failedRows.length > 0) {
		const matches = matchFailedRows(plan.rows, outcome.failedRows);
		const found = matches
			.map((rowIndex, n) => ({ rowIndex, message: String(outcome.failedRows[n].error ?? '') }))
			.filter((match) => match.rowIndex >= 0)
			.map((match) => ({ itemIndex: plan.items[match.rowIndex], message: match.message || outcome.errorMessage }));
		if (found.length > 0) return found;
	}
	// No row-level detail: the whole run failed for every item it carried.
	return plan.items.map((itemIndex) => ({ itemIndex, message: outcome.errorMessage || 'The map run failed' }));
}

function summary(outcome: RunOutcome, failures: Array<{ itemIndex: number; message: string }>): string {
	const shown = failures
		.slice(0, 5)
		.map((failure) => `item ${failure.itemIndex}: ${failure.message}`)
		.join('; ');
	const more = failures.length > 5 ? `; and ${failures.length - 5} more` : '';
	return `Map ${outcome.mapId || outcome.mapKey} run ${outcome.runNumber ?? '?'} reported ${outcome.errorCount} error(s)${
		outcome.errorMessage ? ` ("${outcome.errorMessage}")` : ''
	}: ${shown}${more}`;
}

/**
 * Sends the planned runs in order. Returns the main output; with Continue On Fail, items that
 * failed carry `error` so n8n routes them to the error output when that is enabled.
 */
export async function sendRuns(
	this: IExecuteFunctions,
	plans: RunPlan[],
	rejected: RejectedItem[],
	options: RunOptions,
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const output: INodeExecutionData[] = rejected.map(({ itemIndex, error }) =>
		errorItem(itemIndex, error.message, { sent: false, ...(error.description ? { description: error.description } : {}) }),
	);
	const done: string[] = [];

	for (let p = 0; p < plans.length; p++) {
		const plan = plans[p];
		let raw: unknown;
		let outcome: RunOutcome;
		try {
			raw = await smartConnectRequest.call(
				this,
				{
					endpoint: plan.endpoint,
					operation: plan.operation,
					kind: 'run',
					itemIndex: plan.items[0],
					qs: { mapKey: plan.mapKey },
					body: plan.body,
					contentType: plan.contentType,
				},
				requestSettings.call(this, plan.items[0]),
			);
			outcome = readRunResponse(raw, plan.mapKey);
		} catch (error) {
			// A NodeOperationError (bad credential URL, …) was raised before sending; the transport marks
			// its NodeApiErrors with whether the request reached SmartConnect; anything else came after.
			const failed: NodeApiError | NodeOperationError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeApiError(this.getNode(), { message: (error as Error).message } as JsonObject, {
							message: `SmartConnect ${plan.endpoint}: ${(error as Error).message}`,
							description: 'The map may have run; check its run history before running it again',
							itemIndex: plan.items[0],
						});
			const sent = error === failed ? requestSentOf(failed) : 'unknown';
			const unsent = plans.slice(p + 1).flatMap((later) => later.items);
			const ledger = [
				done.length > 0 ? `Completed: ${done.join('; ')}.` : 'No run completed before this one.',
				sent === false
					? `Not sent: ${describeItems([...plan.items, ...unsent])}.`
					: `This run carried ${describeItems(plan.items)}; its outcome is unknown: the map may have run, and it was not sent again.${
							unsent.length > 0 ? ` Not sent: ${describeItems(unsent)}.` : ''
						}`,
			].join(' ');
			if (!continueOnFail) {
				failed.description = `${failed.description ?? ''}\n${ledger}`.trim();
				if (failed instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), failed);
				throw new NodeApiError(this.getNode(), failed as unknown as JsonObject);
			}
			for (const itemIndex of plan.items) {
				output.push(errorItem(itemIndex, failed.message, { sent, description: failed.description ?? '' }));
			}
			continue;
		}

		done.push(`run ${outcome.runNumber ?? '?'} (${outcome.status}) with ${describeItems(plan.items)}`);
		const result: INodeExecutionData = {
			json: resultJson(outcome, raw, plan, options),
			pairedItem: plan.items.map((item) => ({ item })),
		};
		if (outcome.status === 'success' || options.onMapErrors === 'returnResult') {
			output.push(result);
			continue;
		}
		const failures = failedItems(outcome, plan);
		if (!continueOnFail) {
			const unsent = plans.slice(p + 1).flatMap((later) => later.items);
			throw new NodeOperationError(this.getNode(), summary(outcome, failures), {
				itemIndex: failures[0]?.itemIndex ?? plan.items[0],
				description: [`Completed: ${done.join('; ')}.`, unsent.length > 0 ? `Not sent: ${describeItems(unsent)}.` : '']
					.filter(Boolean)
					.join(' '),
			});
		}
		output.push(result);
		for (const failure of failures) {
			output.push(
				errorItem(failure.itemIndex, failure.message, { sent: true, runNumber: outcome.runNumber, mapKey: outcome.mapKey }),
			);
		}
	}
	return output;
}
