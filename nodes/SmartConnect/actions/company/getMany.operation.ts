import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { readCompanies } from '../../helpers/history';
import { apiUrlProblem, normalizeApiUrl } from '../../helpers/identity';
import { hmacPassword, parseRsaKeyValue, rsaEncryptPassword } from '../../helpers/password';
import { decodeBody, isUnreadable, redactSecrets, serviceMessage } from '../../helpers/responses';
import { serviceCredentials } from '../../transport';
import { rawRead } from '../../transport/raw';
import { optionsCollection } from '../common.descriptions';
import { listItems, returnAllOrLimit } from '../list';
import { requestSettings } from '../parameters';

export const properties: INodeProperties[] = [...returnAllOrLimit, optionsCollection()];

export const option = {
	name: 'Get Many',
	description: "List the companies the credential's email can log in to, with their Customer IDs",
	action: 'Get many companies',
};

const OPERATION = 'Company › Get Many';
const DEFAULT_PUBLIC_KEY_URL = 'https://login.smartconnect.com/v1/public-key';

interface Answer {
	statusCode: number;
	text: string;
}

/**
 * GetCompanyList takes no token: the credential's email and its password RSA-encrypted with
 * SmartConnect's public key (whatever the credential's Password Encoding), as the API documents.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const settings = requestSettings.call(this, itemIndex);
	const credentials = await serviceCredentials.call(this);
	const password = String(credentials.password ?? '');
	const secrets = [password, hmacPassword(password)].filter((s) => s.length >= 4);
	const fail = (message: string, detail: string, httpCode?: number) => {
		const details = { message: redactSecrets(message, secrets), description: redactSecrets(`${detail} (operation ${OPERATION})`, secrets) };
		return new NodeApiError(this.getNode(), details as JsonObject, { ...details, httpCode: httpCode === undefined ? undefined : String(httpCode), itemIndex });
	};
	const apiUrl = normalizeApiUrl(credentials.apiUrl);
	const problem = apiUrlProblem(apiUrl);
	if (problem) throw new NodeOperationError(this.getNode(), `The API URL of the SmartConnect credential ${problem}`, { itemIndex });

	const send = async (options: IHttpRequestOptions, step: string): Promise<Answer> => {
		const response = await rawRead.call(
			this,
			{ ...options, headers: { Accept: 'application/json' }, encoding: 'text', timeout: settings.timeoutMs },
			settings,
			false,
			(code, attempts) => fail(`SmartConnect ${step}: the connection was lost`, `Network error ${code} after ${attempts} attempt(s)`),
		);
		return { statusCode: response.statusCode, text: String(response.body ?? '') };
	};

	const publicKeyUrl = String(credentials.publicKeyUrl ?? '').trim() || DEFAULT_PUBLIC_KEY_URL;
	const key = await send({ method: 'POST', url: publicKeyUrl }, 'public key');
	if (key.statusCode < 200 || key.statusCode > 299) throw fail(`The Public Key URL answered with HTTP ${key.statusCode}`, 'Check the Public Key URL of the credential', key.statusCode);
	let encrypted: string;
	try {
		encrypted = rsaEncryptPassword(password, parseRsaKeyValue(key.text));
	} catch (error) {
		throw fail("SmartConnect's RSA public key could not be read", (error as Error).message);
	}
	const answer = await send(
		{ method: 'POST', url: `${apiUrl}/GetCompanyList`, qs: { email: String(credentials.email ?? '').trim(), password: encrypted } },
		'GetCompanyList',
	);
	const value = decodeBody(answer.text);
	if (answer.statusCode === 401 || answer.statusCode === 403) {
		throw fail('SmartConnect did not accept the email or password of the credential', 'GetCompanyList refused the login', answer.statusCode);
	}
	if (answer.statusCode < 200 || answer.statusCode > 299) {
		throw fail(`SmartConnect GetCompanyList answered with HTTP ${answer.statusCode}`, serviceMessage(value) ?? 'No message from SmartConnect', answer.statusCode);
	}
	if (isUnreadable(value)) throw fail('SmartConnect GetCompanyList sent an unreadable response', value.unreadable, answer.statusCode);
	let companies;
	try {
		companies = readCompanies(value);
	} catch (error) {
		throw fail('SmartConnect GetCompanyList did not answer with companies', (error as Error).message, answer.statusCode);
	}
	return listItems.call(this, itemIndex, companies.map((company) => ({ ...company })));
}
