import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { credentialIdentityField, credentialTokenField } from '../nodes/SmartConnect/helpers/credentialFields';
import { loginError, loginRequest } from '../nodes/SmartConnect/helpers/login';
import { trustedNetworkProperty } from '../nodes/SmartConnect/transport/baseUrl';
import { oauthIdentity, oauthServiceUrl } from '../nodes/SmartConnect/transport/oauth';

/**
 * eOne's SmartConnect REST API (OAuth2, published March 2026): a password grant at
 * `https://api{region}.smartconnect.com/token` with a client id and secret. The access and refresh
 * tokens are hidden fields of the credential (never module memory); preAuthentication refreshes
 * with the refresh token, and logs in with the password when the refresh token is refused.
 */
export class SmartConnectOAuth2Api implements ICredentialType {
	name = 'smartConnectOAuth2Api';

	displayName = 'SmartConnect REST OAuth2 API';

	icon: Icon = { light: 'file:smartConnect.svg', dark: 'file:smartConnect.dark.svg' };

	documentationUrl = 'https://github.com/OWNER/n8n-nodes-smartconnect#rest-api-oauth2';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'na',
			options: [
				{ name: 'Asia Pacific (AU)', value: 'au' },
				{ name: 'Custom Token URL', value: 'custom' },
				{ name: 'Europe (EUK)', value: 'euk' },
				{ name: 'Europe (EUW)', value: 'euw' },
				{ name: 'Europe (EUW2)', value: 'euw2' },
				{ name: 'North America (NA)', value: 'na' },
				{ name: 'North America (NA2)', value: 'na2' },
				{ name: 'North America (NA3)', value: 'na3' },
			],
			description: 'Where your SmartConnect tenant lives: the token URL is https://api{region}.smartconnect.com/token',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://apina.smartconnect.com/token',
			description: 'The token endpoint; the API is called at the same address without /token',
			displayOptions: { show: { region: ['custom'] } },
		},
		{ ...trustedNetworkProperty, displayOptions: { show: { region: ['custom'] } } },
		{ displayName: 'User Name', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// Filled by preAuthentication; renewed when refused.
		credentialTokenField('Access Token', 'accessToken', { expirable: true }),
		credentialTokenField('Refresh Token', 'refreshToken', { expirable: false }),
		// The address, user name and client id the tokens were issued for.
		credentialIdentityField(),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokenUrl = `${oauthServiceUrl(credentials)}/token`;
		const client = { client_id: String(credentials.clientId ?? ''), client_secret: String(credentials.clientSecret ?? '') };
		const loggedInAs = oauthIdentity(credentials);
		const refreshToken = String(credentials.refreshToken ?? '');
		if (refreshToken !== '' && credentials.loggedInAs === loggedInAs) {
			const refreshed = await grant(this, tokenUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, ...client });
			if (refreshed) return { ...refreshed, loggedInAs };
		}
		const login = await grant(this, tokenUrl, {
			grant_type: 'password',
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
			...client,
		});
		if (!login) {
			throw loginError(
				'The login was refused: the SmartConnect REST API did not accept the user name, password, client ID or client secret. Check them in the credential.',
			);
		}
		return { ...login, loggedInAs };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	// Nothing public of the API reads without running: the test is the password grant itself.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{ $credentials.region === "custom" ? $credentials.tokenUrl : "https://api" + $credentials.region + ".smartconnect.com/token" }}',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: '={{ "grant_type=password&username=" + encodeURIComponent($credentials.username) + "&password=" + encodeURIComponent($credentials.password) + "&client_id=" + encodeURIComponent($credentials.clientId) + "&client_secret=" + encodeURIComponent($credentials.clientSecret) }}',
		},
	};
}

/**
 * One token request, form-encoded. Answers the tokens, or undefined when the grant was refused
 * (HTTP 400/401); a network error or 5xx is a login error that may be retried.
 */
async function grant(
	helper: IHttpRequestHelper,
	url: string,
	form: Record<string, string>,
): Promise<{ accessToken: string; refreshToken: string } | undefined> {
	const response = await loginRequest(
		helper,
		{ method: 'POST', url, body: new URLSearchParams(form).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
		'The SmartConnect REST API token endpoint could not be reached',
	);
	if (response.statusCode === 400 || response.statusCode === 401) return undefined;
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw loginError(`The SmartConnect REST API token endpoint answered with HTTP ${response.statusCode}`, undefined, response.statusCode >= 500);
	}
	let body: { access_token?: unknown; refresh_token?: unknown };
	try {
		body = JSON.parse(response.text) as typeof body;
	} catch {
		throw loginError('The SmartConnect REST API token endpoint did not answer JSON');
	}
	if (typeof body.access_token !== 'string' || body.access_token === '') {
		throw loginError('The SmartConnect REST API token endpoint answered without an access_token');
	}
	return {
		accessToken: body.access_token,
		refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : String(form.refresh_token ?? ''),
	};
}
