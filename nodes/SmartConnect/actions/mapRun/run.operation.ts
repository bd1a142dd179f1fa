import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mapLocator, optionsCollection } from '../common.descriptions';
import { readRunContext } from './context';
import { runOutputOptions } from './descriptions';
import { runMaps } from './output';
import { planPerItem } from './plan';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Run',
	description: 'Run a map on its own data source now (runmap)',
	action: 'Run a map',
};

export const properties: INodeProperties[] = [mapLocator, optionsCollection(runOutputOptions)];

/** runmap: runs the map on its own data source now, once per input item. */
export async function executeBatch(this: IExecuteFunctions, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const context = readRunContext.call(this, 'Map Run › Run', 'none', memory);
	const planned = planPerItem.call(this, context, (itemIndex) => ({
		items: [itemIndex],
		mapKey: context.mapKey(itemIndex),
		endpoint: 'runmap',
	}));
	return await runMaps.call(this, context, planned);
}
