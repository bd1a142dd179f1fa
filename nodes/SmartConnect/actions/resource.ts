import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { ExecutionMemory } from './node.type';

/**
 * An operation module: its entry in the Operation list (the value is the key it is registered
 * under), its parameters, and how it runs. Reads and token calls run once per input item; map
 * runs plan every item first and then send, so they take the whole input at once.
 */
export type Operation = {
	option: Omit<INodePropertyOptions, 'value'>;
	properties: INodeProperties[];
} & (
	| { execute: (this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory) => Promise<INodeExecutionData[]> }
	| { executeBatch: (this: IExecuteFunctions, memory: ExecutionMemory) => Promise<INodeExecutionData[]> }
);

/**
 * A resource's Operation selector and every operation's parameters, scoped by displayOptions:
 * each operation is registered once, in `operations`, under its parameter value.
 */
export function resourceDescription(
	resource: string,
	operations: Record<string, Operation>,
	defaultOperation: string,
): INodeProperties[] {
	const values = Object.keys(operations).sort((a, b) => operations[a].option.name.localeCompare(operations[b].option.name));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: values.map((value) => ({ ...operations[value].option, value })),
			default: defaultOperation,
		},
		...values.flatMap((value) =>
			updateDisplayOptions({ show: { resource: [resource], operation: [value] } }, operations[value].properties),
		),
	];
}
