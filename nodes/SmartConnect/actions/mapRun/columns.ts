import type { IExecuteFunctions } from 'n8n-workflow';

import { readColumns } from '../../helpers/maps';
import { smartConnectRequest } from '../../transport';
import type { Planned, RunContext } from './types';

/**
 * Map Automatically: fields of the items that are not source columns of the map (GetMapColumns,
 * as the editor's column list reads them) get an execution hint naming them, so a misspelled field
 * shows before SmartConnect reports a missing required column. Only a hint: when the columns
 * cannot be read, nothing is said and the run goes ahead.
 */
export async function hintFieldsNotColumns(this: IExecuteFunctions, context: RunContext, planned: Planned): Promise<void> {
	// Nothing is asked of SmartConnect when the node is about to stop on bad input.
	if (typeof this.addExecutionHints !== 'function' || (!context.continueOnFail && planned.rejected.length > 0)) return;
	const mapping = this.getNodeParameter('columns.mappingMode', 0, 'autoMapInputData') as string;
	if (mapping !== 'autoMapInputData') return;
	const fieldsByMap = new Map<string, Set<string>>();
	for (const plan of planned.plans) {
		const fields = fieldsByMap.get(plan.mapKey) ?? new Set<string>();
		fieldsByMap.set(plan.mapKey, fields);
		for (const row of plan.rows ?? []) for (const field of Object.keys(row)) fields.add(field);
	}
	for (const [mapKey, fields] of fieldsByMap) {
		let columns: Set<string>;
		try {
			const body = await smartConnectRequest.call(
				this,
				{ endpoint: 'GetMapColumns', operation: `${context.operation} (column check)`, kind: 'read', qs: { mapKey }, memory: context.memory },
				{ ...context.settings, retries: 0 },
			);
			columns = new Set(readColumns(body).map((column) => column.columnName.toLowerCase()));
		} catch {
			continue;
		}
		const unknown = [...fields].filter((field) => !columns.has(field.toLowerCase()));
		if (unknown.length === 0 || columns.size === 0) continue;
		const shown = unknown.slice(0, 10).map((field) => `"${field}"`);
		this.addExecutionHints({
			message: `Field${unknown.length > 1 ? 's' : ''} ${shown.join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''} ${
				unknown.length > 1 ? 'are' : 'is'
			} not ${unknown.length > 1 ? 'columns' : 'a column'} of the map's data source (GetMapColumns). Check the spelling, or choose Columns › Map Each Column Manually.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
}
