/**
 * Global variables (SmartConnect's `GBL_…` values a map's source query or scripts read).
 * Names are sent exactly as given; values are text.
 */
import type { Variable } from './interfaces';
import { findInvalidChar, plainNumber } from '../xml';

export type { Variable };

/** A problem with one variable, naming the field the user must fix. */
export class VariableError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
	}
}

/** Tab, CR and LF are fine in a value; other controls, lone surrogates and U+FFFE/U+FFFF cannot travel in XML. */
const hasForbiddenCharacter = (text: string): boolean => findInvalidChar(text) !== -1;

function checkName(name: unknown, field: string): string {
	if (typeof name !== 'string' || name.trim() === '') {
		throw new VariableError('A global variable has no name', field);
	}
	if (/\s/.test(name) || hasForbiddenCharacter(name)) {
		throw new VariableError(`The global variable name "${name}" contains spaces or control characters`, field);
	}
	return name;
}

function checkValue(name: string, value: unknown, field: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') {
		throw new VariableError(`The value of global variable "${name}" is an object or array; give it as text`, field);
	}
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new VariableError(`The value of global variable "${name}" is ${String(value)}, which is not a number SmartConnect can read`, field);
	}
	// Numbers as in data tables: plain digits, never JavaScript's exponent form (1e+21).
	const text = typeof value === 'number' ? plainNumber(value) : String(value);
	if (hasForbiddenCharacter(text)) {
		throw new VariableError(`The value of global variable "${name}" contains characters XML cannot carry (control characters)`, field);
	}
	return text;
}

function noDuplicates(variables: Variable[], field: string): Variable[] {
	const seen = new Set<string>();
	for (const variable of variables) {
		if (seen.has(variable.Key)) throw new VariableError(`The global variable "${variable.Key}" is given twice`, field);
		seen.add(variable.Key);
	}
	return variables;
}

/** From the node's name/value list. */
export function variablesFromFields(entries: Array<{ name?: unknown; value?: unknown }>, field: string): Variable[] {
	return noDuplicates(
		entries.map((entry) => {
			const name = checkName(entry.name, field);
			return { Key: name, Value: checkValue(name, entry.value, field) };
		}),
		field,
	);
}

/** From JSON: an object `{"GBL_X": "1"}` or SmartConnect's own `[{"Key": "GBL_X", "Value": "1"}]`. */
export function variablesFromJson(input: unknown, field: string): Variable[] {
	let value = input;
	if (typeof input === 'string') {
		if (input.trim() === '') return [];
		try {
			value = JSON.parse(input);
		} catch {
			value = undefined;
		}
		if (value === undefined) {
			throw new VariableError('The global variables are not valid JSON: give an object or a list of {"Key", "Value"}', field);
		}
	}
	if (Array.isArray(value)) {
		return noDuplicates(
			value.map((entry: unknown) => {
				if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
					throw new VariableError('Each global variable in the list must be an object with "Key" and "Value"', field);
				}
				const record = entry as Record<string, unknown>;
				const name = checkName(record.Key ?? record.key ?? record.Name ?? record.name, field);
				return { Key: name, Value: checkValue(name, record.Value ?? record.value, field) };
			}),
			field,
		);
	}
	if (value && typeof value === 'object') {
		return Object.keys(value).map((key) => {
			const name = checkName(key, field);
			return { Key: name, Value: checkValue(name, (value as Record<string, unknown>)[key], field) };
		});
	}
	throw new VariableError('The global variables must be a JSON object or a list of {"Key", "Value"}', field);
}

/** Names SmartConnect will probably not recognise: its global variables start with GBL_. */
export function namesWithoutPrefix(variables: Variable[]): string[] {
	return variables.filter((variable) => !/^GBL_/i.test(variable.Key)).map((variable) => variable.Key);
}
