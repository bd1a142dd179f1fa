import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import * as map from './map/Map.resource';
import type { SmartConnectType } from './node.type';
import * as token from './token/Token.resource';

type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<SmartConnectType['resource'], Record<string, { execute: ItemOperation } | undefined>> = {
	token: { get: token.get, validate: token.validate },
	map: { getAll: map.getAll },
};

/** Runs the chosen resource and operation once per input item, honouring Continue On Fail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as SmartConnectType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const implementation = operations[resource]?.[operation];
	if (!implementation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			returnData.push(...(await implementation.execute.call(this, itemIndex)));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: (error as Error).message, details: (error as NodeApiError).description ?? '' },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both constructors hand back an error that is already a NodeApiError/NodeOperationError.
			if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error, { itemIndex });
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		}
	}
	return [returnData];
}
