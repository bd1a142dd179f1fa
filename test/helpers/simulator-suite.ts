/**
 * One simulator per test file, reset before each test: registers the jest hooks and returns a
 * getter for the running simulator.
 */
import { SmartConnectSimulator } from '../simulator';
import { defaultTestOptions } from './simulator-defaults';
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
		simulator?.reset();
		simulator?.setOptions(defaultTestOptions());
	});
	return () => {
		if (!simulator) throw new Error('the simulator is not running (use it inside a test)');
		return simulator;
	};
}
