import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { normalizeApiUrl, tokenIdentity } from '../helpers/identity';
import type { ExecutionMemory, LoginFailure } from '../helpers/interfaces';
import { findLoginError } from '../helpers/login';
import { hmacPassword } from '../helpers/password';
import type { ResponseHeaders } from '../helpers/responses';
import type { Refusal } from './classify';
import { checkedBaseUrl, sendWithCredentialData } from './baseUrl';
import type { Service } from './endpoints';
import { smartConnectOAuth2Api } from './oauth';
import { smartConnectOnPremApi } from './onPrem';

/**
 * How the node authenticates to a service, one strategy per n8n credential type. The send loop
 * asks the strategy for the base URL, sends through it, and learns from it whether an error was a
 * failed login and which values must never be shown.
 */

export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface FullResponse {
	statusCode: number;
	headers: ResponseHeaders;
	body: unknown;
}

export interface AuthStrategy {
	/** The n8n credential type's `name`. */
	credentialType: string;
	/** Which column of the endpoint table this credential reaches. */
	service: Service;
	/**
	 * The base URL the endpoint paths are joined to; throws a NodeOperationError when it cannot be used.
	 * `memory` is the run's: a hint about the URL is given once per run.
	 */
	baseUrl(this: Context, credentials: ICredentialDataDecryptedObject, memory: ExecutionMemory, itemIndex?: number): string;
	/** Whether the stored login must be replaced before the first send (it belongs to another identity). */
	loginOutdated(credentials: ICredentialDataDecryptedObject): boolean;
	/**
	 * Sends one request with the credential data given, handed to n8n as it is: when it holds no token,
	 * n8n logs in first and writes the new token into it (and into the stored credential), so afterwards
	 * `data` holds the token the request carried.
	 */
	send(this: Context, options: IHttpRequestOptions, data: ICredentialDataDecryptedObject): Promise<FullResponse>;
	/** A copy of the credential data that makes `send` log in again, whatever token is stored. */
	withoutToken(credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
	/** The token the credential data holds ('' when none). */
	token(credentials: ICredentialDataDecryptedObject): string;
	/** The login failure an error thrown by `send` stands for, if it is one. */
	loginFailure(error: unknown): LoginFailure | undefined;
	/** The values no message may show: the token and the password in every form sent. */
	secrets(credentials: ICredentialDataDecryptedObject): string[];
	/** Whether a refused login can be renewed and the request resent once (a session token). Default true. */
	renewable?: boolean;
	/** The service's documented refusals, as what the user must change (see classify.ts). */
	explainRefusal?: (message: string) => Refusal | undefined;
}

/** The n8n name of the credential the node uses, for messages. */
export function credentialName(context: Context, strategy: AuthStrategy): string {
	return context.getNode().credentials?.[strategy.credentialType]?.name ?? 'SmartConnect';
}

/**
 * SmartConnect.com (`smartConnectApi`): the credential's preAuthentication calls GetToken when the
 * hidden, expirable session token is empty and stores the token; n8n adds it as `?token=`.
 */
export const smartConnectApi: AuthStrategy = {
	credentialType: 'smartConnectApi',
	service: 'smartConnectCom',

	baseUrl: checkedBaseUrl({
		credentialType: 'smartConnectApi',
		fallbackName: 'SmartConnect',
		field: 'API URL',
		example: 'Copy it from SmartConnect.com › System › API Settings › API Url, e.g. https://…azurewebsites.net/API',
		read: (credentials) => normalizeApiUrl(credentials.apiUrl),
	}),

	loginOutdated(credentials) {
		return String(credentials.sessionToken ?? '') !== '' && credentials.loggedInAs !== tokenIdentity(credentials);
	},

	async send(options, data) {
		return await sendWithCredentialData(this, smartConnectApi.credentialType, options, data);
	},

	// An empty session token makes n8n run the credential's preAuthentication (GetToken) again and
	// store the new token; this is how a refused token gets renewed.
	withoutToken: (credentials) => ({ ...credentials, sessionToken: '' }),

	token: (credentials) => String(credentials.sessionToken ?? ''),

	loginFailure: findLoginError,

	secrets(credentials) {
		const password = String(credentials.password ?? '');
		const values = [String(credentials.sessionToken ?? ''), password, password === '' ? '' : hmacPassword(password)];
		return values.filter((value) => value.length >= 4);
	},
};

/** Every credential type the node accepts, with its strategy; the node's description lists them. */
export const AUTH_STRATEGIES: readonly AuthStrategy[] = [smartConnectApi, smartConnectOnPremApi, smartConnectOAuth2Api];

/**
 * The strategy of the credential the node is set up with: the node's Authentication parameter
 * (its value is the credential type), else the credential it holds (SmartConnect.com when none).
 */
export function strategyFor(context: Context): AuthStrategy {
	const node = context.getNode();
	const chosen = AUTH_STRATEGIES.find((strategy) => strategy.credentialType === node.parameters?.authentication);
	if (chosen) return chosen;
	const configured = node.credentials ?? {};
	return AUTH_STRATEGIES.find((strategy) => configured[strategy.credentialType] !== undefined) ?? AUTH_STRATEGIES[0];
}
