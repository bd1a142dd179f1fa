import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { trustedNetworkProperty } from '../nodes/SmartConnect/transport/baseUrl';

/**
 * The on-premise SmartConnect web service (SmartConnect.svc on the customer's IIS server). eOne's
 * default setup is anonymous access with an impersonation user; with "Validate User as Windows
 * User" the server checks a user name (DOMAIN\user) and password, which this credential sends as
 * Basic authentication.
 */
export class SmartConnectOnPremApi implements ICredentialType {
	name = 'smartConnectOnPremApi';

	displayName = 'SmartConnect On-Premise API';

	icon: Icon = { light: 'file:smartConnect.svg', dark: 'file:smartConnect.dark.svg' };

	documentationUrl = 'https://github.com/OWNER/n8n-nodes-smartconnect#on-premise-server';

	properties: INodeProperties[] = [
		{
			displayName:
				'Windows authentication (NTLM/Negotiate) is not supported: n8n cannot hold the one connection its handshake needs. Allow anonymous or Basic access to SmartConnect.svc in IIS.',
			name: 'ntlmNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://gp-app01:5557/SmartConnect.svc',
			description: 'The SmartConnect web service on your server (port 5557 unless changed in IIS), ending in SmartConnect.svc',
		},
		trustedNetworkProperty,
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'none',
			options: [
				{
					name: 'None',
					value: 'none',
					description: "Anonymous access, SmartConnect's default: the service runs requests as its impersonation user",
				},
				{
					name: 'Basic',
					value: 'basic',
					description: 'A user name and password, checked by IIS or by SmartConnect ("Validate User as Windows User")',
				},
			],
		},
		{
			displayName: 'User Name',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'e.g. CONTOSO\\nathan',
			description: 'As DOMAIN\\user',
			displayOptions: { show: { authentication: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['basic'] } },
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		if (credentials.authentication !== 'basic') return requestOptions;
		return { ...requestOptions, auth: { username: String(credentials.user ?? ''), password: String(credentials.password ?? '') } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serverUrl}}',
			url: '/getmaplist',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
	};
}
