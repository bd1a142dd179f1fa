import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The item for an input item that failed while Continue On Fail is on, in the shape n8n's own nodes
 * use (Airtable v2): `message` says what went wrong, `error` holds it with what is known about it
 * (for map runs, whether the data reached SmartConnect). n8n 1.x moves an item to the error output
 * only when its json has exactly these two keys, n8n 2.x also when it has `details`; any other key
 * would keep it on the main output in 1.x, so everything else goes inside `error`.
 */
export function errorItem(itemIndex: number, message: string, error: IDataObject): INodeExecutionData {
	return { json: { message, error: { ...error, message } }, pairedItem: { item: itemIndex } };
}
