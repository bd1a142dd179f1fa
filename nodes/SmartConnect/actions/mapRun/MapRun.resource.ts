import type { INodeProperties } from 'n8n-workflow';

import * as getErrors from './getErrors.operation';
import * as getMany from './getHistory.operation';
import * as getOutputs from './getOutputs.operation';
import * as run from './run.operation';
import * as runWithDataTable from './runWithDataTable.operation';
import * as runWithVariables from './runWithVariables.operation';
import * as runWithXml from './runWithXml.operation';

export { getErrors, getMany, getOutputs, run, runWithDataTable, runWithVariables, runWithXml };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mapRun'] } },
		options: [
			{
				name: 'Get Errors',
				value: 'getErrors',
				description: 'Get the failed rows of a run, each with its source columns and error (at most the first 1,000)',
				action: 'Get the errors of a map run',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List a map's last runs (SmartConnect keeps the last 10), newest first",
				action: 'Get many map runs',
			},
			{
				name: 'Get Outputs',
				value: 'getOutputs',
				description: 'List the files a run produced, and optionally download them',
				action: 'Get the outputs of a map run',
			},
			{
				name: 'Run',
				value: 'run',
				description: 'Run a map on its own data source now (runmap)',
				action: 'Run a map',
			},
			{
				name: 'Run With Data Table',
				value: 'runWithDataTable',
				description: 'Run a map with the input items as its data table (runmapdatatable)',
				action: 'Run a map with a data table',
			},
			{
				name: 'Run With Variables',
				value: 'runWithVariables',
				description: 'Run a map with global variables (RunMapWithVariables)',
				action: 'Run a map with global variables',
			},
			{
				name: 'Run With XML',
				value: 'runWithXml',
				description: 'Run a map with an XML DataSet document (runmapxml)',
				action: 'Run a map with an XML document',
			},
		],
		default: 'runWithDataTable',
	},
	...getErrors.description,
	...getMany.description,
	...getOutputs.description,
	...run.description,
	...runWithDataTable.description,
	...runWithVariables.description,
	...runWithXml.description,
];
