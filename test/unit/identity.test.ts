import { normalizeApiUrl, tokenIdentity } from '../../nodes/SmartConnect/helpers/identity';

describe('API URL and token identity', () => {
	it('strips trailing slashes and spaces from the API URL', () => {
		expect(normalizeApiUrl(' https://x.azurewebsites.net/API// ')).toBe('https://x.azurewebsites.net/API');
		expect(normalizeApiUrl(undefined)).toBe('');
	});

	it('is the same for cosmetic differences and differs for another company, user or host', () => {
		const base = { apiUrl: 'https://x/API', customerId: 'ABC', email: 'A@b.c' };
		expect(tokenIdentity({ ...base, apiUrl: 'https://X/API/', email: ' a@B.c ' })).toBe(tokenIdentity(base));
		expect(tokenIdentity({ ...base, customerId: 'ABD' })).not.toBe(tokenIdentity(base));
		expect(tokenIdentity({ ...base, email: 'z@b.c' })).not.toBe(tokenIdentity(base));
		expect(tokenIdentity({ ...base, apiUrl: 'https://y/API' })).not.toBe(tokenIdentity(base));
	});
});
