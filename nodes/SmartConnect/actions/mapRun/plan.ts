import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { XmlValueError, type Row, type Variable, type WriteOptions } from '../../xml';
import { atItem } from '../parameters';
import type { Planned, RejectedItem, RunContext, RunPlan } from './types';

/**
 * Turning input items into runs, before anything is sent. Every item is checked once; items that
 * cannot be sent are set aside with an error naming the item and field (context.ts decides
 * whether that stops the node), and each run body is written once for the items that can.
 */

function rejection(this: IExecuteFunctions, error: unknown, itemIndex: number): RejectedItem {
	return { itemIndex, error: new NodeOperationError(this.getNode(), error as Error, { itemIndex }) };
}

/** One run per input item, planned by `plan(itemIndex)`; an error sets that item aside. */
export function planPerItem(
	this: IExecuteFunctions,
	context: RunContext,
	plan: (itemIndex: number) => RunPlan,
): Planned {
	const plans: RunPlan[] = [];
	const rejected: RejectedItem[] = [];
	for (let itemIndex = 0; itemIndex < context.items.length; itemIndex++) {
		try {
			plans.push(plan(itemIndex));
		} catch (error) {
			rejected.push(rejection.call(this, error, itemIndex));
		}
	}
	return { plans, rejected };
}

interface Target {
	mapKey: string;
	variables: Variable[];
}

/**
 * The item's fields copied once into a plain object, or undefined when none of them holds a value.
 * On n8n 1.x a Code node's items are vm2 proxies (which report the host's Object.prototype, so they
 * cannot be told apart): every key list and property read crosses the sandbox bridge. Read once
 * here, the empty-row check and the XML writer then read a plain object, instead of each listing
 * the keys through the bridge again, and the output item is made from the same copy (output.ts).
 */
export function ownFields(json: IDataObject): IDataObject | undefined {
	// Spread: for a plain item V8 copies the whole object at once, with its fields in the object itself;
	// for a proxy it takes the same traps as Object.keys + get. An own `__proto__` field is copied as
	// data. Not Object.assign: in real n8n 2.x (section-3 profile, 10,000 items) it made this copy 3×
	// slower (the node's executeBatch 151–169 sampled ms against 50), although a bare process says the opposite.
	const row: IDataObject = { ...json };
	for (const key in row) {
		const value = row[key];
		if (value !== null && value !== undefined && Object.prototype.hasOwnProperty.call(row, key)) return row;
	}
	return undefined;
}

function withValue(row: IDataObject): IDataObject | undefined {
	return Object.keys(row).some((key) => row[key] !== null && row[key] !== undefined) ? row : undefined;
}

/**
 * Each item's map key and variables, by item index. Kept apart from the rows, so that planning
 * 100,000 items makes no object per item beyond the row itself (the values are shared when the
 * parameters do not differ per item).
 */
interface Targets {
	mapKeys: string[];
	variables: Variable[][];
}

/** The row of one item of a data run, its map key and variables stored in `targets`; throws what is wrong with it. */
function readItem(
	this: IExecuteFunctions,
	context: RunContext,
	itemIndex: number,
	definedBelow: boolean,
	first: (Target & { text: string }) | undefined,
	targets: Targets,
): Row {
	const mapKey = context.mapKey(itemIndex);
	const variables = context.variables(itemIndex);
	if (first && context.batching === 'allItems') {
		if (mapKey !== first.mapKey) {
			throw new NodeOperationError(
				this.getNode(),
				atItem("Parameter 'Map' gives a different map than the items before it, so they cannot be one data table", itemIndex),
				{ itemIndex, description: "Set Batching to 'Run Once per Item' to run a different map per item" },
			);
		}
		if (context.perItemVariables && JSON.stringify(variables) !== first.text) {
			throw new NodeOperationError(
				this.getNode(),
				atItem("Parameter 'Global Variables' differs from the items before it, so they cannot be one run", itemIndex),
				{ itemIndex, description: "Set Batching to 'Run Once per Item' to send different variables per item" },
			);
		}
	}
	const item = context.items[itemIndex];
	const row = definedBelow
		? withValue((this.getNodeParameter('columns.value', itemIndex, {}, { skipValidation: true }) as IDataObject | null) ?? {})
		: ownFields(item.json);
	if (row === undefined) {
		const binaryOnly = item.binary !== undefined && Object.keys(item.binary).length > 0;
		throw new NodeOperationError(
			this.getNode(),
			atItem(`The item has no fields to send as a row${binaryOnly ? ' (it only holds binary data)' : ''}`, itemIndex),
			{
				itemIndex,
				description: binaryOnly
					? 'SmartConnect data tables take fields, not files: extract the file into fields first'
					: definedBelow
						? "Parameter 'Columns': map at least one column for every item"
						: 'Every item needs at least one field with a value',
			},
		);
	}
	targets.mapKeys[itemIndex] = mapKey;
	targets.variables[itemIndex] = variables;
	return row as Row;
}

