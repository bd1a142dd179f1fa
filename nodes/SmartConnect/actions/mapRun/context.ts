import type { IExecuteFunctions } from 'n8n-workflow';

import type { Variable } from '../../xml';
import type { ExecutionMemory } from '../node.type';
import { getMapKey, getVariables, requestSettings } from '../parameters';
import { serviceHasHistory } from './settle';
import type { RunContext } from './types';

interface RunOptionValues {
	output?: 'items' | 'summary';
	inputFields?: string;
	stopOnRejectedRows?: boolean;
	rowsPerRun?: number;
	invalidCharacters?: 'error' | 'drop';
	nestedValues?: 'error' | 'json';
	specifyVariables?: string;
	checkRunHistory?: boolean;
}

/** Whether a parameter holds an expression anywhere (then it is read per item, else once). */
function isExpression(this: IExecuteFunctions, name: string): boolean {
	const raw = this.getNodeParameter(name, 0, '', { rawExpressions: true }) as unknown;
	return JSON.stringify(raw ?? '').includes('"=');
}

/** A reader that reads once when the parameter cannot differ per item, else per item. */
function readOnceOrPerItem<T>(perItem: boolean, read: (itemIndex: number) => T): (itemIndex: number) => T {
	if (perItem) return read;
	let first: { value: T } | undefined;
	return (itemIndex) => (first ??= { value: read(itemIndex) }).value;
}

/**
 * Reads the parameters of a map run once. `variables` says where the operation keeps its global
 * variables: at the top level, inside Options, or nowhere (Run).
 */
export function readRunContext(
	this: IExecuteFunctions,
	operation: string,
	variables: 'top' | 'options' | 'none',
	memory: ExecutionMemory,
): RunContext {
	const options = this.getNodeParameter('options', 0, {}) as RunOptionValues;
	const batching = this.getNodeParameter('batching', 0, 'allItems') as RunContext['batching'];
	const scope = variables === 'options' ? 'options.' : '';
	const perItemMap = isExpression.call(this, 'map');
	const perItemVariables =
		variables !== 'none' &&
		(isExpression.call(this, `${scope}variables`) || isExpression.call(this, `${scope}variablesJson`));
	const noVariables: Variable[] = [];
	const fields = (options.inputFields ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field !== '');
	const onError = this.getNode().onError;
	return {
		operation,
		items: this.getInputData(),
		continueOnFail: this.continueOnFail(),
		errorOutput: onError === 'continueErrorOutput',
		output: options.output === 'summary' ? 'summary' : 'items',
		stopOnRejectedRows: options.stopOnRejectedRows !== false,
		inputFields: fields.length > 0 ? fields : undefined,
		batching: batching === 'perItem' ? 'perItem' : 'allItems',
		rowsPerRun: batching === 'perItem' ? 0 : Math.max(0, Math.floor(Number(options.rowsPerRun ?? 0) || 0)),
		write: { invalidChars: options.invalidCharacters ?? 'error', nested: options.nestedValues ?? 'error' },
		settings: requestSettings.call(this, 0),
		checkRunHistory: options.checkRunHistory !== false && serviceHasHistory.call(this),
		memory,
		mapKey: readOnceOrPerItem(perItemMap, (itemIndex) => getMapKey.call(this, itemIndex)),
		variables:
			variables === 'none'
				? () => noVariables
				: readOnceOrPerItem(perItemVariables, (itemIndex) => getVariables.call(this, itemIndex, memory, scope)),
		perItemMap,
		perItemVariables,
	};
}
