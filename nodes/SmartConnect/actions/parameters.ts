import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { parseMapReference } from '../helpers/maps';
import { strategyFor } from '../transport/auth';
import { namesWithoutPrefix, VariableError, variablesFromFields, variablesFromJson, type Variable } from '../helpers/variables';
import { requestSettingsFrom, type ExecutionMemory, type RequestSettings } from '../transport';
import type { ReadContext } from './history';

/** A message about input item `itemIndex`, numbered as n8n numbers items in messages: `… [item 1]` for the first. */
export function atItem(message: string, itemIndex: number): string {
	return `${message} [item ${itemIndex + 1}]`;
}

/** Timeout and retries from the operation's Options. */
export function requestSettings(this: IExecuteFunctions, itemIndex: number): RequestSettings {
	return requestSettingsFrom(this.getNodeParameter('options', itemIndex, {}) as { timeout?: number; retries?: number });
}

/** What a read of item `itemIndex` needs: the operation's name, the item, its request settings and the run's memory. */
export function readContext(this: IExecuteFunctions, operation: string, itemIndex: number, memory: ExecutionMemory): ReadContext {
	return { operation, itemIndex, settings: requestSettings.call(this, itemIndex), memory };
}

/**
 * The map of item `itemIndex`, checked before anything is sent: a MapKey GUID for SmartConnect.com,
 * a Map ID for the on-premise server.
 */
export function getMapKey(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('map', itemIndex, '', { extractValue: true }) as unknown;
	// SmartConnect.com takes a MapKey GUID; the other services an ID of their own.
	const byMapId = strategyFor(this).service !== 'smartConnectCom';
	const key = parseMapReference(byMapId, value);
	if (key === undefined) {
		const shown = String(value ?? '').slice(0, 80);
		throw new NodeOperationError(
			this.getNode(),
			atItem(byMapId ? `The map ID "${shown}" is empty or too long` : `The map key "${shown}" is not a GUID`, itemIndex),
			{
				itemIndex,
				description: byMapId
					? "Parameter 'Map': choose a map from the list, or give its Map ID as SmartConnect shows it (e.g. GP_ACC)"
					: "Parameter 'Map': choose a map from the list, or give its MapKey (a GUID such as 364fde19-0748-4d10-886f-a95300a506c5), not its map ID",
			},
		);
	}
	return key;
}

/**
 * The global variables of item `itemIndex`, from the parameters under `scope` ('' for the top
 * level, 'options.' inside Options); a name without GBL_ gets a hint, never a rename.
 */
export function getVariables(
	this: IExecuteFunctions,
	itemIndex: number,
	memory: ExecutionMemory,
	scope: '' | 'options.' = '',
): Variable[] {
	const input = this.getNodeParameter(`${scope}specifyVariables`, itemIndex, 'keypair') as string;
	let variables: Variable[];
	try {
		variables =
			input === 'json'
				? variablesFromJson(this.getNodeParameter(`${scope}variablesJson`, itemIndex, '{}'), 'Global Variables (JSON)')
				: variablesFromFields(
						(this.getNodeParameter(`${scope}variables.variable`, itemIndex, []) as Array<{ name?: unknown; value?: unknown }>) ??
							[],
						'Global Variables',
					);
	} catch (error) {
		const field = error instanceof VariableError ? error.field : 'Global Variables';
		throw new NodeOperationError(this.getNode(), atItem(`Parameter '${field}': ${(error as Error).message}`, itemIndex), {
			itemIndex,
		});
	}
	const unprefixed = namesWithoutPrefix(variables);
	if (unprefixed.length > 0 && typeof this.addExecutionHints === 'function' && memory.warnedAboutVariableNames !== true) {
		memory.warnedAboutVariableNames = true;
		this.addExecutionHints({
			message: `Global variable${unprefixed.length > 1 ? 's' : ''} ${unprefixed.map((name) => `"${name}"`).join(', ')} ${
				unprefixed.length > 1 ? 'do' : 'does'
			} not start with GBL_: SmartConnect's global variables usually do. ${unprefixed.length > 1 ? 'They were' : 'It was'} sent as given.`,
			location: 'outputPane',
		});
	}
	return variables;
}
