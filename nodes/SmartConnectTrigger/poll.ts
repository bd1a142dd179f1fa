import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { downloadOutput, outputJson, readMapHistory, readMapOutputs, readMapRunErrors, type ReadContext } from '../SmartConnect/actions/history';
import type { RunSummary } from '../SmartConnect/helpers/history';
import { parseMapKey, readMapList } from '../SmartConnect/helpers/maps';
import { requestSettingsFrom, smartConnectRequest } from '../SmartConnect/transport';

/**
 * The SmartConnect Trigger's poll: which runs are new since the last poll, per watched map.
 *
 * Cursor: the highest RunNumber seen per map, in the workflow's static data (n8n saves it with the
 * workflow after a poll). The first poll of a map only sets its cursor. SmartConnect's history holds
 * the last 10 runs, so when every kept run is new, runs in between may have been missed: they are
 * named in a warning item. A map whose history cannot be read is reported once (until it can be
 * read again) and the other maps are polled as usual.
 */

export type RunEvent = 'runFinished' | 'runFailed' | 'runSucceeded';

/** SmartConnect keeps this many runs per map (GetHistoryForProcess). */
export const HISTORY_LENGTH = 10;

const OPERATION = 'SmartConnect Trigger';

interface TriggerState {
	/** Last RunNumber seen, per lower-case map key. */
	cursors?: Record<string, number>;
	/** Maps whose read failure was reported, with the message, per lower-case map key. */
	faults?: Record<string, string>;
}

interface TriggerOptions {
	attachErrors?: boolean;
	downloadOutputs?: boolean;
	timeout?: number;
	retries?: number;
}

function matches(run: RunSummary, event: RunEvent): boolean {
	if (event === 'runFailed') return run.errorCount > 0;
	if (event === 'runSucceeded') return run.errorCount === 0;
	return true;
}

/** The map keys to watch: the chosen ones (checked to be GUIDs), or the first Max Maps of the map list. */
async function watchedMaps(this: IPollFunctions, read: ReadContext): Promise<string[]> {
	if ((this.getNodeParameter('watch', 'maps') as string) === 'all') {
		const body = await smartConnectRequest.call(this, { endpoint: 'GetMapList', operation: OPERATION, kind: 'read', memory: read.memory }, read.settings);
		const max = Math.max(1, Math.floor(this.getNodeParameter('maxMaps', 20) as number));
		return readMapList(body).slice(0, max).map((map) => map.mapKey);
	}
	const chosen = this.getNodeParameter('maps', []) as unknown;
	const values = Array.isArray(chosen) ? chosen : String(chosen ?? '').split(',');
	const keys = values.map((value) => {
		const key = parseMapKey(typeof value === 'string' ? value : String(value));
		if (key === undefined) {
			throw new NodeOperationError(this.getNode(), `Parameter 'Map Names or IDs': "${String(value).slice(0, 80)}" is not a map key (a GUID)`);
		}
		return key;
	});
	if (keys.length === 0) throw new NodeOperationError(this.getNode(), "Parameter 'Map Names or IDs': choose at least one map to watch");
	return [...new Set(keys.map((key) => key.toLowerCase()))];
}

/** The run as the trigger emits it, with its errors and outputs when asked for. */
async function runItem(this: IPollFunctions, run: RunSummary, options: TriggerOptions, read: ReadContext): Promise<INodeExecutionData> {
	const json: IDataObject = { event: run.errorCount > 0 ? 'runFailed' : 'runSucceeded', ...run };
	const item: INodeExecutionData = { json };
	if (options.attachErrors === true && run.errorCount > 0) {
		try {
			json.failedRows = (await readMapRunErrors.call(this, run.mapKey, run.runNumber, read)).map((row) => ({ ...row }));
		} catch (error) {
			json.failedRowsError = (error as Error).message;
		}
	}
	if (options.downloadOutputs === true) {
		try {
			const outputs = await readMapOutputs.call(this, run.mapKey, run.runNumber, read);
			json.outputs = outputs.map(outputJson);
			const binary: NonNullable<INodeExecutionData['binary']> = {};
			for (const [index, output] of outputs.entries()) binary[`output${index}`] = await downloadOutput.call(this, output, read);
			if (outputs.length > 0) item.binary = binary;
		} catch (error) {
			json.outputsError = (error as Error).message;
		}
	}
	return item;
}

