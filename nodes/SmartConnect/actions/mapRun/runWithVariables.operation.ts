import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { variablesJson } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { getMapKey, getVariables } from '../parameters';
import { runPerItem } from './common';
import { onMapErrorsProperty, simplifyProperty } from './descriptions';

const properties: INodeProperties[] = [
	mapLocator,
	...variableProperties,
	onMapErrorsProperty,
	simplifyProperty,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['mapRun'], operation: ['runWithVariables'] } },
	properties,
);

/** RunMapWithVariables: runs the map with global variables (JSON `[{"Key","Value"}]`), once per item. */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, (itemIndex) => ({
		items: [itemIndex],
		mapKey: getMapKey.call(this, itemIndex),
		endpoint: 'RunMapWithVariables',
		operation: 'Map Run › Run With Variables',
		body: variablesJson(getVariables.call(this, itemIndex)),
		contentType: 'application/json',
	}));
}
