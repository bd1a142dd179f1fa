import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { writeRunMapDataTableBody } from '../../xml';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import { hintFieldsNotColumns } from './columns';
import { readRunContext } from './context';
import { batchingProperties, columnsMapper, rowsPerRunOption, runOutputOptions, valueOptions } from './descriptions';
import { isOnPrem, onPremDataTableBody } from './onPrem';
import { runMaps } from './output';
import { planDataRuns } from './plan';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Run With Data Table',
	description: 'Run a map with the input items as its data table (runmapdatatable)',
	action: 'Run a map with a data table',
};

export const properties: INodeProperties[] = [
	mapLocator,
	columnsMapper,
	...batchingProperties,
	optionsCollection([
		{
			displayName: 'Return Validation Errors',
			name: 'returnValidationErrors',
			type: 'boolean',
			default: true,
			description:
				'Whether to get the rows SmartConnect rejected, each with its error, instead of only counts (RunMapDataTableWithErrors)',
		},
		rowsPerRunOption,
		...variableProperties,
		...runOutputOptions,
		...valueOptions,
	]),
];

/** runmapdatatable / RunMapDataTableWithErrors: the input items as the map's data table. */
export async function executeBatch(this: IExecuteFunctions, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const context = readRunContext.call(this, 'Map Run › Run With Data Table', 'options', memory);
	const options = this.getNodeParameter('options', 0, {}) as { returnValidationErrors?: boolean };
	const withErrors = options.returnValidationErrors !== false;
	// On-premise there is one data-table run; its answer carries the failed rows (Errors) anyway.
	const onPrem = isOnPrem(this);
	const planned = planDataRuns.call(
		this,
		context,
		withErrors && !onPrem ? 'RunMapDataTableWithErrors' : 'runmapdatatable',
		onPrem
			? onPremDataTableBody('runmapdatatable')
			: (rows, write, variables) => writeRunMapDataTableBody(rows, { ...write, variables }),
	);
	await hintFieldsNotColumns.call(this, context, planned);
	return await runMaps.call(this, context, planned);
}
