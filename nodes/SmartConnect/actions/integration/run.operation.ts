import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, variableProperties } from '../common.descriptions';
import { getMapKey, getVariables } from '../parameters';
import { runPerItem } from '../mapRun/common';
import { onMapErrorsProperty, simplifyProperty } from '../mapRun/descriptions';

/**
 * Integration › Run (REST API): `POST v1/run-integration/{id}?returnErrors=true` with
 * `{"Variables":[{"Name","Value"}]}`, once per input item; the answer is read into the same run
 * result as the other services' runs.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Integration ID',
		name: 'map',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the integration (map) to run',
	},
	...variableProperties,
	onMapErrorsProperty,
	simplifyProperty,
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['integration'], operation: ['run'] } }, properties);

export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, (itemIndex) => ({
		items: [itemIndex],
		mapKey: getMapKey.call(this, itemIndex),
		endpoint: 'RunIntegration',
		operation: 'Integration › Run',
		body: JSON.stringify({ Variables: getVariables.call(this, itemIndex).map((v) => ({ Name: v.Key, Value: v.Value })) }),
		contentType: 'application/json',
	}));
}
