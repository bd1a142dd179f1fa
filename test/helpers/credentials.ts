import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { SmartConnectSimulator } from '../simulator';
import { TestCredentialsHelper } from './engine';

/** A credential table holding one SmartConnect credential (id `cred-1`) for the simulator's demo login. */
export function demoCredentials(
	simulator: SmartConnectSimulator,
	overrides: ICredentialDataDecryptedObject = {},
): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store['cred-1'] = { ...simulator.demoCredentialData(), ...overrides };
	return helper;
}
