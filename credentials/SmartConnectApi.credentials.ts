import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { normalizeApiUrl, tokenIdentity } from '../nodes/SmartConnect/helpers/identity';
import { credentialIdentityField, credentialTokenField } from '../nodes/SmartConnect/helpers/credentialFields';
import { loginError, loginRequest, readGetTokenResponse, type LoginAnswer } from '../nodes/SmartConnect/helpers/login';
import { trustedNetworkProperty } from '../nodes/SmartConnect/transport/baseUrl';
import {
	hmacPassword,
	parseRsaKeyValue,
	rsaEncryptPassword,
	type PasswordEncoding,
} from '../nodes/SmartConnect/helpers/password';

export class SmartConnectApi implements ICredentialType {
	name = 'smartConnectApi';

	displayName = 'SmartConnect API';

	icon: Icon = { light: 'file:smartConnect.svg', dark: 'file:smartConnect.dark.svg' };

	documentationUrl = 'https://github.com/OWNER/n8n-nodes-smartconnect#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://smartconnect-na-scheduler.azurewebsites.net/API',
			description: 'In SmartConnect.com: System › API Settings › API Url',
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2f6c1a0e-8b3d-4c7a-9e15-3d2b7f40a9c1',
			description:
				'In SmartConnect.com: System › API Settings › Customer Id. Tokens are per company: use one credential per company.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. nathan@example.com',
			default: '',
			required: true,
			description: 'The email address you use to log in to SmartConnect.com',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password you use to log in to SmartConnect.com',
		},
		{
			displayName: 'Password Encoding',
			name: 'loginEncoding',
			type: 'options',
			default: 'hmacSha256',
			description: 'How the password is sent when the credential logs in (GetToken)',
			options: [
				{
					name: 'HMAC-SHA256',
					value: 'hmacSha256',
					description: "The hashed form from eOne's web service guide; the password itself is never sent",
				},
				{
					name: 'Plain Text',
					value: 'plain',
					description: 'The password as typed, over HTTPS',
				},
				{
					name: 'RSA (Public Key)',
					value: 'rsa',
					description: "Encrypted with SmartConnect's RSA public key, fetched from the Public Key URL",
				},
			],
		},
		{
			displayName: 'Public Key URL',
			name: 'publicKeyUrl',
			type: 'string',
			default: 'https://login.smartconnect.com/v1/public-key',
			description: 'Where SmartConnect publishes the RSA public key (an &lt;RSAKeyValue&gt;)',
			displayOptions: { show: { loginEncoding: ['rsa'] } },
		},
		trustedNetworkProperty,
		// Filled by preAuthentication through GetToken; renewed when SmartConnect rejects it.
		credentialTokenField('Session Token', 'sessionToken', { expirable: true }),
		// Fingerprint of the API URL, company and email the session token was issued for.
		credentialIdentityField(),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const apiUrl = normalizeApiUrl(credentials.apiUrl);
		const encoding = (credentials.loginEncoding as PasswordEncoding | undefined) ?? 'hmacSha256';
		const password = String(credentials.password ?? '');
		let encodedPassword = password;
		if (encoding === 'hmacSha256') {
			encodedPassword = hmacPassword(password);
		} else if (encoding === 'rsa') {
			const keyResponse = await send(this, {
				method: 'POST',
				url: String(credentials.publicKeyUrl ?? ''),
			}, 'The Public Key URL');
			encodedPassword = rsaEncryptPassword(password, parseRsaKeyValue(keyResponse.text));
		}
		const response = await send(
			this,
			{
				method: 'POST',
				url: `${apiUrl}/GetToken`,
				// n8n percent-encodes query values, so `+ / =` of the HMAC/RSA forms arrive intact.
				qs: {
					email: String(credentials.email ?? '').trim(),
					password: encodedPassword,
					companyId: String(credentials.customerId ?? '').trim(),
				},
			},
			'GetToken',
		);
		const sessionToken = readGetTokenResponse(response.statusCode, response.text, response.headers);
		return { sessionToken, loggedInAs: tokenIdentity(credentials) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { qs: { token: '={{$credentials.sessionToken}}' } },
	};

	// validate answers the JSON literal `true` or `false`. n8n's rules read a path of the
	// response body, so the body is taken as text and its first character checked.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.trim().replace(/\\/+$/, "")}}',
			url: '/validate',
			method: 'POST',
			headers: { Accept: 'application/json' },
			encoding: 'text',
			json: false,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: 'f',
					message: 'SmartConnect did not accept the token it issued (validate answered false)',
				},
			},
		],
	};
}

/** One login request (the query string of GetToken holds the password); only GetToken's answer is read whatever its status. */
async function send(helper: IHttpRequestHelper, options: IHttpRequestOptions, step: string): Promise<LoginAnswer> {
	const response = await loginRequest(helper, options, `${step} could not reach SmartConnect`);
	if (step !== 'GetToken' && (response.statusCode < 200 || response.statusCode > 299)) {
		throw loginError(`${step} answered with HTTP ${response.statusCode}`);
	}
	return response;
}
