import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { variablesJson } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { readRunContext } from './context';
import { runOutputOptions } from './descriptions';
import { runMaps } from './output';
import { planPerItem } from './plan';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Run With Variables',
	description: 'Run a map with global variables (RunMapWithVariables)',
	action: 'Run a map with global variables',
};

export const properties: INodeProperties[] = [mapLocator, ...variableProperties, optionsCollection(runOutputOptions)];

/** RunMapWithVariables: runs the map with global variables (JSON `[{"Key","Value"}]`), once per item. */
export async function executeBatch(this: IExecuteFunctions, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const context = readRunContext.call(this, 'Map Run › Run With Variables', 'top', memory);
	const planned = planPerItem.call(this, context, (itemIndex) => ({
		items: [itemIndex],
		mapKey: context.mapKey(itemIndex),
		endpoint: 'RunMapWithVariables',
		body: variablesJson(context.variables(itemIndex)),
		contentType: 'application/json',
	}));
	return await runMaps.call(this, context, planned);
}
