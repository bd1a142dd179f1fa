import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { parseXml, writeRunMapXmlBody, writeRunMapXmlBodyFromRows } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { atItem } from '../parameters';
import { hintFieldsNotColumns } from './columns';
import { readRunContext } from './context';
import { batchingProperties, columnsMapper, rowsPerRunOption, runOutputOptions, valueOptions } from './descriptions';
import { isOnPrem, onPremXmlBody, onPremXmlFromRows } from './onPrem';
import { runMaps } from './output';
import { planDataRuns, planPerItem } from './plan';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Run With XML',
	description: 'Run a map with an XML DataSet document (runmapxml)',
	action: 'Run a map with an XML document',
};

const fromItems = { show: { xmlSource: ['items'] } };

export const properties: INodeProperties[] = [
	mapLocator,
	{
		displayName: 'XML Source',
		name: 'xmlSource',
		type: 'options',
		options: [
			{ name: 'Build From Input Items', value: 'items', description: 'Each item becomes a row of a DataSet document' },
			{ name: 'XML Document From a Field', value: 'field', description: 'A DataSet document given in a field or expression, one run per item' },
		],
		default: 'items',
	},
	{
		displayName: 'XML Document',
		name: 'xml',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: 'e.g. <DataSet><Table><accountnumber>C00070</accountnumber></Table></DataSet>',
		description: 'The DataSet document for the map. It is checked to be well-formed before anything is sent.',
		displayOptions: { show: { xmlSource: ['field'] } },
	},
	{ ...columnsMapper, displayOptions: fromItems },
	...batchingProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, xmlSource: ['items'] } },
	})),
	optionsCollection([
		{
			displayName: 'Root Element',
			name: 'rootElement',
			type: 'string',
			default: 'DataSet',
			description: 'Name of the document element when building from items',
		},
		{
			displayName: 'Row Element',
			name: 'rowElement',
			type: 'string',
			default: 'Table',
			description: 'Name of each row element when building from items',
		},
		{ ...rowsPerRunOption, displayOptions: { show: { '/batching': ['allItems'], '/xmlSource': ['items'] } } },
		...variableProperties,
		...runOutputOptions,
		...valueOptions.map((option) => ({ ...option, displayOptions: { show: { '/xmlSource': ['items'] } } })),
	]),
];

/** runmapxml: a DataSet document, escaped inside `<RequestData><Xml>`, with optional variables. */
export async function executeBatch(this: IExecuteFunctions, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const context = readRunContext.call(this, 'Map Run › Run With XML', 'options', memory);
	const source = this.getNodeParameter('xmlSource', 0, 'items') as string;
	const onPrem = isOnPrem(this);
	if (source === 'field') {
		const planned = planPerItem.call(this, context, (itemIndex) => {
			const xml = this.getNodeParameter('xml', itemIndex, '') as unknown;
			if (typeof xml !== 'string' || xml.trim() === '') {
				throw new NodeOperationError(this.getNode(), atItem("Parameter 'XML Document' is empty", itemIndex), { itemIndex });
			}
			try {
				parseXml(xml);
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					atItem(`Parameter 'XML Document' is not well-formed XML: ${(error as Error).message}`, itemIndex),
					{ itemIndex, description: 'Nothing was sent for this item.' },
				);
			}
			return {
				items: [itemIndex],
				mapKey: context.mapKey(itemIndex),
				endpoint: 'runmapxml',
				body: (onPrem ? onPremXmlBody : writeRunMapXmlBody)(xml.trim(), context.variables(itemIndex)),
				contentType: 'text/xml',
			};
		});
		return await runMaps.call(this, context, planned);
	}
	const options = this.getNodeParameter('options', 0, {}) as { rootElement?: string; rowElement?: string };
	const planned = planDataRuns.call(
		this,
		context,
		'runmapxml',
		onPrem
			? onPremXmlFromRows(options.rootElement || 'DataSet', options.rowElement || 'Table')
			: // One pass: the DataSet is written already escaped inside <Xml>.
				(rows, write, variables) =>
					writeRunMapXmlBodyFromRows(rows, {
						...write,
						rootElement: options.rootElement || 'DataSet',
						rowElement: options.rowElement || 'Table',
						variables,
					}),
	);
	await hintFieldsNotColumns.call(this, context, planned);
	return await runMaps.call(this, context, planned);
}
