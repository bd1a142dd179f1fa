import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Variable } from '../../helpers/variables';
import { XmlValueError, type Row, type WriteOptions } from '../../xml';
import { getMapKey, getVariables } from '../parameters';
import type { RejectedItem, RunPlan } from './execute';

/** Whether a parameter holds an expression anywhere (then it is read per item, else once). */
function isExpression(this: IExecuteFunctions, name: string): boolean {
	const raw = this.getNodeParameter(name, 0, '', { rawExpressions: true }) as unknown;
	return JSON.stringify(raw ?? '').includes('"=');
}

/**
 * The item's fields copied once into a plain object, and whether any of them holds a value. On
 * n8n 1.x a Code node's items are vm2 proxies (which report the host's Object.prototype, so they
 * cannot be told apart): every key list and property read crosses the sandbox bridge. Read once
 * here, the empty-row check and the XML writer then read a plain object, instead of each listing
 * the keys through the bridge again. For plain items the copy costs what the check's key list did.
 */
function ownFields(json: IDataObject): { row: IDataObject; hasValue: boolean } {
	const row: IDataObject = {};
	let hasValue = false;
	for (const key of Object.keys(json)) {
		const value = json[key];
		if (value !== null && value !== undefined) hasValue = true;
		if (key === '__proto__') Object.defineProperty(row, key, { value, enumerable: true, writable: true, configurable: true });
		else row[key] = value;
	}
	return { row, hasValue };
}

function withValue(row: IDataObject): { row: IDataObject; hasValue: boolean } {
	return { row, hasValue: Object.keys(row).some((key) => row[key] !== null && row[key] !== undefined) };
}

export interface DataInput {
	/** Row of each input item, in item order, or undefined for items set aside. */
	rows: Array<Row | undefined>;
	/** Map key and variables of each accepted item. */
	targets: Array<{ mapKey: string; variables: Variable[] } | undefined>;
	rejected: RejectedItem[];
}

function reject(
	this: IExecuteFunctions,
	rejected: RejectedItem[],
	itemIndex: number,
	message: string,
	description?: string,
): void {
	const error = new NodeOperationError(this.getNode(), message, { itemIndex, description });
	if (!this.continueOnFail()) throw error;
	rejected.push({ itemIndex, error });
}

/**
 * Reads the rows of a data run: each item's own fields ("Map Automatically") or the columns
 * mapped below, with each item's map key and variables. In one batch these must agree.
 */
export function readDataInput(this: IExecuteFunctions, items: INodeExecutionData[], batching: string): DataInput {
	const rejected: RejectedItem[] = [];
	const rows: Array<Row | undefined> = new Array(items.length);
	const targets: DataInput['targets'] = new Array(items.length);
	// Parameters without expressions are read once: reading them per item costs time on big inputs.
	const perItemMap = isExpression.call(this, 'map');
	const perItemVariables = isExpression.call(this, 'variables') || isExpression.call(this, 'variablesJson');
	const mappingMode = this.getNodeParameter('columns.mappingMode', 0, 'autoMapInputData') as string;
	let first: { mapKey: string; variables: Variable[]; text: string } | undefined;

	for (let i = 0; i < items.length; i++) {
		try {
			const mapKey = perItemMap || !first ? getMapKey.call(this, i) : first.mapKey;
			const variables = perItemVariables || !first ? getVariables.call(this, i) : first.variables;
			if (!first) {
				first = { mapKey, variables, text: JSON.stringify(variables) };
			} else if (batching === 'allItems' && mapKey !== first.mapKey) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${i}: parameter 'Map' gives a different map than the items before it, so they cannot be one data table`,
					{ itemIndex: i, description: "Set Batching to 'Run Once per Item' to run a different map per item" },
				);
			} else if (batching === 'allItems' && perItemVariables && JSON.stringify(variables) !== first.text) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${i}: parameter 'Global Variables' differs from the items before it, so they cannot be one run`,
					{ itemIndex: i, description: "Set Batching to 'Run Once per Item' to send different variables per item" },
				);
			}
			targets[i] = { mapKey, variables };
		} catch (error) {
			const failure = new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (!this.continueOnFail()) throw failure;
			rejected.push({ itemIndex: i, error: failure });
			continue;
		}
		const { row, hasValue } =
			mappingMode === 'defineBelow'
				? withValue((this.getNodeParameter('columns.value', i, {}, { skipValidation: true }) as IDataObject | null) ?? {})
				: ownFields(items[i].json);
		if (!hasValue) {
			const binaryOnly = items[i].binary !== undefined && Object.keys(items[i].binary ?? {}).length > 0;
			reject.call(
				this,
				rejected,
				i,
				`Item ${i} has no fields to send as a row${binaryOnly ? ' (it only holds binary data)' : ''}`,
				binaryOnly
					? 'SmartConnect data tables take fields, not files: extract the file into fields first'
					: mappingMode === 'defineBelow'
						? "Parameter 'Columns': map at least one column for every item"
						: 'Every item needs at least one field with a value',
			);
			targets[i] = undefined;
			continue;
		}
		rows[i] = row as Row;
	}
	return { rows, targets, rejected };
}

