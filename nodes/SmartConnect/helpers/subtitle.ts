import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Subtitles that read as words: an expression that looks up the label of the chosen values
 * ("Run With Data Table: Map Run") instead of showing the values themselves (runWithDataTable: mapRun).
 * The labels come from the node's own selectors, so a renamed option renames its subtitle too.
 */

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);
}

/** An expression reading `labels[key]`, with `fallback` when the key has no label. */
function lookup(labels: Record<string, string>, key: string, fallback: string): string {
	return `={{ (${JSON.stringify(labels)})[${key}] || ${fallback} }}`;
}

/** "Operation: Resource" in words, from every Resource and Operation selector of `properties`. */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resources: Record<string, string> = {};
	for (const property of properties.filter((p) => p.name === 'resource')) {
		for (const option of optionsOf(property)) resources[String(option.value)] = option.name;
	}
	const labels: Record<string, string> = {};
	for (const property of properties.filter((p) => p.name === 'operation')) {
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of optionsOf(property)) labels[`${resource}:${String(option.value)}`] = `${option.name}: ${resources[resource] ?? resource}`;
		}
	}
	return lookup(labels, '$parameter["resource"] + ":" + $parameter["operation"]', '$parameter["operation"] + ": " + $parameter["resource"]');
}

/** The label of the value chosen in the options parameter `property`. */
export function optionSubtitle(property: INodeProperties): string {
	const labels = Object.fromEntries(optionsOf(property).map((option) => [String(option.value), option.name]));
	return lookup(labels, `$parameter["${property.name}"]`, `$parameter["${property.name}"]`);
}
