import type { INodeProperties } from 'n8n-workflow';

import { SmartConnectApi } from '../../credentials/SmartConnectApi.credentials';
import { parseMapKey } from '../../nodes/SmartConnect/helpers/maps';
import { SmartConnect } from '../../nodes/SmartConnect/SmartConnect.node';

// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a map key (GUID) from SmartConnect's docs, not a secret
const KEY = '364fde19-0748-4d10-886f-a95300a506c5';

describe('map key check (the node\'s own, not a regular expression of n8n)', () => {
	it.each([
		[KEY, KEY],
		[KEY.toUpperCase(), KEY.toUpperCase()],
		[`  ${KEY}\t`, KEY],
		[`{${KEY}}`, KEY],
		[` {${KEY}} `, KEY],
	])('accepts %j as %s', (value, expected) => {
		expect(parseMapKey(value)).toBe(expected);
	});

	it.each([
		['a map ID', 'IMPORT CUSTOMERS'],
		['an empty value', ''],
		['one brace only', `{${KEY}`],
		['spaces inside the braces', `{ ${KEY} }`],
		['a non-hex digit', KEY.replace('f', 'g')],
		['a missing dash', KEY.replace('-', '')],
		['a dash moved', `${KEY.slice(0, 7)}-${KEY[7]}${KEY.slice(9)}`],
		['a character too many', `${KEY}0`],
		['two keys', `${KEY},${KEY}`],
		['100,000 spaces and then a letter after a key', `${KEY}${' '.repeat(100_000)}x`],
		['a number', 364],
		['null', null],
	])('refuses %s', (_what, value) => {
		expect(parseMapKey(value)).toBeUndefined();
	});

	it('no parameter of the node or the credential asks n8n to check it with a regular expression', () => {
		const withRegex: string[] = [];
		const visit = (properties: INodeProperties[] | undefined, path: string): void => {
			for (const property of properties ?? []) {
				const here = `${path}${property.name}`;
				for (const mode of property.modes ?? []) {
					if (mode.validation?.some((rule) => typeof rule === 'object' && rule.type === 'regex')) withRegex.push(`${here}/${mode.name}`);
				}
				const options = (property.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>;
				for (const option of options) {
					if ('type' in option) visit([option], `${here}.`);
					if (option.values) visit(option.values, `${here}.${option.name}.`);
				}
			}
		};
		visit(new SmartConnect().description.properties, '');
		visit(new SmartConnectApi().properties, 'credential.');
		expect(withRegex).toEqual([]);
	});
});
