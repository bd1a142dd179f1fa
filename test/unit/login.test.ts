import { findLoginError, loginError, readGetTokenResponse } from '../../nodes/SmartConnect/helpers/login';

describe('GetToken response', () => {
	it('unwraps the JSON-quoted token', () => {
		expect(readGetTokenResponse(200, '"VG9rZW4jMTIz"')).toBe('VG9rZW4jMTIz');
		expect(readGetTokenResponse(200, '\uFEFF"abc=="\r\n')).toBe('abc==');
	});

	it('unwraps the XML <string> form and a bare token', () => {
		expect(
			readGetTokenResponse(200, '<string xmlns="http://schemas.microsoft.com/2003/10/Serialization/">abc+/=</string>'),
		).toBe('abc+/=');
		expect(readGetTokenResponse(200, 'abc123==')).toBe('abc123==');
	});

	it.each([
		[200, '""'],
		[200, ''],
		[200, '{"Message":"Invalid login"}'],
		[401, '{"Message":"Authorization has been denied for this request."}'],
		[403, ''],
	])('treats HTTP %i with body %j as a rejected login, not retryable', (status, body) => {
		let caught: unknown;
		try {
			readGetTokenResponse(status, body);
		} catch (error) {
			caught = error;
		}
		const login = findLoginError(caught);
		expect(login?.message).toMatch(/did not accept the email, password or Customer ID/);
		expect(login?.retryable).toBe(false);
	});

	it('marks 5xx and 429 as retryable', () => {
		for (const status of [429, 500, 503]) {
			expect(() => readGetTokenResponse(status, '')).toThrow(`GetToken failed with HTTP ${status}`);
			try {
				readGetTokenResponse(status, '');
			} catch (error) {
				expect(findLoginError(error)?.retryable).toBe(true);
			}
		}
	});

	it('finds a login error through wrapping causes and keeps the network code out of the message', () => {
		const error = loginError('GetToken could not reach SmartConnect', { code: 'ECONNREFUSED' });
		const wrapped = new Error('outer', { cause: new Error('middle', { cause: error }) });
		expect(findLoginError(wrapped)).toBe(error);
		expect(error.networkCode).toBe('ECONNREFUSED');
		expect(error.message).not.toMatch(/ECONNREFUSED/);
		expect(findLoginError(new Error('other'))).toBeUndefined();
	});
});
