import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';
import { AUTH_STRATEGIES } from './transport/auth';

export class SmartConnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartConnect',
		name: 'smartConnect',
		icon: { light: 'file:smartConnect.svg', dark: 'file:smartConnect.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'List, read and run eOne SmartConnect.com maps',
		defaults: { name: 'SmartConnect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: AUTH_STRATEGIES.map((strategy) => ({ name: strategy.credentialType, required: true })),
		properties,
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
