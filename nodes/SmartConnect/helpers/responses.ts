import { parseXml, type XmlElement } from '../xml';

/**
 * The one decoder of SmartConnect's answers and the one redactor of secrets, for the transport and
 * the credential's login alike. The service is ASP.NET Web API: JSON by default, DataContract XML
 * on `Accept: application/xml`, `<string>` wrappers around serialized strings, JSON-quoted strings
 * and booleans, and — for an unknown map key or URL — a blank body.
 */

/** Marks the documented "blank response": wrong URL, or no access to that map key. */
export const BLANK = Symbol('blank response');
export type Decoded = unknown | typeof BLANK;

/** A body that could not be read: an HTML error page, broken JSON or broken XML. */
export interface Unreadable {
	unreadable: string;
}

export function isUnreadable(value: unknown): value is Unreadable {
	return typeof value === 'object' && value !== null && typeof (value as Unreadable).unreadable === 'string' && Object.keys(value).length === 1;
}

const SERIALIZATION_NS = 'http://schemas.microsoft.com/2003/10/Serialization/';

function dataContractValue(element: XmlElement): unknown {
	const elements = element.children.filter((child): child is XmlElement => typeof child !== 'string');
	if (elements.length === 0) {
		if (element.attributes['i:nil'] === 'true') return null;
		return element.children.join('');
	}
	if (element.name.startsWith('ArrayOf')) return elements.map(dataContractValue);
	const result: Record<string, unknown> = {};
	for (const child of elements) result[child.name] = dataContractValue(child);
	return result;
}

function primitiveFromXml(element: XmlElement): unknown {
	const text = element.children.filter((child) => typeof child === 'string').join('');
	switch (element.name) {
		case 'boolean':
			return text.trim() === 'true';
		case 'int':
		case 'long':
		case 'decimal':
		case 'double':
			return Number(text);
		default:
			return text;
	}
}

function decodeXml(text: string): unknown {
	let root: XmlElement;
	try {
		root = parseXml(text);
	} catch (error) {
		return { unreadable: `SmartConnect sent XML that could not be read: ${(error as Error).message}` };
	}
	if (root.attributes.xmlns === SERIALIZATION_NS) return primitiveFromXml(root);
	return dataContractValue(root);
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A response body as text, whatever form n8n's HTTP helper returned it in. */
export function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined || body === null ? '' : String(body);
}

/** Retry-After in milliseconds (seconds or an HTTP date), if the response has a readable one. */
export function retryAfterMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
	const raw = headers['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Turns a response body into a value; an HTML page or broken JSON/XML becomes an Unreadable. */
export function decodeBody(text: string): Decoded | Unreadable {
	const body = text.replace(/^\uFEFF/, '').trim();
	if (body === '') return BLANK;
	const first = body[0];
	if (first === '<') {
		if (/^<(!doctype\s+html|html[\s>])/i.test(body)) {
			const title = /<title>([^<]{0,200})<\/title>/i.exec(body)?.[1]?.trim();
			return { unreadable: `SmartConnect answered with an HTML page${title ? ` ("${title}")` : ''} instead of data` };
		}
		return decodeXml(body);
	}
	if (first === '{' || first === '[' || first === '"' || /^(-?\d|true$|false$|null$)/.test(body)) {
		try {
			return JSON.parse(body) as unknown;
		} catch {
			return {
				unreadable: `SmartConnect sent a response that is not valid JSON (${body.length} characters, starting "${body.slice(0, 40)}")`,
			};
		}
	}
	return body;
}

/**
 * Hides secrets in text SmartConnect sent back or n8n would show: query values of `token` and
 * `password` (ASP.NET echoes the request URI in some errors) and any of the given secret values.
 */
export function redactSecrets(text: string, secrets: string[] = []): string {
	let result = text.replace(/\b(token|password)=[^&\s'"<>]*/gi, '$1=***');
	for (const secret of secrets) {
		if (secret === '') continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join('***');
	}
	return result;
}

/** The message of an ASP.NET error body (`{"Message": …}`), if the value is one, with query secrets hidden. */
export function serviceMessage(value: unknown): string | undefined {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const record = value as Record<string, unknown>;
		const message = record.Message ?? record.message ?? record.ExceptionMessage;
		if (typeof message === 'string' && message.trim() !== '') return redactSecrets(message.trim());
	}
	return undefined;
}

const TOKEN_REJECTION = /(authori[sz]ation has been denied|token[^.]{0,40}(invalid|expired|not valid|revoked)|(invalid|expired)[^.]{0,20}token|not authori[sz]ed|unauthori[sz]ed)/i;

/**
 * Whether SmartConnect refused the token. The service's choice is undocumented: a 401, or a
 * 200 whose body is only an error message about the token. Both are handled the same way.
 */
export function isTokenRejection(statusCode: number, value: Decoded): boolean {
	if (statusCode === 401) return true;
	if (statusCode < 200 || statusCode > 299) return false;
	if (typeof value === 'string') return TOKEN_REJECTION.test(value);
	const message = serviceMessage(value);
	if (message === undefined) return false;
	const keys = Object.keys(value as object);
	const onlyAnError = keys.every((key) => /^(message|messagedetail|exceptionmessage|exceptiontype|stacktrace)$/i.test(key));
	return onlyAnError && TOKEN_REJECTION.test(message);
}
