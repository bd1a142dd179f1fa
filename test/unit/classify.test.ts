import type { RequestKind } from '../../nodes/SmartConnect/helpers/interfaces';
import {
	classify,
	classifyPlainRead,
	MAX_OWN_LOGINS,
	MAX_RETRY_DELAY_MS,
	MAX_TOKEN_RESENDS,
	renewal,
	type Attempt,
	type AttemptState,
	type Verdict,
} from '../../nodes/SmartConnect/transport/classify';

/** The transport's classifier, branch by branch: one attempt's outcome and the request's state in, a verdict out. */

function state(overrides: Partial<AttemptState> = {}): AttemptState {
	return {
		endpoint: 'GetMapList',
		kind: 'read',
		settings: { timeoutMs: 300000, retries: 2, retryBaseDelayMs: 500 },
		retried: 0,
		tokenResends: 0,
		ownLogins: 0,
		credentialName: 'SmartConnect account',
		...overrides,
	};
}

const answer = (statusCode: number, text: string, headers: Record<string, string> = {}): Attempt => ({
	response: { statusCode, headers, text },
});

const kinds: RequestKind[] = ['read', 'run'];

describe('an answer SmartConnect meant', () => {
	it('is ok, decoded', () => {
		expect(classify(answer(200, '[{"MapKey":"k"}]'), state())).toEqual({ action: 'ok', value: [{ MapKey: 'k' }] });
		expect(classify(answer(200, 'false'), state({ endpoint: 'validate' }))).toEqual({ action: 'ok', value: false });
		expect(classify(answer(201, '"x"'), state())).toEqual({ action: 'ok', value: 'x' });
	});

	it.each(kinds)('a blank 200 fails for a %s, and may have reached SmartConnect', (kind) => {
		expect(classify(answer(200, ' \r\n'), state({ kind, endpoint: 'runmap' }))).toEqual({
			action: 'fail',
			sent: 'unknown',
			message: 'SmartConnect runmap returned a blank response',
			description: expect.stringMatching(/map key is unknown or your user has no access/),
			httpCode: 200,
		});
	});

	it('a 4xx other than 401 fails at once, with the service message, as not sent', () => {
		expect(classify(answer(404, '{"Message":"No HTTP resource was found"}'), state())).toEqual({
			action: 'fail',
			sent: false,
			message: 'SmartConnect GetMapList answered with HTTP 404',
			description: 'No HTTP resource was found',
			httpCode: 404,
		});
		expect(classify(answer(400, 'Bad things'), state())).toMatchObject({ action: 'fail', description: 'Bad things' });
		expect(classify(answer(400, '[1]'), state())).toMatchObject({ description: 'No message from SmartConnect' });
	});
});

describe('a refused token', () => {
	const denied = answer(401, '{"Message":"Authorization has been denied for this request."}');
	const renew = (overrides: Partial<AttemptState> = {}) => {
		const verdict = classify(denied, state({ kind: 'run', ...overrides }));
		if (verdict.action !== 'renewToken') throw new Error(`expected renewToken, got ${verdict.action}`);
		return verdict;
	};

	it.each([
		['HTTP 401', denied],
		['a 200 error body', answer(200, '{"Message":"The token is invalid or has expired."}')],
	])('%s renews the token, for reads and runs alike, waiting longer with each resend', (_label, outcome) => {
		for (const kind of kinds) {
			expect(classify(outcome, state({ kind }))).toMatchObject({ action: 'renewToken', waitMs: 500, otherwise: { action: 'fail', sent: false } });
			expect(classify(outcome, state({ kind, tokenResends: 2 }))).toMatchObject({ action: 'renewToken', waitMs: 2000 });
		}
	});

	it('is resent with a stored token it has not had refused before any login of its own', () => {
		for (let ownLogins = 0; ownLogins <= MAX_OWN_LOGINS; ownLogins++) {
			expect(renewal(renew({ ownLogins }), { ownLogins }, true)).toEqual({ action: 'useStoredToken' });
		}
	});

	it(`without such a token, logs in, at most ${MAX_OWN_LOGINS} times, then fails as not sent`, () => {
		expect(renewal(renew(), { ownLogins: 0 }, false)).toEqual({ action: 'login' });
		expect(renewal(renew({ ownLogins: 1 }), { ownLogins: 1 }, false)).toEqual({ action: 'login' });
		const last = renew({ ownLogins: MAX_OWN_LOGINS, tokenResends: 2 });
		expect(renewal(last, { ownLogins: MAX_OWN_LOGINS }, false)).toEqual<Verdict>({
			action: 'fail',
			sent: false,
			message: 'SmartConnect rejected the token of credential "SmartConnect account" right after a new login',
			description: 'Authorization has been denied for this request.',
			httpCode: 401,
		});
		expect(classify(answer(401, ''), state({ ownLogins: 1 }))).toMatchObject({ otherwise: { description: 'HTTP 401' } });
	});

	it(`fails after ${MAX_TOKEN_RESENDS} resends, whatever is stored, without looping`, () => {
		expect(classify(denied, state({ tokenResends: MAX_TOKEN_RESENDS, ownLogins: 1 }))).toEqual({
			action: 'fail',
			sent: false,
			message: 'SmartConnect rejected the token of credential "SmartConnect account" right after a new login',
			description: 'Authorization has been denied for this request.',
			httpCode: 401,
		});
		expect(classify(denied, state({ tokenResends: MAX_TOKEN_RESENDS }))).toMatchObject({
			action: 'fail',
			message: `SmartConnect rejected the token of credential "SmartConnect account" after ${MAX_TOKEN_RESENDS + 1} tokens`,
		});
	});
});

