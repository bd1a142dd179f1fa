import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { parseMapKey } from '../helpers/maps';
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

/** The map key of item `itemIndex`, checked to be a GUID before anything is sent. */
export function getMapKey(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('map', itemIndex, '', { extractValue: true }) as unknown;
	const key = parseMapKey(value);
	if (key === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			atItem(`The map key "${String(value ?? '').slice(0, 80)}" is not a GUID`, itemIndex),
			{
				itemIndex,
				description:
					"Parameter 'Map': choose a map from the list, or give its MapKey (a GUID such as 364fde19-0748-4d10-886f-a95300a506c5), not its map ID",
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
