import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WriteOptions } from '../../xml';
import { sendRuns, type RejectedItem, type RunOptions, type RunPlan } from './execute';

export function runOptions(this: IExecuteFunctions): RunOptions {
	return {
		onMapErrors: this.getNodeParameter('onMapErrors', 0, 'returnResult') as RunOptions['onMapErrors'],
		simplify: this.getNodeParameter('simplify', 0, true) as boolean,
	};
}

export function writeOptions(this: IExecuteFunctions): WriteOptions {
	const options = this.getNodeParameter('options', 0, {}) as { invalidCharacters?: 'error' | 'drop'; nestedValues?: 'error' | 'json' };
	return { invalidChars: options.invalidCharacters ?? 'error', nested: options.nestedValues ?? 'error' };
}

/**
 * Plans one run per input item with `plan(itemIndex)`; a NodeOperationError for an item stops
 * the execution before anything is sent, or with Continue On Fail sets that item aside.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	plan: (itemIndex: number) => RunPlan,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const plans: RunPlan[] = [];
	const rejected: RejectedItem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			plans.push(plan(itemIndex));
		} catch (error) {
			const failure = new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!this.continueOnFail()) throw failure;
			rejected.push({ itemIndex, error: failure });
		}
	}
	return await sendRuns.call(this, plans, rejected, runOptions.call(this));
}
