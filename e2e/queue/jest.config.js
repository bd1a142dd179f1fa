/**
 * Queue-mode tests in real n8n (`npm run test:queue`): one n8n line after the other (each starts
 * Postgres, Redis, a main and two workers), never in parallel on a 2-core machine.
 */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/e2e/tsconfig.json' }] },
	maxWorkers: 1,
	testTimeout: 900000,
	slowTestThreshold: 300,
};
