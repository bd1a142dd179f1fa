import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_REQUEST_SETTINGS, type RequestSettings } from '../transport';

/** Request settings every operation offers, in an "Options" collection of its own. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description:
			'How long to wait for SmartConnect to answer. Map runs are synchronous: a long map needs a long timeout.',
	},
	{
		displayName: 'Retries for Reads',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 2,
		description:
			'How often a read (token, map list, columns, data) is tried again after a network error, HTTP 429 or 5xx. Map runs are never sent twice.',
	},
];

export const optionsCollection = (extra: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...extra, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

export function requestSettings(this: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as { timeout?: number; retries?: number };
	return {
		...DEFAULT_REQUEST_SETTINGS,
		timeoutMs: Math.max(1, options.timeout ?? DEFAULT_REQUEST_SETTINGS.timeoutMs / 1000) * 1000,
		retries: Math.max(0, Math.floor(options.retries ?? DEFAULT_REQUEST_SETTINGS.retries)),
	};
}
