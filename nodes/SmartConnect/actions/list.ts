import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from './common.descriptions';
import type { ExecutionMemory } from './node.type';
import { readContext } from './parameters';
import { getRead } from './history';

/** Return All / Limit of the Get Many operations on connections, data sources and companies. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The entries as items of input item `itemIndex`, cut to Limit unless Return All. */
export function listItems(this: IExecuteFunctions, itemIndex: number, entries: IDataObject[]): INodeExecutionData[] {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const kept = returnAll ? entries : entries.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
	return kept.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }));
}


export interface ListOperationSpec {
	/** The GET endpoint that lists the entries. */
	endpoint: string;
	/** For error messages, e.g. `Connection › Get Many`. */
	operation: string;
	read: (body: unknown) => object[];
}

/** A Get Many operation over one catalog endpoint (connections, data sources): Return All / Limit and the request options. */
export function listOperation(spec: ListOperationSpec) {
	const properties: INodeProperties[] = [...returnAllOrLimit, optionsCollection()];
	return {
		properties,
		async execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
			const body = await getRead.call(this, spec.endpoint, {}, readContext.call(this, spec.operation, itemIndex, memory));
			return listItems.call(this, itemIndex, spec.read(body).map((entry) => ({ ...entry }) as IDataObject));
		},
	};
}
