/**
 * One simulator per test file, reset before each test: registers the jest hooks and returns a
 * getter for the running simulator.
 */
import { SmartConnectSimulator } from '../simulator';
import { shutdownEngine } from './engine';

export function useSimulator(): () => SmartConnectSimulator {
	let simulator: SmartConnectSimulator | undefined;
	beforeAll(async () => {
		simulator = await SmartConnectSimulator.start();
	});
	afterAll(async () => {
		await simulator?.close();
		shutdownEngine();
	});
	beforeEach(() => {
		simulator?.clearLog();
		simulator?.clearFaults();
		simulator?.setOptions({ now: Date.now, invalidTokenResponse: 'http401', badLoginResponse: 'emptyString', tokensPerUser: 'many' });
	});
	return () => {
		if (!simulator) throw new Error('the simulator is not running (use it inside a test)');
		return simulator;
	};
}
