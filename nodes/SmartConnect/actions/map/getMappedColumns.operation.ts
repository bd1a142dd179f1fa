import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { properties, readMapColumns } from './getColumns.operation';
import type { ExecutionMemory } from '../node.type';

export const option = {
	name: 'Get Mapped Columns',
	description: "List the source columns mapped to the map's destination",
	action: 'Get mapped columns of a map',
};

export { properties };

/** GetMappedMapColumns: the source columns mapped to the map's destination. */
export async function execute(this: IExecuteFunctions, itemIndex: number, memory: ExecutionMemory): Promise<INodeExecutionData[]> {
	return await readMapColumns.call(this, itemIndex, memory, 'GetMappedMapColumns', 'Map › Get Mapped Columns');
}
