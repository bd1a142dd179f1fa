import { BLANK, decodeBody, isTokenRejection, serviceMessage } from '../../nodes/SmartConnect/helpers/responses';

describe('response decoding', () => {
	it('reads the blank body as the documented blank response', () => {
		expect(decodeBody('')).toBe(BLANK);
		expect(decodeBody('\uFEFF \r\n')).toBe(BLANK);
	});

	it('reads JSON literals, quoted strings, arrays and objects', () => {
		expect(decodeBody('true')).toBe(true);
		expect(decodeBody('false')).toBe(false);
		expect(decodeBody('"abc"')).toBe('abc');
		expect(decodeBody('[{"MapKey":"k"}]')).toEqual([{ MapKey: 'k' }]);
		expect(decodeBody('{"Status":0,"RunNumber":81}')).toEqual({ Status: 0, RunNumber: 81 });
	});

	it('reads the <string> and <boolean> serialization wrappers', () => {
		const ns = 'http://schemas.microsoft.com/2003/10/Serialization/';
		expect(decodeBody(`<string xmlns="${ns}">&lt;MyDataSet&gt;&#xD;\n&lt;/MyDataSet&gt;</string>`)).toBe(
			'<MyDataSet>\r\n</MyDataSet>',
		);
		expect(decodeBody(`<?xml version="1.0"?><boolean xmlns="${ns}">true</boolean>`)).toBe(true);
		expect(decodeBody(`<boolean xmlns="${ns}">false</boolean>`)).toBe(false);
	});

	it('reads DataContract XML objects and arrays', () => {
		const xml =
			'<RunMapResponse xmlns="http://schemas.datacontract.org/2004/07/eOne.SmartConnect.Api.Models" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
			'<ErrorCount>0</ErrorCount><ErrorMessage/><Errors i:nil="true"/><MapId>M</MapId><RunNumber>81</RunNumber><Status>0</Status></RunMapResponse>';
		expect(decodeBody(xml)).toEqual({ ErrorCount: '0', ErrorMessage: '', Errors: null, MapId: 'M', RunNumber: '81', Status: '0' });
		const list =
			'<ArrayOfMapListItem><MapListItem><MapId>A</MapId></MapListItem><MapListItem><MapId>B</MapId></MapListItem></ArrayOfMapListItem>';
		expect(decodeBody(list)).toEqual([{ MapId: 'A' }, { MapId: 'B' }]);
	});

	it('refuses HTML pages and truncated JSON with a clear message', () => {
		expect(decodeBody('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>')).toEqual({
			unreadable: 'SmartConnect answered with an HTML page ("502 Bad Gateway") instead of data',
		});
		expect(decodeBody('{"Status":0,"Run')).toEqual({ unreadable: expect.stringMatching(/not valid JSON \(16 characters/) });
		expect(decodeBody('<a><b></a>')).toEqual({ unreadable: expect.stringMatching(/XML that could not be read/) });
	});

	it('finds the ASP.NET error message', () => {
		expect(serviceMessage({ Message: 'An error has occurred.' })).toBe('An error has occurred.');
		expect(serviceMessage([{ Message: 'x' }])).toBeUndefined();
		expect(serviceMessage('text')).toBeUndefined();
	});
});

describe('token rejection', () => {
	it('is any 401', () => {
		expect(isTokenRejection(401, BLANK)).toBe(true);
		expect(isTokenRejection(401, { Message: 'whatever' })).toBe(true);
	});

	it('is a 200 whose body is only a message about the token', () => {
		expect(isTokenRejection(200, { Message: 'Authorization has been denied for this request.' })).toBe(true);
		expect(isTokenRejection(200, { Message: 'The token is invalid or has expired.' })).toBe(true);
		expect(isTokenRejection(200, 'Invalid token')).toBe(true);
	});

	it('is not a normal answer, another error, or a run result that mentions tokens', () => {
		expect(isTokenRejection(200, false)).toBe(false);
		expect(isTokenRejection(200, [])).toBe(false);
		expect(isTokenRejection(500, { Message: 'Authorization has been denied' })).toBe(false);
		expect(isTokenRejection(200, { Message: 'Map locked' })).toBe(false);
		expect(
			isTokenRejection(200, { Status: 1, ErrorMessage: 'token invalid in row', Message: 'The token is invalid' }),
		).toBe(false);
	});
});
