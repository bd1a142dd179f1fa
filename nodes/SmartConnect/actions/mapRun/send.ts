import { NodeApiError, NodeOperationError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { readRunResponse } from '../../helpers/runs';
import { requestSentOf, smartConnectRequest } from '../../transport';
import { historyBefore, settledNote, settledOutcome, settleRun } from './settle';
import type { RunContext, RunPlan, RunReport } from './types';

/** "items 1–3, 5" (one-based, as n8n numbers items in messages). */
export function describeItems(items: number[]): string {
	if (items.length === 0) return 'no items';
	const ranges: string[] = [];
	let start = items[0];
	let previous = items[0];
	for (const index of [...items.slice(1), Number.NaN]) {
		if (index === previous + 1) {
			previous = index;
			continue;
		}
		ranges.push(start === previous ? `${start + 1}` : `${start + 1}–${previous + 1}`);
		start = index;
		previous = index;
	}
	return `item${items.length > 1 ? 's' : ''} ${ranges.join(', ')}`;
}

/**
 * Sends the planned runs one at a time, in order, never twice. A run that fails is reported with
 * whether it may have reached SmartConnect; with Options › Check Run History After a Failure, one
 * that may have is settled from the map's run history when that shows its run (settle.ts). When `stopAfter` says a report ends the sending (output.ts
 * decides: the node is about to stop), every later run is reported as not sent.
 */
export async function sendRuns(
	this: IExecuteFunctions,
	context: RunContext,
	plans: RunPlan[],
	stopAfter: (report: RunReport) => boolean,
): Promise<RunReport[]> {
	const reports: RunReport[] = [];
	// The completed runs, in words for a later failure's ledger: written only when one fails.
	const completedRuns = () =>
		reports.flatMap((report) =>
			report.kind === 'done' ? [`run ${report.outcome.runNumber ?? '?'} (${report.outcome.status}) with ${describeItems(report.plan.items)}`] : [],
		);
	for (let p = 0; p < plans.length; p++) {
		const plan = plans[p];
		// Read once per run request, never per item: a Rows per Run of 500 costs one read per 500 rows.
		const before = context.checkRunHistory ? await historyBefore.call(this, context, plan) : undefined;
		try {
			const raw = await smartConnectRequest.call(
				this,
				{
					endpoint: plan.endpoint,
					operation: context.operation,
					kind: 'run',
					itemIndex: plan.items[0],
					qs: { mapKey: plan.mapKey },
					body: plan.body,
					contentType: plan.contentType,
					memory: context.memory,
				},
				context.settings,
			);
			reports.push({ plan, kind: 'done', outcome: readRunResponse(raw, plan.mapKey) });
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
			// Only a request that may have reached SmartConnect is settled: one that provably did not stays "not sent".
			const settlement = before && sent === 'unknown' ? await settleRun.call(this, context, plan, before) : undefined;
			if (settlement && 'run' in settlement) {
				reports.push({ plan, kind: 'done', outcome: settledOutcome(settlement.run), settled: settledNote(settlement.run, failed.message) });
			} else {
				const unsent = plans.slice(p + 1).flatMap((later) => later.items);
				const completed = completedRuns();
				const ledger = [
					completed.length > 0 ? `Completed: ${completed.join('; ')}.` : 'No run completed before this one.',
					sent === false
						? `Not sent: ${describeItems([...plan.items, ...unsent])}.`
						: `This run carried ${describeItems(plan.items)}; its outcome is unknown: the map may have run, and it was not sent again.${
								settlement ? ` Run history check: ${settlement.reason}.` : ''
							}${unsent.length > 0 ? ` Not sent: ${describeItems(unsent)}.` : ''}`,
				].join(' ');
				reports.push({ plan, kind: 'failed', error: failed, sent, ledger });
			}
		}
		const report = reports[reports.length - 1];
		if (stopAfter(report)) {
			for (const later of plans.slice(p + 1)) reports.push({ plan: later, kind: 'notSent' });
			break;
		}
	}
	return reports;
}
