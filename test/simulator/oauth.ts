/**
 * eOne's SmartConnect REST API (API "C", `next-frontier.md` §4) as a mode of the one simulator:
 * `POST /token` (password and refresh_token grants, form-encoded) and
 * `POST /v1/run-integration/{id}?returnErrors=true` with `Authorization: Bearer`, over the same maps
 * (an integration's ID is the map's key) and run numbers. Token lifetimes are settings; the access
 * token is checked at use time, so a test can expire it.
 */
import { randomBytes } from 'node:crypto';

import type { SimRequest, SimResponse, SimState } from './endpoints';
import { executeRun, sourceRows } from './runs';
import type { Variable } from './types';

export const OAUTH_CLIENT_ID = 'n8n-client';
/** Made up per process: no literal in the sources looks like a secret. */
export const OAUTH_CLIENT_SECRET = randomBytes(12).toString('base64url');

export interface OAuthSettings {
	username: string;
	password: string;
	clientId: string;
	clientSecret: string;
	/** Default 1,798 s, as eOne's own client assumes. */
	accessLifeMs: number;
	/** Default 604,800 s (7 days). */
	refreshLifeMs: number;
}

interface Issued {
	expires: number;
}

export class OAuthStore {
	readonly access = new Map<string, Issued>();
	readonly refresh = new Map<string, Issued>();

	issue(settings: OAuthSettings, now: number): { access_token: string; refresh_token: string; token_type: string; expires_in: number } {
		const access = randomBytes(24).toString('base64url');
		const refresh = randomBytes(24).toString('base64url');
		this.access.set(access, { expires: now + settings.accessLifeMs });
		this.refresh.set(refresh, { expires: now + settings.refreshLifeMs });
		return { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: Math.round(settings.accessLifeMs / 1000) };
	}

	/** Every access token expires now (as if its life had passed). */
	expireAccess(): void {
		for (const issued of this.access.values()) issued.expires = 0;
	}

	expireRefresh(): void {
		for (const issued of this.refresh.values()) issued.expires = 0;
	}
}

export function defaultOAuthSettings(username: string, password: string): OAuthSettings {
	return {
		username,
		password,
		clientId: OAUTH_CLIENT_ID,
		clientSecret: OAUTH_CLIENT_SECRET,
		accessLifeMs: 1798 * 1000,
		refreshLifeMs: 604800 * 1000,
	};
}

const JSON_TYPE = 'application/json; charset=utf-8';
const json = (value: unknown, status = 200): SimResponse => ({ status, body: JSON.stringify(value), contentType: JSON_TYPE });

/** The REST API route of a path: 'token', 'run-integration' (with its id), or undefined. */
export function oauthRoute(pathname: string): { endpoint: 'token' | 'run-integration'; id?: string } | undefined {
	const segments = pathname.split('/').filter((s) => s !== '');
	if (segments.length === 1 && segments[0].toLowerCase() === 'token') return { endpoint: 'token' };
	if (segments.length === 3 && segments[0].toLowerCase() === 'v1' && segments[1].toLowerCase() === 'run-integration') {
		return { endpoint: 'run-integration', id: decodeURIComponent(segments[2]) };
	}
	return undefined;
}

export function handleOAuth(
	state: SimState,
	settings: OAuthSettings,
	store: OAuthStore,
	route: NonNullable<ReturnType<typeof oauthRoute>>,
	req: SimRequest,
	headers: Record<string, string>,
): SimResponse {
	const now = state.settings.now();
	if (route.endpoint === 'token') {
		if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return json({ error: 'unsupported_grant_type' }, 400);
		const form = new URLSearchParams(req.body);
		if (form.get('client_id') !== settings.clientId || form.get('client_secret') !== settings.clientSecret) {
			return json({ error: 'invalid_client' }, 400);
		}
		const grant = form.get('grant_type');
		if (grant === 'password') {
			if (form.get('username') !== settings.username || form.get('password') !== settings.password) {
				return json({ error: 'invalid_grant', error_description: 'The user name or password is incorrect.' }, 400);
			}
			return json(store.issue(settings, now));
		}
		if (grant === 'refresh_token') {
			const token = form.get('refresh_token') ?? '';
			const issued = store.refresh.get(token);
			if (!issued || issued.expires <= now) return json({ error: 'invalid_grant' }, 400);
			store.refresh.delete(token);
			return json(store.issue(settings, now));
		}
		return json({ error: 'unsupported_grant_type' }, 400);
	}

	const bearer = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1] ?? '';
	const access = store.access.get(bearer);
	if (!access || access.expires <= now) return json({ Message: 'Authorization has been denied for this request.' }, 401);
	const map = state.maps.find((m) => !m.companyId && m.mapKey.toLowerCase() === (route.id ?? '').toLowerCase());
	if (!map || map.realTime) return json({ Message: `Integration ${route.id} was not found.` }, 404);
	let variables: Variable[];
	try {
		const body = JSON.parse(req.body) as { Variables?: Array<{ Name: string; Value: string }> };
		variables = (body.Variables ?? []).map((v) => ({ Key: String(v.Name), Value: String(v.Value) }));
	} catch {
		return json({ Message: 'The request body is not valid JSON.' }, 400);
	}
	const { record, response } = executeRun(map, 'runmap', state.runBook.take(map), sourceRows(map, variables), variables);
	state.runs.push({ ...record, endpoint: 'run-integration' });
	return json({
		Id: map.mapId,
		Description: map.description,
		Key: map.mapKey,
		ErrorMessage: response.ErrorMessage,
		RunNumber: response.RunNumber,
		ErrorCount: response.ErrorCount,
		RecordCount: response.RecordCount,
		Status: response.Status === 0 ? 'Successful' : 'Failed',
	});
}
