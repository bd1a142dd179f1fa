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
import { listItems, returnAllOrLimit } from '../list';
import type { ExecutionMemory } from '../node.type';
import { getMapKey, getVariables, requestSettings } from '../parameters';

export const option = {
	name: 'Get Source Rows',
	description: "Read the current rows of a map's data source, one item per row",
	action: 'Get source rows of a map',
};

export const properties: INodeProperties[] = [
	mapLocator,
	...variableProperties,
	{
		// Off: the dataset XML as SmartConnect sent it, in one item { mapKey, xml }.
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	...returnAllOrLimit.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, simple: [true] } },
	})),
	optionsCollection(),
];

type SourceRowsForm = NonNullable<ExecutionMemory['sourceRowsForm']>;

/** The seed documents GetAllData with the variables in the body; eOne's later docs GetAllDataWithVariables. */
const FORMS: Record<SourceRowsForm, string> = {
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
				operation: 'Map › Get Source Rows',
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
	const knownForm = variables.length === 0 ? 'GetAllData' : memory.sourceRowsForm;
	if (knownForm !== undefined) {
		body = await send(knownForm);
	} else {
		try {
			body = await send('GetAllData');
			memory.sourceRowsForm = 'GetAllData';
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
					message: 'SmartConnect answered neither form of Map › Get Source Rows with global variables',
					description: `${FORMS.GetAllData}: ${describeFailure(seedError)}. ${FORMS.GetAllDataWithVariables}: ${describeFailure(laterError)}`,
					httpCode: (laterError as { httpCode?: string }).httpCode ?? undefined,
				};
				throw new NodeApiError(this.getNode(), details as JsonObject, { ...details, itemIndex });
			}
			memory.sourceRowsForm = 'GetAllDataWithVariables';
		}
	}
	const xml = typeof body === 'string' ? body : '';
	if (!(this.getNodeParameter('simple', itemIndex, true) as boolean)) return [{ json: { mapKey, xml }, pairedItem: { item: itemIndex } }];
	let rows: Array<Record<string, string | null>>;
	try {
		rows = readDataTable(xml).rows;
	} catch (error) {
		throw new NodeApiError(
			this.getNode(),
			{ message: (error as Error).message } as JsonObject,
			{
				message: 'SmartConnect GetAllData sent a dataset that could not be read',
				description: `${(error as Error).message} (operation Map › Get Source Rows)`,
				itemIndex,
			},
		);
	}
	return listItems.call(this, itemIndex, rows);
}
