import { type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readMapHistory } from '../history';
import { mapLocator, optionsCollection } from '../common.descriptions';
import { getMapKey, readContext } from '../parameters';
import type { ExecutionMemory } from '../node.type';

export const properties: INodeProperties[] = [
	mapLocator,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Failed Runs Only',
				name: 'failedOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only runs with at least one error',
			},
		],
	},
	optionsCollection(),
];

export const option = {
	name: 'Get Many',
	description: "List a map's last runs (SmartConnect keeps the last 10), newest first",
	action: 'Get many map runs',
};

/** One item per kept run of the map. */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { failedOnly?: boolean };
	let runs = await readMapHistory.call(this, mapKey, readContext.call(this, 'Map Run › Get Many', itemIndex, memory));
	if (filters.failedOnly === true) runs = runs.filter((run) => run.errorCount > 0);
	return runs.map((run) => ({ json: { ...run }, pairedItem: { item: itemIndex } }));
}
