import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { findLoginError } from '../helpers/login';
import type { AuthStrategy } from './auth';
import { checkedBaseUrl, sendWithCredentialData } from './baseUrl';

/**
 * eOne's SmartConnect REST API (API C, `next-frontier.md` §4): OAuth2 password grant, refresh with
 * `grant_type=refresh_token`, `Authorization: Bearer`. The credential's preAuthentication does the
 * grants; an empty access token makes n8n run it again, which is how a refused token is renewed.
 */

/**
 * The API's address: `https://api{region}.smartconnect.com` [D for the token URL], or the custom
 * token URL without `/token`. That the API lives beside its token endpoint is inferred.
 */
export function oauthServiceUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'na');
	if (region !== 'custom') return `https://api${region}.smartconnect.com`;
	return String(credentials.tokenUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/token$/i, '');
}

/** Who the stored tokens were issued to: a token of another address, user or client is not reused. */
export function oauthIdentity(credentials: ICredentialDataDecryptedObject): string {
	return [oauthServiceUrl(credentials), String(credentials.username ?? '').trim(), String(credentials.clientId ?? '').trim()].join('|');
}

export const smartConnectOAuth2Api: AuthStrategy = {
	credentialType: 'smartConnectOAuth2Api',
	service: 'oauth',

	baseUrl: checkedBaseUrl({
		credentialType: 'smartConnectOAuth2Api',
		fallbackName: 'SmartConnect REST API',
		field: 'Token URL',
		example: 'Choose your region, or give the token URL, e.g. https://apina.smartconnect.com/token',
		read: (credentials) => oauthServiceUrl(credentials),
	}),

	loginOutdated(credentials) {
		return String(credentials.accessToken ?? '') !== '' && credentials.loggedInAs !== oauthIdentity(credentials);
	},

	async send(options, data) {
		return await sendWithCredentialData(this, smartConnectOAuth2Api.credentialType, options, data);
	},

	// A new login for another identity must not use the old identity's refresh token.
	withoutToken: (credentials) => ({
		...credentials,
		accessToken: '',
		...(credentials.loggedInAs === oauthIdentity(credentials) ? {} : { refreshToken: '' }),
	}),

	token: (credentials) => String(credentials.accessToken ?? ''),

	loginFailure: findLoginError,

	secrets(credentials) {
		return ['accessToken', 'refreshToken', 'password', 'clientSecret']
			.map((field) => String(credentials[field] ?? ''))
			.filter((value) => value.length >= 4);
	},
};
