import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { variablesJson } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { readRunContext } from './context';
import { batchingProperties, columnsMapper, runOutputOptions, valueOptions } from './descriptions';
import { onPremDataTableBody } from './onPrem';
import { runMaps } from './output';
import { planDataRuns, planPerItem } from './plan';
import type { ExecutionMemory } from '../node.type';

/**
 * Get Map XML (on-premise only): runs a map whose destination writes XML and returns its output
 * documents (`OutputXml`), from the input items as a data table (`getmapxml/datatable/{mapId}`) or
 * with global variables (`getmapxml/var/{mapId}`).
 */

export const option = {
	name: 'Run and Get XML Output',
	description: 'Run a map with an XML destination and return the documents it wrote (getmapxml)',
	action: 'Run a map and get its XML output',
};

const fromItems = { show: { mapXmlInput: ['dataTable'] } };

export const properties: INodeProperties[] = [
	mapLocator,
	{
		displayName: 'Input',
		name: 'mapXmlInput',
		type: 'options',
		options: [
			{ name: 'Data Table From Input Items', value: 'dataTable', description: "The input items are the map's data table" },
			{ name: 'Global Variables', value: 'variables', description: 'The map reads its own data source with these variables, one run per item' },
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
	optionsCollection([...runOutputOptions, ...valueOptions]),
];

export async function executeBatch(this: IExecuteFunctions, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const input = this.getNodeParameter('mapXmlInput', 0, 'dataTable') as string;
	if (input === 'variables') {
		const context = readRunContext.call(this, 'Map Run › Get Map XML', 'top', memory);
		const planned = planPerItem.call(this, context, (itemIndex) => ({
			items: [itemIndex],
			mapKey: context.mapKey(itemIndex),
			endpoint: 'GetMapXmlWithVariables',
			body: variablesJson(context.variables(itemIndex)),
			contentType: 'application/json',
		}));
		return await runMaps.call(this, context, planned);
	}
	const context = readRunContext.call(this, 'Map Run › Get Map XML', 'none', memory);
	const planned = planDataRuns.call(this, context, 'GetMapXmlDataTable', onPremDataTableBody('getmapxml/datatable'));
	return await runMaps.call(this, context, planned);
}
