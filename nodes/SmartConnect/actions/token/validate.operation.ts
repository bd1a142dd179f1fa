import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { smartConnectRequest } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { requestSettings } from '../parameters';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Validate',
	description: 'Check whether the stored SmartConnect token is still valid',
	action: 'Validate a token',
};

export const properties: INodeProperties[] = [optionsCollection()];


/** Asks SmartConnect whether the credential's stored token is still valid (logging in first if there is none). */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const valid = await smartConnectRequest.call(
		this,
		{ endpoint: 'validate', operation: 'Token › Validate', kind: 'read', itemIndex, memory },
		requestSettings.call(this, itemIndex),
	);
	return [{ json: { valid: valid === true }, pairedItem: { item: itemIndex } }];
}
