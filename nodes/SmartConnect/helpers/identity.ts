import { createHash } from 'node:crypto';

/** The API URL without trailing slashes: the one form every request path is joined to. */
export function normalizeApiUrl(apiUrl: unknown): string {
	return String(apiUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/**
 * A token is valid for one company and one user on one API host. The credential stores this
 * fingerprint next to the token; when the user edits the email, Customer Id or API URL, the
 * fingerprints differ and the stored token is not used again.
 */
export function tokenIdentity(credentials: { apiUrl?: unknown; customerId?: unknown; email?: unknown }): string {
	const parts = [
		normalizeApiUrl(credentials.apiUrl).toLowerCase(),
		String(credentials.customerId ?? '').trim().toLowerCase(),
		String(credentials.email ?? '').trim().toLowerCase(),
	];
	return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 32);
}

/** Why an API URL cannot be used, or undefined when it can. */
export function apiUrlProblem(apiUrl: string): string | undefined {
	if (apiUrl === '') return 'is empty';
	let url: URL;
	try {
		url = new URL(apiUrl);
	} catch {
		return `"${apiUrl.slice(0, 100)}" is not a valid URL`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${apiUrl.slice(0, 100)}" is not an http(s) URL`;
	if (url.search !== '' || url.hash !== '') return `"${apiUrl.slice(0, 100)}" must not contain a query or fragment`;
	if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
	return undefined;
}
