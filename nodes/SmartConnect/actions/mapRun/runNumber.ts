import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { atItem } from '../parameters';

/** The Run Number parameter of the read operations on one run. */
export const runNumberProperty: INodeProperties = {
	displayName: 'Run Number',
	name: 'runNumber',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 1,
	required: true,
	description: 'The run number, as a map run or Map Run › Get Many reports it',
};

/** A positive whole Run Number, or an error naming the item and the field. */
export function getRunNumber(this: IExecuteFunctions, itemIndex: number, parameter = 'runNumber'): number {
	const value = this.getNodeParameter(parameter, itemIndex) as unknown;
	const runNumber = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (!Number.isInteger(runNumber) || runNumber <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			atItem(`Parameter 'Run Number' must be a positive whole number (got "${String(value).slice(0, 40)}")`, itemIndex),
			{ itemIndex },
		);
	}
	return runNumber;
}
