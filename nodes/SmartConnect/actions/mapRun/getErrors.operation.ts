import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readMapRunErrors } from '../history';
import { mapLocator, optionsCollection, requestSettings } from '../common.descriptions';
import { getMapKey } from '../parameters';
import { getRunNumber, runNumberProperty } from './runNumber';

export const properties: INodeProperties[] = [mapLocator, runNumberProperty, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['mapRun'], operation: ['getErrors'] } }, properties);

/** One item per failed row: `error`, the row's columns in `row`, and what Save Errors needs. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const runNumber = getRunNumber.call(this, itemIndex);
	const rows = await readMapRunErrors.call(this, mapKey, runNumber, {
		operation: 'Map Run › Get Errors',
		itemIndex,
		settings: requestSettings.call(this, itemIndex),
	});
	return rows.map((failed) => ({
		json: { mapKey, runNumber, ...failed },
		pairedItem: { item: itemIndex },
	}));
}
