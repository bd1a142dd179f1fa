import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { parseMapReference } from '../helpers/maps';
import { strategyFor } from '../transport/auth';
import { namesWithoutPrefix, VariableError, variablesFromFields, variablesFromJson, type Variable } from '../helpers/variables';
import { DEFAULT_REQUEST_SETTINGS, type RequestSettings } from '../transport';

/** Executions already told about variable names without GBL_ (one hint per execution, not per item). */
const hintedExecutions = new WeakSet<object>();

/** A message about input item `itemIndex`, numbered as n8n numbers items in messages: `… [item 1]` for the first. */
export function atItem(message: string, itemIndex: number): string {
	return `${message} [item ${itemIndex + 1}]`;
}

/** Timeout and retries from the operation's Options. */
export function requestSettings(this: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as { timeout?: number; retries?: number };
	return {
		...DEFAULT_REQUEST_SETTINGS,
		timeoutMs: Math.max(1, options.timeout ?? DEFAULT_REQUEST_SETTINGS.timeoutMs / 1000) * 1000,
		retries: Math.max(0, Math.floor(options.retries ?? DEFAULT_REQUEST_SETTINGS.retries)),
	};
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
export function getVariables(this: IExecuteFunctions, itemIndex: number, scope: '' | 'options.' = ''): Variable[] {
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
	if (unprefixed.length > 0 && typeof this.addExecutionHints === 'function' && !hintedExecutions.has(this)) {
		hintedExecutions.add(this);
		this.addExecutionHints({
			message: `Global variable${unprefixed.length > 1 ? 's' : ''} ${unprefixed.map((name) => `"${name}"`).join(', ')} ${
				unprefixed.length > 1 ? 'do' : 'does'
			} not start with GBL_: SmartConnect's global variables usually do. ${unprefixed.length > 1 ? 'They were' : 'It was'} sent as given.`,
			location: 'outputPane',
		});
	}
	return variables;
}
