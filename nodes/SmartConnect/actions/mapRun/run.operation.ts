import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapLocator, optionsCollection } from '../common.descriptions';
import { getMapKey } from '../parameters';
import { runPerItem } from './common';
import { onMapErrorsProperty, simplifyProperty } from './descriptions';

const properties: INodeProperties[] = [mapLocator, onMapErrorsProperty, simplifyProperty, optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['mapRun'], operation: ['run'] } }, properties);

/** runmap: runs the map on its own data source now, once per input item. */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, (itemIndex) => ({
		items: [itemIndex],
		mapKey: getMapKey.call(this, itemIndex),
		endpoint: 'runmap',
		operation: 'Map Run › Run',
	}));
}
