import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { errorItem } from '../helpers/errors';
import * as map from './map/Map.resource';
import * as mapData from './mapData/MapData.resource';
import * as getMapXml from './mapRun/getMapXml.operation';
import * as integrationRun from './integration/run.operation';
import * as mapRun from './mapRun/MapRun.resource';
import type { SmartConnectType } from './node.type';
import * as processErrors from './processErrors/ProcessErrors.resource';
import * as token from './token/Token.resource';

/** Reads and token calls: one request (or a few) per input item. */
type ItemOperation = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]> };
/** Map runs: plan every item first, then send; they handle Continue On Fail per item and per run. */
type BatchOperation = { executeBatch: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> };

const operations: Record<SmartConnectType['resource'], Record<string, ItemOperation | BatchOperation | undefined>> = {
	map: { getAll: map.getAll, getColumns: map.getColumns, getMappedColumns: map.getMappedColumns },
	mapData: { getAllData: mapData.getAllData },
	mapRun: {
		run: mapRun.run,
		runWithDataTable: mapRun.runWithDataTable,
		runWithVariables: mapRun.runWithVariables,
		runWithXml: mapRun.runWithXml,
		getMapXml,
	},
	processErrors: { save: processErrors.save },
	token: { get: token.get, validate: token.validate },
	integration: { run: integrationRun },
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
	if ('executeBatch' in implementation) return [await implementation.executeBatch.call(this)];
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			returnData.push(...(await implementation.execute.call(this, itemIndex)));
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
