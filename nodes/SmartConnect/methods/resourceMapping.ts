import { NodeOperationError, type ILoadOptionsFunctions, type ResourceMapperFields } from 'n8n-workflow';

import { readColumns } from '../helpers/maps';
import { smartConnectRequest } from '../transport';

/** The map's source columns (GetMapColumns) as resource-mapper fields, required ones marked. */
export async function getMapColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const mapKey = String(this.getNodeParameter('map', undefined, { extractValue: true }) ?? '').trim();
	if (mapKey === '') {
		throw new NodeOperationError(this.getNode(), 'Choose a map first: its columns come from SmartConnect');
	}
	const body = await smartConnectRequest.call(this, {
		endpoint: 'GetMapColumns',
		operation: 'Map column mapping',
		kind: 'read',
		qs: { mapKey },
	});
	return {
		fields: readColumns(body).map((column) => ({
			id: column.columnName,
			displayName: column.isRequired ? `${column.columnName} (required)` : column.columnName,
			required: column.isRequired,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		})),
	};
}
