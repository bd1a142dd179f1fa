import {
	NodeApiError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { readDataTable, variablesJson } from '../../xml';
import { smartConnectRequest } from '../../transport';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { getMapKey, getVariables, requestSettings } from '../parameters';

export const option = {
	name: 'Get All',
	description: "Read the current rows of a map's data source, one item per row",
	action: 'Get all source data of a map',
};

export const properties: INodeProperties[] = [
	mapLocator,
	...variableProperties,
	optionsCollection([
		{
			displayName: 'Output Raw XML',
			name: 'rawXml',
			type: 'boolean',
			default: false,
			description: 'Whether to return the dataset XML as SmartConnect sent it, in one item, instead of one item per row',
		},
	]),
];

/**
 * GetAllData: the current rows of the map's data source. With global variables,
 * GetAllDataWithVariables with the variables as the body; the source query must reference them.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const variables = getVariables.call(this, itemIndex);
	const body = await smartConnectRequest.call(
		this,
		{
			// eOne's own client posts variables to GetAllDataWithVariables; GetAllData takes no body.
			endpoint: variables.length > 0 ? 'GetAllDataWithVariables' : 'GetAllData',
			operation: 'Map Data › Get All',
			kind: 'read',
			itemIndex,
			qs: { mapKey },
			accept: 'xml',
			...(variables.length > 0 ? { body: variablesJson(variables), contentType: 'application/json' as const } : {}),
		},
		requestSettings.call(this, itemIndex),
	);
	const xml = typeof body === 'string' ? body : '';
	const options = this.getNodeParameter('options', itemIndex, {}) as { rawXml?: boolean };
	if (options.rawXml) return [{ json: { mapKey, xml }, pairedItem: { item: itemIndex } }];
	let rows: Array<Record<string, string | null>>;
	try {
		rows = readDataTable(xml).rows;
	} catch (error) {
		throw new NodeApiError(
			this.getNode(),
			{ message: (error as Error).message } as JsonObject,
			{
				message: 'SmartConnect GetAllData sent a dataset that could not be read',
				description: `${(error as Error).message} (operation Map Data › Get All)`,
				itemIndex,
			},
		);
	}
	return rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
}
