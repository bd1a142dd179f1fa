import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { smartConnectRequest } from '../../transport';
import { optionsCollection, requestSettings } from '../common.descriptions';

const properties: INodeProperties[] = [optionsCollection()];

export const description = updateDisplayOptions({ show: { resource: ['token'], operation: ['validate'] } }, properties);

/** Asks SmartConnect whether the credential's stored token is still valid (logging in first if there is none). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const valid = await smartConnectRequest.call(
		this,
		{ endpoint: 'validate', operation: 'Token › Validate', kind: 'read', itemIndex },
		requestSettings.call(this, itemIndex),
	);
	return [{ json: { valid: valid === true }, pairedItem: { item: itemIndex } }];
}
