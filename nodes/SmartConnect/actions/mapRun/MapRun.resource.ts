import type { INodeProperties } from 'n8n-workflow';

import * as run from './run.operation';
import * as runWithDataTable from './runWithDataTable.operation';
import * as runWithVariables from './runWithVariables.operation';
import * as runWithXml from './runWithXml.operation';

export { run, runWithDataTable, runWithVariables, runWithXml };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mapRun'] } },
		options: [
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
	...run.description,
	...runWithDataTable.description,
	...runWithVariables.description,
	...runWithXml.description,
];
