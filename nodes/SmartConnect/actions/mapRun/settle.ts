import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunSummary } from '../../helpers/history';
import type { RunOutcome } from '../../helpers/runs';
import { endpointNamed } from '../../transport/endpoints';
import { strategyFor } from '../../transport/auth';
import { readMapHistory } from '../history';
import type { RunContext, RunPlan } from './types';

/**
 * Options › Check Run History After a Failure: settling "may have run". Just before each run request
 * the map's history is read (one GET, retried as reads are). When the run request then fails in a
 * way that may have reached SmartConnect (timeout, reset, 5xx), the history is read again: exactly
 * one new run, with the rows sent where that can be checked, is this request's run; anything else
 * leaves the outcome unknown, with the reason. Nothing is ever sent again.
 */

/** The history read before a run request: its runs, or why it could not be read. */
export type HistoryBefore = { runs: RunSummary[] } | { unread: string };

/** What the history after a failure says: the run this request made, or why that cannot be told. */
export type Settlement = { run: RunSummary } | { reason: string };

/** Whether the credential's service has a run history to read (SmartConnect.com; not on-premise or the REST API). */
export function serviceHasHistory(this: IExecuteFunctions): boolean {
	return endpointNamed('GetHistoryForProcess').routes[strategyFor(this).service] !== undefined;
}

function runList(runs: RunSummary[]): string {
	return runs
		.map((run) => run.runNumber)
		.sort((a, b) => a - b)
		.join(', ');
}

/**
 * Compares the history after a failed run request with the one read just before it. `rowsSent` is
 * the number of data-table rows the request carried (undefined when the request carried none, as
 * Run and Run With Variables, so the record count cannot be checked).
 */
export function settleFromHistory(before: RunSummary[], after: RunSummary[], rowsSent: number | undefined): Settlement {
	const newest = before.reduce((max, run) => Math.max(max, run.runNumber), 0);
	const fresh = after.filter((run) => run.runNumber > newest);
	if (fresh.length === 0) {
		const none = newest > 0 ? `No run newer than run ${newest} (the newest before sending) is` : 'No run is';
		return { reason: `${none} in the map's run history: the map may not have run, or may still be running` };
	}
	if (fresh.length > 1) {
		return {
			reason: `Runs ${runList(fresh)} appeared in the map's run history since the request was sent: another client or a schedule ran the map too, so which run is this request's cannot be told`,
		};
	}
	const [run] = fresh;
	if (rowsSent !== undefined && run.recordCount !== rowsSent) {
		return {
			reason: `Run ${run.runNumber} appeared in the map's run history, but with ${run.recordCount} record(s) where this request sent ${rowsSent} row(s): it may be another client's run`,
		};
	}
	return { run };
}

/** The history before a run request, or why it could not be read (the run is sent either way). */
export async function historyBefore(this: IExecuteFunctions, context: RunContext, plan: RunPlan): Promise<HistoryBefore> {
	try {
		return { runs: await readMapHistory.call(this, plan.mapKey, historyRead(context, plan)) };
	} catch (error) {
		return { unread: (error as Error).message };
	}
}

function historyRead(context: RunContext, plan: RunPlan) {
	return {
		operation: `${context.operation} (run history check)`,
		itemIndex: plan.items[0],
		settings: context.settings,
		memory: context.memory,
	};
}

/** After a failure that may have reached SmartConnect: what the map's history says about this request's run. */
export async function settleRun(
	this: IExecuteFunctions,
	context: RunContext,
	plan: RunPlan,
	before: HistoryBefore,
): Promise<Settlement> {
	if ('unread' in before) {
		return { reason: `The map's run history could not be read before sending, so there is nothing to compare with (${before.unread})` };
	}
	let after: RunSummary[];
	try {
		after = await readMapHistory.call(this, plan.mapKey, historyRead(context, plan));
	} catch (error) {
		return { reason: `The map's run history could not be read after the failure (${(error as Error).message})` };
	}
	return settleFromHistory(before.runs, after, plan.rows?.length);
}

/** A run found in the history as the outcome of a request whose answer was lost. */
export function settledOutcome(run: RunSummary): RunOutcome {
	return {
		status: run.status,
		mapKey: run.mapKey,
		mapId: run.mapId,
		description: '',
		runNumber: run.runNumber,
		recordCount: run.recordCount,
		errorCount: run.errorCount,
		errorMessage:
			run.errorCount > 0 ? `Its failed rows are not known here (the answer was lost): Map Run › Get Errors reads them for run ${run.runNumber}` : '',
		failedRows: [],
	};
}

/** What the output says about a settled run. */
export function settledNote(run: RunSummary, failure: string): string {
	return `The answer to this run request was lost (${failure}); its outcome was settled from the map's run history: run ${run.runNumber}, ${run.recordCount} record(s), ${run.errorCount} error(s). It was not sent again.`;
}
