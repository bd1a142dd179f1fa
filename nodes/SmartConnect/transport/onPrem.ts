import type { AuthStrategy, Context, FullResponse } from './auth';
import { checkedBaseUrl } from './baseUrl';
import type { Refusal } from './classify';

/**
 * The on-premise SmartConnect WCF REST service (API B, `smartconnect-api.md` §2): the customer's
 * own IIS server, `http(s)://<server>:5557/SmartConnect.svc/<method>/{MapId}`. No token: the
 * credential sends nothing (anonymous IIS, eOne's default) or a user name and password with every
 * request (Basic), so there is no login to renew.
 */

/** The Server URL without trailing slashes or spaces. */
export function normalizeServerUrl(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/**
 * eOne's documented security refusals (§2.1), matched on their words (the exact strings and HTTP
 * statuses are not documented), each with what the user must change. Real-time maps are refused
 * too ("Real-Time maps cannot be run via WCF").
 */
const REFUSALS: ReadonlyArray<{ pattern: RegExp; refusal: Refusal }> = [
	{
		pattern: /operation disabled on this server/i,
		refusal: {
			message: 'The SmartConnect server has this operation switched off',
			description:
				"SmartConnect answered \"operation disabled on this server\": the web service's web.config disables the method (AllowGetMaps, AllowRunMapDataTable, AllowRunMapXml, …). Ask the server's administrator to set it to true in SmartConnect.svc's web.config",
		},
	},
	{
		pattern: /operation disabled within SmartConnect/i,
		refusal: {
			message: 'SmartConnect has this operation switched off',
			description:
				'SmartConnect answered "operation disabled within SmartConnect": enable the operation (e.g. GetMaps, Run Map With Data Table, Run Map Xml) in SmartConnect\'s web service Request Security',
		},
	},
	{
		pattern: /invalid user for this operation/i,
		refusal: {
			message: 'SmartConnect refused the user for this operation',
			description:
				'SmartConnect answered "Invalid user for this operation": add the credential\'s user (DOMAIN\\user) to the operation\'s users in SmartConnect\'s web service Request Security, or check the credential\'s Authentication, User Name and Password (with "Validate User as Windows User" the server checks them against Windows)',
		},
	},
	{
		pattern: /invalid client endpoint for this operation/i,
		refusal: {
			message: "SmartConnect refused the n8n host's IP address",
			description:
				'SmartConnect answered "invalid client endpoint for this operation": the operation\'s IP filter in SmartConnect\'s web service Request Security does not allow the address n8n connects from. Add it to the filter',
		},
	},
	{
		pattern: /invalid service request configuration/i,
		refusal: {
			message: 'SmartConnect refused the request at this time',
			description:
				'SmartConnect answered "invalid service request configuration": the operation\'s time filter in SmartConnect\'s web service Request Security does not allow requests now. Run it within the allowed hours or change the filter',
		},
	},
	{
		pattern: /map is unavailable or does not exist/i,
		refusal: {
			message: 'The map is unavailable or does not exist',
			description:
				"SmartConnect answered \"map is unavailable or does not exist\": check the Map ID (the human ID, e.g. GP_ACC, not a GUID); the credential's user may have no access to the map, or the map is locked or being edited",
		},
	},
	{
		pattern: /real[- ]?time/i,
		refusal: {
			message: 'SmartConnect does not run real-time maps through its web service',
			description:
				'Real-time maps cannot be run through the on-premise web service (eOne documents this). Run a map with an ordinary data source, or let the real-time map run on its own trigger',
		},
	},
];

export function explainOnPremRefusal(message: string): Refusal | undefined {
	return REFUSALS.find(({ pattern }) => pattern.test(message))?.refusal;
}

/**
 * On-premise SmartConnect (`smartConnectOnPremApi`): the credential's `authenticate` adds Basic
 * authentication when chosen; a 401 is final (nothing to renew), the documented refusals explain
 * themselves.
 */
export const smartConnectOnPremApi: AuthStrategy = {
	credentialType: 'smartConnectOnPremApi',
	service: 'onPrem',
	renewable: false,
	explainRefusal: explainOnPremRefusal,

	baseUrl: checkedBaseUrl({
		credentialType: 'smartConnectOnPremApi',
		fallbackName: 'SmartConnect On-Premise',
		field: 'Server URL',
		example: 'The address of the SmartConnect web service, e.g. https://gp-app01:5557/SmartConnect.svc',
		read: (credentials) => normalizeServerUrl(credentials.serverUrl),
	}),

	loginOutdated() {
		return false;
	},

	async send(this: Context, options) {
		return (await this.helpers.httpRequestWithAuthentication.call(this, 'smartConnectOnPremApi', options)) as FullResponse;
	},

	// No token: the user name and password go with every request.
	withoutToken: (credentials) => ({ ...credentials }),

	token: () => '',

	loginFailure() {
		return undefined;
	},

	secrets(credentials) {
		const password = String(credentials.password ?? '');
		return password.length >= 4 ? [password] : [];
	},
};
