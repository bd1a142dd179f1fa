import { NodeApiError, type JsonObject } from 'n8n-workflow';
import { NodeApiError as NodeApiErrorV1 } from 'n8n-workflow-v1';

import { findLoginError, loginError, networkErrorCode, readGetTokenResponse } from '../../nodes/SmartConnect/helpers/login';

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
			expect(() => readGetTokenResponse(status, '')).toThrow(`GetToken answered with HTTP ${status}`);
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

describe('a login error wrapped by n8n, on both n8n lines', () => {
	const node = { id: 'n', name: 'SmartConnect', type: 'n8n-nodes-smartconnect.smartConnect', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	// n8n-core wraps what the credential's preAuthentication throws in a NodeApiError.
	const lines = [
		['n8n-workflow 1.x', NodeApiErrorV1],
		['n8n-workflow 2.x', NodeApiError],
	] as const;

	it('n8n-workflow 1.x drops the wrapped error (`cause`), 2.x keeps it', () => {
		const login = loginError('GetToken could not reach SmartConnect', { code: 'ECONNREFUSED' });
		expect(new NodeApiErrorV1(node, login as unknown as JsonObject).cause).toBeUndefined();
		expect(new NodeApiError(node, login as unknown as JsonObject).cause).toBe(login);
	});

	it.each(lines)('%s: a refused login is found as not retryable, with its message', (_line, Wrapper) => {
		let thrown: unknown;
		try {
			readGetTokenResponse(200, '""');
		} catch (error) {
			thrown = error;
		}
		const found = findLoginError(new Wrapper(node, thrown as JsonObject));
		expect(found?.retryable).toBe(false);
		expect(found?.message).toMatch(/^The login was refused: SmartConnect did not accept the email, password or Customer ID/);
	});

	it.each(lines)('%s: a network failure keeps its code and a 503 its Retry-After', (_line, Wrapper) => {
		const network = findLoginError(new Wrapper(node, loginError('GetToken could not reach SmartConnect', { code: 'ECONNREFUSED' }) as unknown as JsonObject));
		expect(network).toMatchObject({ retryable: true, networkCode: 'ECONNREFUSED', message: 'GetToken could not reach SmartConnect' });
		let thrown: unknown;
		try {
			readGetTokenResponse(503, '', { 'retry-after': '2' });
		} catch (error) {
			thrown = error;
		}
		expect(findLoginError(new Wrapper(node, thrown as JsonObject))).toMatchObject({ retryable: true, retryAfterMs: 2000 });
	});

	it.each(lines)('%s: an error that is not a login error is not taken for one', (_line, Wrapper) => {
		const other = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		expect(findLoginError(new Wrapper(node, other as unknown as JsonObject))).toBeUndefined();
		expect(networkErrorCode(new Wrapper(node, other as unknown as JsonObject))).toBe('ECONNREFUSED');
	});
});
