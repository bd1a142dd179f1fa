import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RunOutcome } from '../../helpers/runs';
import type { ExecutionMemory, RequestSent, RequestSettings } from '../../transport';
import type { Row, Variable, WriteOptions } from '../../xml';

/** Every parameter of a map run, read once (see context.ts). */
export interface RunContext {
	/** "Map Run › Run With Data Table", for messages. */
	operation: string;
	items: INodeExecutionData[];
	/** Settings › On Error is Continue (regular output or error output). */
	continueOnFail: boolean;
	/** Settings › On Error is Continue (using error output): failed items leave by the error output. */
	errorOutput: boolean;
	/** Options › Output: one item per input item, or one summary per run. */
	output: 'items' | 'summary';
	/** Options › Stop on Rejected Rows: without Continue On Fail, rows SmartConnect rejected fail the node. */
	stopOnRejectedRows: boolean;
	/** Options › Input Fields to Include: undefined keeps every field of the input item. */
	inputFields: string[] | undefined;
	batching: 'allItems' | 'perItem';
	/** Options › Rows per Run (0: all rows in one run). */
	rowsPerRun: number;
	write: WriteOptions;
	settings: RequestSettings;
	/**
	 * Options › Check Run History After a Failure, for a service with a run history: the map's history
	 * is read before each run request, to settle a failure that may have reached SmartConnect.
	 */
	checkRunHistory: boolean;
	/** The memory of this run of the node (see ExecutionMemory). */
	memory: ExecutionMemory;
	/** The map key of an item (read per item only when the parameter holds an expression). */
	mapKey(itemIndex: number): string;
	/** The global variables of an item (read per item only when the parameters hold expressions). */
	variables(itemIndex: number): Variable[];
	/** Whether map key and variables may differ per item. */
	perItemMap: boolean;
	perItemVariables: boolean;
}

/** One run to send: the input items it carries and its request. */
export interface RunPlan {
	items: number[];
	mapKey: string;
	endpoint: string;
	/** A data-table body comes as its UTF-8 bytes, sent as they are. */
	body?: string | Buffer;
	contentType?: 'application/json' | 'text/xml';
	/** The data-table rows sent, in `items` order, to tell which items SmartConnect failed. */
	rows?: Row[];
}

/** An input item set aside before anything of its run was sent, and why. */
export interface RejectedItem {
	itemIndex: number;
	error: NodeOperationError;
}

/** The runs planned from the input, and the items set aside (in input order). */
export interface Planned {
	plans: RunPlan[];
	rejected: RejectedItem[];
	/**
	 * Map Automatically: each item's fields as already copied for its row (index = item index;
	 * undefined where the item gave no row). Its output item reuses them instead of reading the
	 * input item (on n8n 1.x a vm2 proxy) a second time.
	 */
	fields?: Array<IDataObject | undefined>;
}

/** What became of one planned run. */
export type RunReport =
	/** `settled`: the answer was lost and the outcome read from the map's run history (send.ts says how). */
	| { plan: RunPlan; kind: 'done'; outcome: RunOutcome; settled?: string }
	/** Sending failed: `sent` says whether it may have reached SmartConnect. */
	| { plan: RunPlan; kind: 'failed'; error: NodeApiError | NodeOperationError; sent: RequestSent; ledger: string }
	/** Not sent because an earlier run failed. */
	| { plan: RunPlan; kind: 'notSent' };

/** The `smartConnect` object of an output item: one shape for every item of every map run. */
export interface ItemStatus extends IDataObject {
	status: 'success' | 'failed' | 'not sent';
	runNumber: number | null;
	mapKey: string | null;
	/** true: SmartConnect ran it; false: not sent, safe to send again; "unknown": it may have reached SmartConnect. */
	sent: boolean | 'unknown';
}

/** An item's status with the error, when there is one, and what is known about it. */
export interface ItemResult {
	status: ItemStatus;
	error?: { message: string; description?: string };
}
