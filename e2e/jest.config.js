/**
 * End-to-end tests in real n8n (`npm run test:e2e`). n8n itself is installed by e2e/install.js
 * into a cache folder outside the repo; these tests never install anything.
 */
const path = require('node:path');

module.exports = {
	rootDir: path.join(__dirname, '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts', '**/*.browser.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/e2e/tsconfig.json' }] },
	// Each `n8n` CLI call starts a new n8n process (3-6 s); a browser session takes longer.
	testTimeout: 240000,
	slowTestThreshold: 60,
};
