import {
	NodeApiError,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	readHistory,
	readOutputs,
	readRunErrors,
	redactUri,
	type FailedRow,
	type RunOutput,
	type RunSummary,
} from '../helpers/history';
import { DEFAULT_REQUEST_SETTINGS, smartConnectRequest, type ExecutionMemory, type RequestSettings } from '../transport';
import { rawRead } from '../transport/raw';

/**
 * The reads of what SmartConnect did (run history, a run's errors and outputs, the catalog), shared by
 * the SmartConnect node's operations and the SmartConnect Trigger. All are GET reads: retried as
 * reads are, the token renewed once when refused.
 */

type Context = IExecuteFunctions | IPollFunctions;

export interface ReadContext {
	operation: string;
	itemIndex?: number;
	settings?: RequestSettings;
	/** The memory of this run of the node or poll of the trigger (see ExecutionMemory). */
	memory: ExecutionMemory;
}

/** One GET read of a SmartConnect endpoint, decoded. */
export async function getRead(this: Context, endpoint: string, qs: IDataObject, read: ReadContext): Promise<unknown> {
	return await smartConnectRequest.call(
		this,
		{ endpoint, operation: read.operation, kind: 'read', qs, itemIndex: read.itemIndex, memory: read.memory },
		read.settings ?? DEFAULT_REQUEST_SETTINGS,
	);
}

/** The map's last runs (SmartConnect keeps 10), newest first. */
export async function readMapHistory(this: Context, mapKey: string, read: ReadContext): Promise<RunSummary[]> {
	return readHistory(await getRead.call(this, 'GetHistoryForProcess', { processId: mapKey }, read), mapKey);
}

/** The failed rows of one run (SmartConnect returns at most the top 1,000). */
export async function readMapRunErrors(this: Context, mapKey: string, runNumber: number, read: ReadContext): Promise<FailedRow[]> {
	return readRunErrors(await getRead.call(this, 'GetErrorsForProcessRun', { processId: mapKey, runNumber }, read));
}

export type DownloadableOutput = RunOutput & { downloadUri: string };

/** The output files of one run, or of every kept run when `runNumber` is undefined. */
export async function readMapOutputs(
	this: Context,
	mapKey: string,
	runNumber: number | undefined,
	read: ReadContext,
): Promise<DownloadableOutput[]> {
	const qs: IDataObject = runNumber === undefined ? { processId: mapKey } : { processId: mapKey, runNumber };
	return readOutputs(await getRead.call(this, 'GetOutputsForProcess', qs, read), mapKey);
}

/** What an output item shows: everything but the token-bearing link. */
export function outputJson(output: DownloadableOutput): IDataObject {
	return {
		outputId: output.outputId,
		mapKey: output.mapKey,
		runNumber: output.runNumber,
		created: output.created,
		description: output.description,
		fileName: output.fileName,
		outputUri: output.outputUri,
	};
}

function mimeTypeOf(header: unknown): string | undefined {
	const type = Array.isArray(header) ? header[0] : header;
	if (typeof type === 'string' && type.trim() !== '' && !/octet-stream/i.test(type)) return type.split(';')[0].trim();
	return undefined;
}

/**
 * Downloads an output file through its link. The token in the link is dropped and the credential's
 * current one added instead (so a token renewed since the listing still works); the link never
 * reaches an error message with its token.
 */
export async function downloadOutput(this: Context, output: DownloadableOutput, read: ReadContext): Promise<IBinaryData> {
	const settings = read.settings ?? DEFAULT_REQUEST_SETTINGS;
	const shown = redactUri(output.downloadUri);
	const fail = (message: string, description: string, httpCode?: number) =>
		new NodeApiError(this.getNode(), { message, description } as JsonObject, {
			message,
			description: `${description} (${shown}, operation ${read.operation})`,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex: read.itemIndex,
		});
	let url: URL;
	try {
		url = new URL(output.downloadUri);
	} catch {
		throw fail(`SmartConnect gave output "${output.fileName}" a link that is not a URL`, 'The output cannot be downloaded');
	}
	url.searchParams.delete('token');
	const response = await rawRead.call(
		this,
		{ method: 'GET', url: url.toString(), encoding: 'arraybuffer', timeout: settings.timeoutMs },
		settings,
		true,
		(code, attempts) => fail(`SmartConnect did not send output "${output.fileName}"`, `Network error ${code} after ${attempts} attempt(s)`),
	);
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw fail(`SmartConnect did not send output "${output.fileName}" (HTTP ${response.statusCode})`, 'The file may have been removed from SmartConnect, or its link may have expired', response.statusCode);
	}
	const body = response.body;
	const data = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(String(body ?? ''), 'utf8');
	return await this.helpers.prepareBinaryData(data, output.fileName, mimeTypeOf(response.headers['content-type']));
}
