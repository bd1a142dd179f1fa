import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { readDataTable, variablesJson } from '../../xml';
import { smartConnectRequest } from '../../transport';
import { mapLocator, optionsCollection, variableProperties } from '../common.descriptions';
import type { ExecutionMemory } from '../node.type';
import { getMapKey, getVariables, requestSettings } from '../parameters';

export const option = {
	name: 'Get All',
	description: "Read the current rows of a map's data source, one item per row",
	action: 'Get all source data of a map',
};

export const properties: INodeProperties[] = [
	mapLocator,
	...variableProperties,
	optionsCollection([
		{
			displayName: 'Output Raw XML',
			name: 'rawXml',
			type: 'boolean',
			default: false,
			description: 'Whether to return the dataset XML as SmartConnect sent it, in one item, instead of one item per row',
		},
	]),
];

type GetAllDataForm = NonNullable<ExecutionMemory['getAllDataForm']>;

/** The seed documents GetAllData with the variables in the body; eOne's later docs GetAllDataWithVariables. */
const FORMS: Record<GetAllDataForm, string> = {
	GetAllData: 'POST GetAllData with the variables in the body (the form the web service documentation gives)',
	GetAllDataWithVariables: "POST GetAllDataWithVariables (the form of eOne's later documentation)",
};

/**
 * Whether SmartConnect answered as it does for a route it does not serve: 404, or its blank answer
 * (which is also what an unknown map key gets; then the other form is blank too).
 */
function isUnservedRoute(error: unknown): boolean {
	const { httpCode, message } = (error ?? {}) as { httpCode?: unknown; message?: unknown };
	return httpCode === '404' || (httpCode === '200' && /returned a blank response$/.test(String(message)));
}

function describeFailure(error: unknown): string {
	const { message, description } = error as { message?: string; description?: string | null };
	return description ? `${message}: ${description}` : String(message);
}

/**
 * GetAllData: the current rows of the map's data source. With global variables, the form the seed
 * documents first (GetAllData, variables as the body); when SmartConnect answers it as a route it
 * does not serve, once GetAllDataWithVariables. The form that answered is kept for the other items
 * of this execution. A read, so sending it in the second form is safe.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	memory: ExecutionMemory,
): Promise<INodeExecutionData[]> {
	const mapKey = getMapKey.call(this, itemIndex);
	const variables = getVariables.call(this, itemIndex, memory);
	const settings = requestSettings.call(this, itemIndex);
	const send = async (endpoint: string) =>
		await smartConnectRequest.call(
			this,
			{
				endpoint,
				operation: 'Map Data › Get All',
				kind: 'read',
				itemIndex,
				qs: { mapKey },
				accept: 'xml',
				...(variables.length > 0 ? { body: variablesJson(variables), contentType: 'application/json' as const } : {}),
				memory,
			},
			settings,
		);
	let body: unknown;
	const knownForm = variables.length === 0 ? 'GetAllData' : memory.getAllDataForm;
	if (knownForm !== undefined) {
		body = await send(knownForm);
	} else {
		try {
			body = await send('GetAllData');
			memory.getAllDataForm = 'GetAllData';
		} catch (seedError) {
			if (!isUnservedRoute(seedError)) {
				// Both constructors hand back the transport's error as it is.
				if (seedError instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), seedError);
				throw new NodeApiError(this.getNode(), seedError as JsonObject);
			}
			try {
				body = await send('GetAllDataWithVariables');
			} catch (laterError) {
				const details = {
					message: 'SmartConnect answered neither form of Map Data › Get All with global variables',
					description: `${FORMS.GetAllData}: ${describeFailure(seedError)}. ${FORMS.GetAllDataWithVariables}: ${describeFailure(laterError)}`,
					httpCode: (laterError as { httpCode?: string }).httpCode ?? undefined,
				};
				throw new NodeApiError(this.getNode(), details as JsonObject, { ...details, itemIndex });
			}
			memory.getAllDataForm = 'GetAllDataWithVariables';
		}
	}
	const xml = typeof body === 'string' ? body : '';
	const options = this.getNodeParameter('options', itemIndex, {}) as { rawXml?: boolean };
	if (options.rawXml) return [{ json: { mapKey, xml }, pairedItem: { item: itemIndex } }];
	let rows: Array<Record<string, string | null>>;
	try {
		rows = readDataTable(xml).rows;
	} catch (error) {
		throw new NodeApiError(
			this.getNode(),
			{ message: (error as Error).message } as JsonObject,
			{
				message: 'SmartConnect GetAllData sent a dataset that could not be read',
				description: `${(error as Error).message} (operation Map Data › Get All)`,
				itemIndex,
			},
		);
	}
	return rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
}
