import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { writeRunMapDataTableBody } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { runOptions, writeOptions } from './common';
import { batchingProperties, columnsMapper, onMapErrorsProperty, simplifyProperty, valueOptions } from './descriptions';
import { sendRuns } from './execute';
import { isOnPrem, onPremDataTableBody } from './onPrem';
import { planDataRuns } from './plan';

const properties: INodeProperties[] = [
	mapLocator,
	columnsMapper,
	...batchingProperties,
	onMapErrorsProperty,
	simplifyProperty,
	...variableProperties,
	optionsCollection([
		{
			displayName: 'Return Validation Errors',
			name: 'returnValidationErrors',
			type: 'boolean',
			default: true,
			description:
				"Whether to ask SmartConnect for the failed rows (RunMapDataTableWithErrors) instead of only counts (runmapdatatable)",
		},
		...valueOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['mapRun'], operation: ['runWithDataTable'] } },
	properties,
);

/** runmapdatatable / RunMapDataTableWithErrors: the input items as the map's data table. */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as { returnValidationErrors?: boolean };
	const withErrors = options.returnValidationErrors !== false;
	// On-premise there is one data-table run; its answer carries the failed rows (Errors) anyway.
	const onPrem = isOnPrem(this);
	const { plans, rejected } = planDataRuns.call(
		this,
		this.getInputData(),
		withErrors && !onPrem ? 'RunMapDataTableWithErrors' : 'runmapdatatable',
		'Map Run › Run With Data Table',
		onPrem
			? onPremDataTableBody('runmapdatatable')
			: (rows, write, variables) => writeRunMapDataTableBody(rows, { ...write, variables }),
		writeOptions.call(this),
	);
	return await sendRuns.call(this, plans, rejected, runOptions.call(this));
}