describe('429 and 5xx', () => {
	it('a read is retried with doubling backoff, then fails naming the attempts', () => {
		expect(classify(answer(503, ''), state({ retried: 0 }))).toEqual({ action: 'retry', delayMs: 500, sent: 'unknown' });
		expect(classify(answer(503, ''), state({ retried: 1 }))).toEqual({ action: 'retry', delayMs: 1000, sent: 'unknown' });
		expect(classify(answer(503, '{"Message":"Down"}'), state({ retried: 2 }))).toEqual({
			action: 'fail',
			sent: 'unknown',
			message: 'SmartConnect GetMapList answered with HTTP 503',
			description: 'Down after 3 attempt(s)',
			httpCode: 503,
		});
	});

	it('Retry-After decides the wait (seconds or an HTTP date), capped at 60 s', () => {
		expect(classify(answer(429, '', { 'retry-after': '2' }), state())).toMatchObject({ action: 'retry', delayMs: 2000 });
		expect(classify(answer(502, '', { 'retry-after': '0' }), state({ retried: 1 }))).toMatchObject({ delayMs: 0 });
		expect(classify(answer(503, '', { 'retry-after': '3600' }), state())).toMatchObject({ delayMs: MAX_RETRY_DELAY_MS });
		expect(classify(answer(503, '', { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), state())).toMatchObject({ delayMs: 0 });
		expect(classify(answer(503, '', { 'retry-after': 'soon' }), state())).toMatchObject({ delayMs: 500 });
	});

	it('the doubling backoff is capped too', () => {
		const patient = state({ retried: 9, settings: { timeoutMs: 1000, retries: 10, retryBaseDelayMs: 500 } });
		expect(classify(answer(500, ''), patient)).toMatchObject({ action: 'retry', delayMs: MAX_RETRY_DELAY_MS });
	});

	it('a run is never resent: it fails at once, saying the map may have run', () => {
		expect(classify(answer(502, '', { 'retry-after': '0' }), state({ kind: 'run', endpoint: 'runmapdatatable' }))).toEqual({
			action: 'fail',
			sent: 'unknown',
			message: 'SmartConnect runmapdatatable answered with HTTP 502',
			description:
				'The service reported an error. The map may have run; it was not sent again. Check its run history before running it again',
			httpCode: 502,
		});
	});

	it('no retry when Retries is 0', () => {
		expect(classify(answer(503, ''), state({ settings: { timeoutMs: 1, retries: 0, retryBaseDelayMs: 500 } }))).toMatchObject({
			action: 'fail',
			description: 'The service reported an error after 1 attempt(s)',
		});
	});
});

describe('an unreadable answer', () => {
	const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>';

	it('is retried for a read when it may be transient (2xx, 429, 5xx)', () => {
		expect(classify(answer(502, html), state())).toEqual({ action: 'retry', delayMs: 500, sent: 'unknown' });
		expect(classify(answer(200, '{"Status":0,"Run'), state())).toEqual({ action: 'retry', delayMs: 500, sent: 'unknown' });
	});

	it('fails a run at once, saying the map may have run', () => {
		expect(classify(answer(200, '{"Status":0,"Run'), state({ kind: 'run', endpoint: 'runmap' }))).toEqual({
			action: 'fail',
			sent: 'unknown',
			message: 'SmartConnect runmap sent an unreadable response (HTTP 200)',
			description: expect.stringMatching(/not valid JSON.*The map may have run; check its run history/),
			httpCode: 200,
		});
	});

	it('fails at once as not sent behind a 4xx', () => {
		expect(classify(answer(404, html), state())).toEqual({
			action: 'fail',
			sent: false,
			message: 'SmartConnect GetMapList sent an unreadable response (HTTP 404)',
			description: 'SmartConnect answered with an HTML page ("502 Bad Gateway") instead of data',
			httpCode: 404,
		});
	});
});

describe('no answer (network errors)', () => {
	it.each(kinds)('a refused connection proves nothing was sent: a %s is retried', (kind) => {
		expect(classify({ network: 'ECONNREFUSED' }, state({ kind }))).toEqual({ action: 'retry', delayMs: 500, sent: false });
	});

	it('a reset or timeout: a read is retried, a run is not', () => {
		expect(classify({ network: 'ECONNRESET' }, state())).toEqual({ action: 'retry', delayMs: 500, sent: 'unknown' });
		expect(classify({ network: 'ECONNRESET' }, state({ kind: 'run', endpoint: 'runmap' }))).toEqual({
			action: 'fail',
			sent: 'unknown',
			message: 'SmartConnect runmap: the connection was lost',
			description:
				"The request may have reached SmartConnect, so the map may have run; it was not sent again. Check the map's run history in SmartConnect.com before running it again (network error ECONNRESET)",
		});
	});

	it('says what happened once the retries are spent', () => {
		const spent = state({ retried: 2, settings: { timeoutMs: 30000, retries: 2, retryBaseDelayMs: 500 } });
		expect(classify({ network: 'ECONNABORTED' }, spent)).toMatchObject({
			message: 'SmartConnect GetMapList: no answer within 30 s',
			description: 'Network error ECONNABORTED after 3 attempt(s)',
			sent: 'unknown',
		});
		expect(classify({ network: 'ECONNREFUSED' }, spent)).toMatchObject({ message: 'SmartConnect GetMapList: could not connect', sent: false });
		expect(classify({ network: 'unknown' }, spent)).toMatchObject({ message: 'SmartConnect GetMapList: the connection was lost' });
	});
});

describe('a failed login', () => {
	const refused = { message: 'The login was refused: SmartConnect did not accept the email, password or Customer ID.', retryable: false };

	it.each(kinds)('refused: a %s fails at once, never retried, as not sent, naming the credential', (kind) => {
		expect(classify({ login: refused }, state({ kind }))).toEqual({
			action: 'fail',
			sent: false,
			message: 'SmartConnect refused the login for credential "SmartConnect account"',
			description: refused.message,
		});
	});

	it.each(kinds)('a fault of the login service: a %s is retried (GetToken never reached the map)', (kind) => {
		const fault = { message: 'GetToken answered with HTTP 503', retryable: true, retryAfterMs: 2000 };
		expect(classify({ login: fault }, state({ kind }))).toEqual({ action: 'retry', delayMs: 2000, sent: false });
		const network = { message: 'GetToken could not reach SmartConnect', retryable: true, networkCode: 'ECONNRESET' };
		expect(classify({ login: network }, state({ kind, retried: 1 }))).toEqual({ action: 'retry', delayMs: 1000, sent: false });
	});

	it('fails once the retries are spent, with the network code in the description', () => {
		const network = { message: 'GetToken could not reach SmartConnect', retryable: true, networkCode: 'ECONNRESET' };
		expect(classify({ login: network }, state({ retried: 2 }))).toEqual({
			action: 'fail',
			sent: false,
			message: 'SmartConnect could not log in with credential "SmartConnect account"',
			description: 'GetToken could not reach SmartConnect (network error ECONNRESET)',
		});
	});
});

describe('a read outside the token transport (an output download, GetCompanyList)', () => {
	const plain = (statusCode: number, headers: Record<string, string> = {}) => ({ response: { statusCode, headers, body: 'x' } });
	const read = (retried = 0, retries = 2) => ({
		endpoint: 'read',
		kind: 'read' as const,
		settings: { timeoutMs: 300000, retries, retryBaseDelayMs: 500 },
		retried,
	});

	it('hands back any answer that is not 429 or 5xx as it came, whatever its status', () => {
		for (const statusCode of [200, 204, 401, 404]) {
			expect(classifyPlainRead(plain(statusCode), read())).toEqual({ action: 'ok', value: plain(statusCode).response });
		}
	});

	it('retries 429 and 5xx as every read is (Retry-After, else doubling backoff), then hands back the last answer', () => {
		expect(classifyPlainRead(plain(503, { 'retry-after': '2' }), read())).toEqual({ action: 'retry', delayMs: 2000, sent: 'unknown' });
		expect(classifyPlainRead(plain(429, { 'retry-after': '600' }), read())).toMatchObject({ delayMs: MAX_RETRY_DELAY_MS });
		expect(classifyPlainRead(plain(500), read(1))).toEqual({ action: 'retry', delayMs: 1000, sent: 'unknown' });
		expect(classifyPlainRead(plain(502), read(2))).toEqual({ action: 'ok', value: plain(502).response });
		expect(classifyPlainRead(plain(502), read(0, 0))).toEqual({ action: 'ok', value: plain(502).response });
	});

	it('retries no answer, then fails', () => {
		expect(classifyPlainRead({ network: 'ECONNRESET' }, read())).toEqual({ action: 'retry', delayMs: 500, sent: 'unknown' });
		expect(classifyPlainRead({ network: 'ECONNREFUSED' }, read(1))).toEqual({ action: 'retry', delayMs: 1000, sent: false });
		expect(classifyPlainRead({ network: 'ECONNRESET' }, read(2))).toMatchObject({ action: 'fail', sent: 'unknown' });
	});
});
