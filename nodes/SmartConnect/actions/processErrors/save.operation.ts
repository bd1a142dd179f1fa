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

export const option = {
	name: 'Save',
	description: "Save a run's process errors on the SmartConnect server for Error Processing",
	action: 'Save the process errors of a run',
};

export const properties: INodeProperties[] = [
	mapLocator,
	{
		displayName: 'Run Number',
		name: 'runNumber',
		type: 'number',
		default: 0,
		required: true,
		description: 'The run whose errors to save, as a map run reports it',
	},
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
	const runNumber = Number(this.getNodeParameter('runNumber', itemIndex));
	if (!Number.isInteger(runNumber) || runNumber <= 0) {
		throw new NodeOperationError(this.getNode(), atItem("Parameter 'Run Number' must be a positive whole number", itemIndex), {
			itemIndex,
		});
	}
	const tenantServer = required.call(this, 'tenantServer', 'Tenant Server', itemIndex);
	const tenantTechnicalName = required.call(this, 'tenantTechnicalName', 'Tenant Technical Name', itemIndex);
	const saved = await smartConnectRequest.call(
		this,
		{
			endpoint: 'SaveProcessErrors',
			operation: 'Process Errors › Save',
			kind: 'read',
			itemIndex,
			qs: { mapKey, tenantServer, tenantTechnicalName, runNumber },
			memory,
		},
		requestSettings.call(this, itemIndex),
	);
	return [{ json: { mapKey, runNumber, saved: saved === true }, pairedItem: { item: itemIndex } }];
}