/** Groups the accepted items into runs: one per item, or batches of `rowsPerRun` (0 = one run). */
export function groupRuns(accepted: number[], batching: string, rowsPerRun: number): number[][] {
	if (batching === 'perItem') return accepted.map((item) => [item]);
	const size = rowsPerRun > 0 ? Math.floor(rowsPerRun) : accepted.length;
	const groups: number[][] = [];
	for (let start = 0; start < accepted.length; start += size) groups.push(accepted.slice(start, start + size));
	return groups;
}

/**
 * Builds the body of one run. A value XML cannot carry stops with an error naming the item and
 * column; with Continue On Fail that item is set aside and the run is built without it.
 */
export function buildRunBody(
	this: IExecuteFunctions,
	group: number[],
	rows: Array<Row | undefined>,
	rejected: RejectedItem[],
	write: (rows: Row[], options: WriteOptions) => string | Buffer,
	options: WriteOptions,
): { items: number[]; rows: Row[]; body: string | Buffer } | undefined {
	let items = group;
	for (;;) {
		const groupRows = items.map((item) => rows[item] as Row);
		try {
			return { items, rows: groupRows, body: write(groupRows, options) };
		} catch (error) {
			if (!(error instanceof XmlValueError) || error.rowIndex < 0) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: items[0] });
			}
			const itemIndex = items[error.rowIndex];
			const message = `Item ${itemIndex}, field "${error.column}": ${error.message.replace(/^Row \d+, column "[^"]*": /, '')}`;
			const failure = new NodeOperationError(this.getNode(), message, {
				itemIndex,
				description:
					error.reason === 'nested'
						? "Set Options › Objects and Arrays to 'Send as JSON Text', or map the field to text"
						: error.reason === 'invalidChar'
							? "Set Options › Characters XML Cannot Carry to 'Remove Them', or clean the value"
							: undefined,
			});
			if (!this.continueOnFail()) throw failure;
			rejected.push({ itemIndex, error: failure });
			items = items.filter((item) => item !== itemIndex);
			if (items.length === 0) return undefined;
		}
	}
}

/** Plans the runs of a data operation (data table, or XML built from items). */
export function planDataRuns(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	endpoint: string,
	operation: string,
	write: (rows: Row[], options: WriteOptions, variables: Variable[]) => string | Buffer,
	options: WriteOptions,
): { plans: RunPlan[]; rejected: RejectedItem[] } {
	const batching = this.getNodeParameter('batching', 0, 'allItems') as string;
	const rowsPerRun = batching === 'allItems' ? (this.getNodeParameter('rowsPerRun', 0, 0) as number) : 0;
	const input = readDataInput.call(this, items, batching);
	const accepted: number[] = [];
	for (let i = 0; i < items.length; i++) if (input.rows[i] !== undefined) accepted.push(i);
	const plans: RunPlan[] = [];
	for (const group of groupRuns(accepted, batching, rowsPerRun)) {
		const { mapKey, variables } = input.targets[group[0]] as { mapKey: string; variables: Variable[] };
		const built = buildRunBody.call(
			this,
			group,
			input.rows,
			input.rejected,
			(rows, writeOptions) => write(rows, writeOptions, variables),
			options,
		);
		if (built) plans.push({ ...built, mapKey, endpoint, operation, contentType: 'text/xml' });
	}
	input.rejected.sort((a, b) => a.itemIndex - b.itemIndex);
	return { plans, rejected: input.rejected };
}
