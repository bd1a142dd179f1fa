import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { smartConnectRequest } from '../../transport';
import { mapLocator, optionsCollection } from '../common.descriptions';
import { atItem, getMapKey, requestSettings } from '../parameters';
import type { ExecutionMemory } from '../node.type';
import { getRunNumber, runNumberProperty } from './runNumber';

export const option = {
	name: 'Save Errors',
	description: "Keep a run's failed rows in SmartConnect for its Error Processing window",
	action: 'Save errors of a map run',
};

export const properties: INodeProperties[] = [
	mapLocator,
	runNumberProperty,
	{
		displayName: 'Tenant Server',
		name: 'tenantServer',
		type: 'string',
		default: '',
		required: true,
		description: 'SmartConnect.com › Processes › Error Processing › Select Columns shows the tenant server',
	},
	{
		displayName: 'Tenant Technical Name',
		name: 'tenantTechnicalName',
		type: 'string',
		default: '',
		required: true,
		description: 'SmartConnect.com › Processes › Error Processing › Select Columns shows the tenant technical name',
	},
	optionsCollection(),
];

function required(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), atItem(`Parameter '${label}' is empty`, itemIndex), { itemIndex });
	}
	return value;
}

/**
 * SaveProcessErrors: keeps a run's failed records for SmartConnect's Error Processing window
 * (the map must have "Log Error Source Data" on).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const runNumber = getRunNumber.call(this, itemIndex);
	const tenantServer = required.call(this, 'tenantServer', 'Tenant Server', itemIndex);
	const tenantTechnicalName = required.call(this, 'tenantTechnicalName', 'Tenant Technical Name', itemIndex);
	const saved = await smartConnectRequest.call(
		this,
		{
			endpoint: 'SaveProcessErrors',
			operation: 'Map Run › Save Errors',
			kind: 'read',
			itemIndex,
			qs: { mapKey, tenantServer, tenantTechnicalName, runNumber },
			memory,
		},
		requestSettings.call(this, itemIndex),
	);
	return [{ json: { mapKey, runNumber, saved: saved === true }, pairedItem: { item: itemIndex } }];
}
