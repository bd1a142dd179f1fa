import type { IExecuteFunctions } from 'n8n-workflow';

import type { Variable } from '../../helpers/variables';
import { strategyFor } from '../../transport/auth';
import { writeDataSetBody, writeDataSetWithSchema, type Row, type WriteOptions } from '../../xml';

/**
 * Run bodies of the on-premise server (`smartconnect-api.md` §2.2, §2.4): its data-table and XML
 * methods take the document itself, not SmartConnect.com's `<RequestData>` envelope, and have no
 * place for global variables.
 */

export function isOnPrem(context: IExecuteFunctions): boolean {
	return strategyFor(context).service === 'onPrem';
}

function noVariables(variables: Variable[], method: string): void {
	if (variables.length > 0) {
		throw new Error(
			`Global variables cannot be sent to the on-premise server with ${method}: it takes the data only. Remove them, or use Run With Variables`,
		);
	}
}

/** runmapdatatable/{mapId}, getmapxml/datatable/{mapId}: a DataSet with its inline schema. */
export function onPremDataTableBody(method: string) {
	return (rows: Row[], write: WriteOptions, variables: Variable[]): Buffer => {
		noVariables(variables, method);
		return writeDataSetWithSchema(rows, write);
	};
}

/** runmapxml/{mapId}: "any Xml that is in a valid Xml format", here the DataSet built from the items. */
export function onPremXmlFromRows(rootElement: string, rowElement: string) {
	return (rows: Row[], write: WriteOptions, variables: Variable[]): Buffer => {
		noVariables(variables, 'runmapxml');
		return writeDataSetBody(rows, { ...write, rootElement, rowElement });
	};
}

/** runmapxml/{mapId} with an XML document given by the user: sent as it is. */
export function onPremXmlBody(xml: string, variables: Variable[]): string {
	noVariables(variables, 'runmapxml');
	return xml;
}
