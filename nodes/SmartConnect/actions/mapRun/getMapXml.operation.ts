import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { variablesJson } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { getMapKey, getVariables } from '../parameters';
import { runOptions, runPerItem, writeOptions } from './common';
import { batchingProperties, columnsMapper, onMapErrorsProperty, simplifyProperty, valueOptions } from './descriptions';
import { sendRuns } from './execute';
import { onPremDataTableBody } from './onPrem';
import { planDataRuns } from './plan';

/**
 * Get Map XML (on-premise only): runs a map whose destination writes XML and returns its output
 * documents (`OutputXml`), from the input items as a data table (`getmapxml/datatable/{mapId}`) or
 * with global variables (`getmapxml/var/{mapId}`).
 */

const fromItems = { show: { mapXmlInput: ['dataTable'] } };

const properties: INodeProperties[] = [
	mapLocator,
	{
		displayName: 'Input',
		name: 'mapXmlInput',
		type: 'options',
		options: [
			{ name: 'Data Table From Input Items', value: 'dataTable', description: 'The input items are the map\'s data table (getmapxml/datatable)' },
			{ name: 'Global Variables', value: 'variables', description: 'The map reads its own data source with these variables, one run per item (getmapxml/var)' },
		],
		default: 'dataTable',
	},
	{ ...columnsMapper, displayOptions: fromItems },
	...batchingProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, mapXmlInput: ['dataTable'] } },
	})),
	...variableProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, mapXmlInput: ['variables'] } },
	})),
	onMapErrorsProperty,
	simplifyProperty,
	optionsCollection(valueOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['mapRun'], operation: ['getMapXml'] } }, properties);

export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const input = this.getNodeParameter('mapXmlInput', 0, 'dataTable') as string;
	if (input === 'variables') {
		return await runPerItem.call(this, (itemIndex) => ({
			items: [itemIndex],
			mapKey: getMapKey.call(this, itemIndex),
			endpoint: 'GetMapXmlWithVariables',
			operation: 'Map Run › Get Map XML',
			body: variablesJson(getVariables.call(this, itemIndex)),
			contentType: 'application/json',
		}));
	}
	const { plans, rejected } = planDataRuns.call(
		this,
		this.getInputData(),
		'GetMapXmlDataTable',
		'Map Run › Get Map XML',
		onPremDataTableBody('getmapxml/datatable'),
		writeOptions.call(this),
	);
	return await sendRuns.call(this, plans, rejected, runOptions.call(this));
}

