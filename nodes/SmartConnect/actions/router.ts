import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { errorItem } from '../helpers/errors';
import * as company from './company/Company.resource';
import * as connection from './connection/Connection.resource';
import * as dataSource from './dataSource/DataSource.resource';
import * as integration from './integration/Integration.resource';
import * as map from './map/Map.resource';
import * as mapRun from './mapRun/MapRun.resource';
import type { ExecutionMemory, SmartConnectType } from './node.type';
import type { Operation } from './resource';
import { onPremOnlyOperations } from './services.description';
import * as token from './token/Token.resource';

const resources: Record<SmartConnectType['resource'], Record<string, Operation>> = {
	map: map.operations,
	mapRun: { ...mapRun.operations, ...onPremOnlyOperations },
	token: token.operations,
	connection: connection.operations,
	dataSource: dataSource.operations,
	company: company.operations,
	integration: integration.operations,
};

/**
 * Runs the chosen resource and operation. Map runs take the whole input (they handle Continue On
 * Fail themselves, per item and per run); the others run once per input item, and Continue On Fail
 * is handled here.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as SmartConnectType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = resources[resource] ?? {};
	const implementation = Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
	if (!implementation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	// What this run of the node remembers between its requests and items (never module memory).
	const memory: ExecutionMemory = {};
	if ('executeBatch' in implementation) return [await implementation.executeBatch.call(this, memory)];
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			returnData.push(...(await implementation.execute.call(this, itemIndex, memory)));
		} catch (error) {
			if (this.continueOnFail()) {
				const { message, description, httpCode } = error as NodeApiError;
				returnData.push(errorItem(itemIndex, message, { description: description ?? '', ...(httpCode ? { httpCode } : {}) }));
				continue;
			}
			// Both constructors hand back an error that is already a NodeApiError/NodeOperationError.
			if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error, { itemIndex });
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		}
	}
	return [returnData];
}