/** Groups the accepted items into runs: one per item, or batches of `rowsPerRun` (0 = one run). */
export function groupRuns(accepted: number[], batching: RunContext['batching'], rowsPerRun: number): number[][] {
	if (batching === 'perItem') return accepted.map((item) => [item]);
	const size = rowsPerRun > 0 ? rowsPerRun : accepted.length;
	const groups: number[][] = [];
	for (let start = 0; start < accepted.length; start += size) groups.push(accepted.slice(start, start + size));
	return groups;
}

/** Rows tried at a time once a run has a value XML cannot carry: each row is written at most once while looking. */
const PROBE_ROWS = 256;

/** The item a value XML cannot carry belongs to, with a message naming the item and the field. */
function valueRejection(this: IExecuteFunctions, error: XmlValueError, itemIndex: number): RejectedItem {
	const message = atItem(`Field "${error.column}": ${error.message.replace(/^Row \d+, column "[^"]*": /, '')}`, itemIndex);
	const description =
		error.reason === 'nested'
			? "Set Options › Objects and Arrays to 'Send as JSON Text', or map the field to text"
			: error.reason === 'invalidChar'
				? "Set Options › Characters XML Cannot Carry to 'Remove Them', or clean the value"
				: undefined;
	return { itemIndex, error: new NodeOperationError(this.getNode(), message, { itemIndex, description }) };
}

/**
 * Writes the body of one run. The first try writes every row; when a value cannot be written,
 * that item is set aside and the rest is checked in windows of PROBE_ROWS rows from the row after
 * it, so every row is written at most once while looking and the body once more at the end: the
 * cost grows with the number of rows, not with rows × bad items.
 */
function writeRun(
	this: IExecuteFunctions,
	group: number[],
	rows: Row[],
	write: (rows: Row[]) => string | Buffer,
	rejected: RejectedItem[],
): { items: number[]; rows: Row[]; body: string | Buffer } | undefined {
	const groupRows = group.map((item) => rows[item]);
	let start = 0;
	let end = groupRows.length;
	const keep: number[] = [];
	let body: string | Buffer | undefined;
	while (start < groupRows.length) {
		try {
			const written = write(start === 0 && end === groupRows.length ? groupRows : groupRows.slice(start, end));
			if (start === 0 && end === groupRows.length) body = written;
			for (let r = start; r < end; r++) keep.push(r);
			start = end;
		} catch (error) {
			if (!(error instanceof XmlValueError) || error.rowIndex < 0) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: group[start] });
			}
			const bad = start + error.rowIndex;
			for (let r = start; r < bad; r++) keep.push(r);
			rejected.push(valueRejection.call(this, error, group[bad]));
			start = bad + 1;
		}
		end = Math.min(groupRows.length, start + PROBE_ROWS);
	}
	if (keep.length === 0) return undefined;
	if (body !== undefined) return { items: group, rows: groupRows, body };
	const keptRows = keep.map((r) => groupRows[r]);
	return { items: keep.map((r) => group[r]), rows: keptRows, body: write(keptRows) };
}

/** Plans the runs of a data operation (a data table, or XML built from items). */
export function planDataRuns(
	this: IExecuteFunctions,
	context: RunContext,
	endpoint: string,
	write: (rows: Row[], options: WriteOptions, variables: Variable[]) => string | Buffer,
): Planned {
	const { items } = context;
	const definedBelow = (this.getNodeParameter('columns.mappingMode', 0, 'autoMapInputData') as string) === 'defineBelow';
	const rows: Row[] = new Array(items.length);
	const targets: Targets = { mapKeys: new Array(items.length), variables: new Array(items.length) };
	const accepted: number[] = [];
	const rejected: RejectedItem[] = [];
	let first: (Target & { text: string }) | undefined;
	for (let i = 0; i < items.length; i++) {
		try {
			rows[i] = readItem.call(this, context, i, definedBelow, first, targets);
			first ??= { mapKey: targets.mapKeys[i], variables: targets.variables[i], text: JSON.stringify(targets.variables[i]) };
			accepted.push(i);
		} catch (error) {
			rejected.push(rejection.call(this, error, i));
		}
	}
	const plans: RunPlan[] = [];
	for (const group of groupRuns(accepted, context.batching, context.rowsPerRun)) {
		const mapKey = targets.mapKeys[group[0]];
		const variables = targets.variables[group[0]];
		const built = writeRun.call(this, group, rows, (groupRows) => write(groupRows, context.write, variables), rejected);
		if (built) plans.push({ ...built, mapKey, endpoint, contentType: 'text/xml' });
	}
	rejected.sort((a, b) => a.itemIndex - b.itemIndex);
	// Mapped automatically, a row is a plain copy of its item's fields: the output item is made from it.
	return definedBelow ? { plans, rejected } : { plans, rejected, fields: rows as IDataObject[] };
}
