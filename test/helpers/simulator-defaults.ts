import type { SimulatorOptions } from '../simulator';

/** The simulator settings every test starts from (tests change them with setOptions). */
export function defaultTestOptions(): Partial<SimulatorOptions> {
	return {
		now: Date.now,
		invalidTokenResponse: 'http401',
		badLoginResponse: 'emptyString',
		getAllDataVariables: 'both',
		unknownRouteResponse: 'http404',
		errorsFormat: 'json',
		tokensPerUser: 'many',
	};
}
