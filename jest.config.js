/** Unit, simulator and engine tests. Everything runs against real code; HTTP goes to the simulator on 127.0.0.1. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 60000,
};
