import type { INodeProperties } from 'n8n-workflow';

import * as save from './save.operation';

export { save };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['processErrors'] } },
		options: [
			{
				name: 'Save',
				value: 'save',
				description: "Save a run's process errors on the SmartConnect server for Error Processing",
				action: 'Save the process errors of a run',
			},
		],
		default: 'save',
	},
	...save.description,
];
