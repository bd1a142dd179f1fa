import type { INodeProperties } from 'n8n-workflow';

/**
 * The hidden fields the credentials share. A token is filled by the credential's preAuthentication
 * and stored encrypted with the credential (never in module memory: safe in queue mode).
 */

/** A token field: hidden and password-typed; `expirable` makes n8n run preAuthentication when it is empty. */
export function credentialTokenField(displayName: string, name: string, { expirable }: { expirable: boolean }): INodeProperties {
	return {
		displayName,
		name,
		type: 'hidden',
		typeOptions: expirable ? { expirable: true, password: true } : { password: true },
		default: '',
	};
}

/** Whom the stored tokens were issued to (address, company or client, user): a token of another identity is not reused. */
export function credentialIdentityField(): INodeProperties {
	return {
		displayName: 'Logged In As',
		name: 'loggedInAs',
		type: 'hidden',
		default: '',
	};
}
