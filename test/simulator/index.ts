/** SmartConnect.com (API "A") simulator: everything tests, demos and benchmarks need. */
export { SmartConnectSimulator, maskSecrets } from './server';
export {
	seedMaps,
	otherCompanyMap,
	generateRows,
	MAP_KEYS,
	DEMO_EMAIL,
	DEMO_PASSWORD,
	DEMO_COMPANY_ID,
	OTHER_COMPANY_ID,
	DEMO_USER_ID,
} from './maps';
export { HMAC_KEY, hmacPassword } from './tokens';
export { DOCUMENT_ERRORS_MESSAGE, type RunMapResponse } from './runs';
export { encodeName, decodeName } from './xml';
export { CONNECTION_IDS, DATA_SOURCE_IDS, COMPANY_NAMES } from './catalog';
export { HISTORY_LENGTH, TENANT, type HistoryRun } from './history';
export type {
	SimulatorOptions,
	SimMap,
	SimColumn,
	SimRow,
	RequestLogEntry,
	RunRecord,
	Variable,
	Fault,
	FaultRule,
	InvalidTokenResponse,
	BadLoginResponse,
	ErrorsFormat,
} from './types';
export { ON_PREM_PASSWORD, ON_PREM_REFUSALS, ON_PREM_USER, type OnPremMethod, type OnPremSettings } from './onprem';
export { OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, type OAuthSettings } from './oauth';
