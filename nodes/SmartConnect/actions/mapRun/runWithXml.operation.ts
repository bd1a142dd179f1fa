import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { parseXml, writeRunMapXmlBody, writeRunMapXmlBodyFromRows } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { getMapKey, getVariables } from '../parameters';
import { runOptions, runPerItem, writeOptions } from './common';
import { batchingProperties, columnsMapper, onMapErrorsProperty, simplifyProperty, valueOptions } from './descriptions';
import { sendRuns } from './execute';
import { isOnPrem, onPremXmlBody, onPremXmlFromRows } from './onPrem';
import { planDataRuns } from './plan';

const fromItems = { show: { xmlSource: ['items'] } };

const properties: INodeProperties[] = [
	mapLocator,
	{
		displayName: 'XML Source',
		name: 'xmlSource',
		type: 'options',
		options: [
			{ name: 'Build From Input Items', value: 'items', description: 'Each item becomes a row of a DataSet document' },
			{ name: 'XML', value: 'field', description: 'A DataSet document given in a field or expression, one run per item' },
		],
		default: 'items',
	},
	{
		displayName: 'XML',
		name: 'xml',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: '<DataSet><Table><accountnumber>C00070</accountnumber></Table></DataSet>',
		description: 'The DataSet document for the map. It is checked to be well-formed before anything is sent.',
		displayOptions: { show: { xmlSource: ['field'] } },
	},
	{ ...columnsMapper, displayOptions: fromItems },
	...batchingProperties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, xmlSource: ['items'] } },
	})),
	onMapErrorsProperty,
	simplifyProperty,
	...variableProperties,
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
		...valueOptions,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['mapRun'], operation: ['runWithXml'] } }, properties);

/** runmapxml: a DataSet document, escaped inside `<RequestData><Xml>`, with optional variables. */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('xmlSource', 0, 'items') as string;
	const onPrem = isOnPrem(this);
	if (source === 'field') {
		return await runPerItem.call(this, (itemIndex) => {
			const xml = this.getNodeParameter('xml', itemIndex, '') as unknown;
			if (typeof xml !== 'string' || xml.trim() === '') {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: parameter 'XML' is empty`, { itemIndex });
			}
			try {
				parseXml(xml);
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${itemIndex}: parameter 'XML' is not well-formed XML: ${(error as Error).message}`,
					{ itemIndex, description: 'Nothing was sent for this item.' },
				);
			}
			return {
				items: [itemIndex],
				mapKey: getMapKey.call(this, itemIndex),
				endpoint: 'runmapxml',
				operation: 'Map Run › Run With XML',
				body: (onPrem ? onPremXmlBody : writeRunMapXmlBody)(xml.trim(), getVariables.call(this, itemIndex)),
				contentType: 'text/xml',
			};
		});
	}
	const options = this.getNodeParameter('options', 0, {}) as { rootElement?: string; rowElement?: string };
	const { plans, rejected } = planDataRuns.call(
		this,
		this.getInputData(),
		'runmapxml',
		'Map Run › Run With XML',
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
		writeOptions.call(this),
	);
	return await sendRuns.call(this, plans, rejected, runOptions.call(this));
}
