import { type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readMapRunErrors } from '../history';
import { mapLocator, optionsCollection } from '../common.descriptions';
import { getMapKey, readContext } from '../parameters';
import { getRunNumber, runNumberProperty } from './runNumber';
import type { ExecutionMemory } from '../node.type';

export const properties: INodeProperties[] = [mapLocator, runNumberProperty, optionsCollection()];

export const option = {
	name: 'Get Errors',
	description: 'Get the failed rows of a run, each with its source columns and error (at most the first 1,000)',
	action: 'Get errors of a map run',
};

/** One item per failed row: `error`, the row's columns in `row`, and what Save Errors needs. */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const runNumber = getRunNumber.call(this, itemIndex);
	const rows = await readMapRunErrors.call(this, mapKey, runNumber, readContext.call(this, 'Map Run › Get Errors', itemIndex, memory));
	return rows.map((failed) => ({
		json: { mapKey, runNumber, ...failed },
		pairedItem: { item: itemIndex },
	}));
}
