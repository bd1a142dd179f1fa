import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { operationSubtitle } from './helpers/subtitle';
import { listSearch, resourceMapping } from './methods';
import { AUTH_STRATEGIES } from './transport/auth';

export class SmartConnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartConnect',
		name: 'smartConnect',
		icon: { light: 'file:smartConnect.svg', dark: 'file:smartConnect.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'List, read and run eOne SmartConnect maps, on SmartConnect.com or your own server',
		defaults: { name: 'SmartConnect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// The first (SmartConnect.com) is hidden only when another service is chosen, so nodes saved
		// without an Authentication value keep their credential wherever n8n checks it.
		// One credential per value of Authentication, as n8n's editor expects to pick the credential
		// type; workflows saved without Authentication get its default, SmartConnect.com.
		credentials: AUTH_STRATEGIES.map((strategy) => ({
			name: strategy.credentialType,
			required: true,
			displayOptions: { show: { authentication: [strategy.credentialType] } },
		})),
		properties,
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
