import { NodeOperationError, type ILoadOptionsFunctions, type ResourceMapperFields } from 'n8n-workflow';

import { parseMapReference, readColumns } from '../helpers/maps';
import { smartConnectRequest } from '../transport';
import { strategyFor } from '../transport/auth';

/** The map's source columns (GetMapColumns) as resource-mapper fields, required ones marked. */
export async function getMapColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const value = this.getNodeParameter('map', undefined, { extractValue: true }) as unknown;
	if (value === undefined || value === null || String(value).trim() === '') {
		throw new NodeOperationError(this.getNode(), 'Choose a map first: its columns come from SmartConnect');
	}
	const byMapId = strategyFor(this).service === 'onPrem';
	const mapKey = parseMapReference(byMapId, value);
	if (mapKey === undefined && byMapId) {
		throw new NodeOperationError(this.getNode(), `The map ID "${String(value).slice(0, 80)}" is too long`);
	}
	if (mapKey === undefined) {
		throw new NodeOperationError(this.getNode(), `The map key "${String(value).slice(0, 80)}" is not a GUID`, {
			description: 'Choose a map from the list, or give its MapKey (a GUID), not its map ID',
		});
	}
	const body = await smartConnectRequest.call(this, {
		endpoint: 'GetMapColumns',
		operation: 'Map column mapping',
		kind: 'read',
		qs: { mapKey },
		memory: {},
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