function warning(kind: 'possiblyMissedRuns' | 'mapUnreadable', mapKey: string, message: string, extra: IDataObject = {}): INodeExecutionData {
	return { json: { event: 'warning', warning: kind, mapKey, message, ...extra } };
}

/** One poll. Returns null when there is nothing new (n8n then starts no execution). */
export async function pollRuns(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event', 'runFinished') as RunEvent;
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	// One memory per poll, as the node has one per run.
	const read: ReadContext = { operation: OPERATION, settings: requestSettingsFrom(options), memory: {} };
	const manual = this.getMode() === 'manual';
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const cursors = (state.cursors ??= {});
	const faults = (state.faults ??= {});
	const mapKeys = await watchedMaps.call(this, read);

	const items: INodeExecutionData[] = [];
	let newest: RunSummary | undefined;
	const unreadable: string[] = [];
	for (const mapKey of mapKeys) {
		const key = mapKey.toLowerCase();
		let history: RunSummary[];
		try {
			history = await readMapHistory.call(this, mapKey, read);
		} catch (error) {
			const message = (error as Error).message;
			unreadable.push(`${mapKey}: ${message}`);
			if (!manual && faults[key] === undefined) {
				faults[key] = message;
				items.push(warning('mapUnreadable', mapKey, `The run history of map ${mapKey} cannot be read (${message}). The map may have been deleted, or the credential's user lost access to it. The other maps are still watched; this is reported once until it can be read again.`));
			}
			continue;
		}
		if (!manual) delete faults[key];
		if (manual) {
			for (const run of history) {
				if (matches(run, event) && (!newest || run.runDate > newest.runDate || (run.runDate === newest.runDate && run.runNumber > newest.runNumber))) newest = run;
			}
			continue;
		}
		const highest = history.reduce((max, run) => Math.max(max, run.runNumber), 0);
		const cursor = cursors[key];
		if (cursor === undefined) {
			// First poll of this map: the baseline. Nothing is emitted for runs that happened before.
			cursors[key] = highest;
			continue;
		}
		const fresh = history.filter((run) => run.runNumber > cursor).sort((a, b) => a.runNumber - b.runNumber);
		if (fresh.length === 0) continue;
		cursors[key] = Math.max(cursor, highest);
		const oldest = fresh[0].runNumber;
		if (fresh.length >= HISTORY_LENGTH && fresh.length === history.length && oldest > cursor + 1) {
			// Cursor 0: the map had no run when watching began, so where its numbering starts is unknown.
			const first = cursor > 0 ? cursor + 1 : undefined;
			const last = oldest - 1;
			const which = first === undefined ? `runs before ${oldest}` : first === last ? `run ${first}` : `runs ${first}–${last}`;
			const name = fresh[0].mapId || mapKey;
			items.push(
				warning(
					'possiblyMissedRuns',
					mapKey,
					`${fresh.length} new runs of map ${name} since the last poll, as many as SmartConnect keeps (${HISTORY_LENGTH}): ${which} may have been missed. Poll more often.`,
					{ possiblyMissedFrom: first ?? null, possiblyMissedTo: last },
				),
			);
		}
		for (const run of fresh) if (matches(run, event)) items.push(await runItem.call(this, run, options, read));
	}

	if (manual) {
		if (newest) return [[await runItem.call(this, newest, options, read)]];
		const why = unreadable.length > 0 ? ` Unreadable: ${unreadable.join('; ')}` : '';
		throw new NodeOperationError(this.getNode(), "No run of the watched maps matches 'Trigger On' yet", {
			description: `SmartConnect keeps the last ${HISTORY_LENGTH} runs per map; none of them matches.${why}`,
		});
	}
	return items.length > 0 ? [items] : null;
}
