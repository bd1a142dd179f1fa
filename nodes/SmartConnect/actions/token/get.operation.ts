import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normalizeApiUrl } from '../../helpers/identity';
import { serviceCredentials, smartConnectRequest } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { requestSettings } from '../parameters';
import { refuseAsTool } from './toolGuard';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Get',
	description: 'Get the session token of the credential, logging in when none is stored',
	action: 'Get a token',
	// Not offered to AI agents: the token opens every map of the company.
	displayOptions: { hide: { '@tool': [true] } },
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'The token grants access to every SmartConnect map of this company until it expires (about 3 months). Treat the output like a password.',
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection(),
];

/**
 * Returns the credential's session token, logging in first if there is none or it is no longer
 * valid. It does not mint a new token per call: the stored one serves its whole life.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	refuseAsTool.call(this, itemIndex);
	const settings = requestSettings.call(this, itemIndex);
	const valid = await smartConnectRequest.call(
		this,
		{ endpoint: 'validate', operation: 'Token › Get', kind: 'read', itemIndex, memory },
		settings,
	);
	if (valid !== true) {
		await smartConnectRequest.call(
			this,
			{ endpoint: 'validate', operation: 'Token › Get', kind: 'read', itemIndex, forceLogin: true, memory },
			settings,
		);
	}
	const credentials = await serviceCredentials.call(this);
	return [
		{
			json: {
				token: credentials.sessionToken as string,
				customerId: String(credentials.customerId ?? '').trim(),
				email: String(credentials.email ?? '').trim(),
				apiUrl: normalizeApiUrl(credentials.apiUrl),
			},
			pairedItem: { item: itemIndex },
		},
	];
}
