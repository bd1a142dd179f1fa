import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection, variableProperties } from '../common.descriptions';
import { readRunContext } from '../mapRun/context';
import { runOutputOptions } from '../mapRun/descriptions';
import { runMaps } from '../mapRun/output';
import { planPerItem } from '../mapRun/plan';
import type { ExecutionMemory } from '../node.type';

/**
 * Integration › Run (REST API): `POST v1/run-integration/{id}?returnErrors=true` with
 * `{"Variables":[{"Name","Value"}]}`, once per input item; the answer is read into the same run
 * result as the other services' runs.
 */

export const option = {
	name: 'Run',
	description: 'Run an integration with global variables (v1/run-integration)',
	action: 'Run an integration',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Integration ID',
		name: 'map',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. CUSTOMER_IMPORT',
		description: 'The ID of the integration (map) to run',
	},
	...variableProperties,
	optionsCollection(runOutputOptions),
];

export async function executeBatch(this: IExecuteFunctions, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const context = readRunContext.call(this, 'Integration › Run', 'top', memory);
	const planned = planPerItem.call(this, context, (itemIndex) => ({
		items: [itemIndex],
		mapKey: context.mapKey(itemIndex),
		endpoint: 'RunIntegration',
		body: JSON.stringify({ Variables: context.variables(itemIndex).map((v) => ({ Name: v.Key, Value: v.Value })) }),
		contentType: 'application/json',
	}));
	return await runMaps.call(this, context, planned);
}
