/**
 * Unit, simulator and engine tests. Everything runs against real code; HTTP goes to the simulator on 127.0.0.1.
 * The engine suites (test/engine) run twice, once per n8n line: against n8n-core 2.41.1 + n8n-workflow 2.41.0,
 * and against the n8n-core + n8n-workflow pair n8n 1.123.81 depends on, installed under the npm aliases
 * n8n-core-v1 / n8n-workflow-v1. The mapping applies to every require, also those made inside node_modules,
 * so the node, the credential, the test harness and n8n-core all share the one 1.x n8n-workflow.
 */
const path = require('node:path');

const v1 = (name) => path.join(__dirname, 'node_modules', `${name}-v1`);

const shared = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
};

module.exports = {
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/line-summary.reporter.js'],
	projects: [
		{ ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...shared, displayName: 'engine n8n 2.x', testMatch: ['<rootDir>/test/engine/**/*.test.ts'] },
		{
			...shared,
			displayName: 'engine n8n 1.x',
			testMatch: ['<rootDir>/test/engine/**/*.test.ts'],
			moduleNameMapper: {
				'^n8n-workflow$': `${v1('n8n-workflow')}/dist/cjs/index.js`,
				'^n8n-workflow/common$': `${v1('n8n-workflow')}/dist/cjs/common/index.js`,
				'^n8n-workflow/(.+)$': `${v1('n8n-workflow')}/$1`,
				'^n8n-core$': `${v1('n8n-core')}/dist/index.js`,
				'^n8n-core/(.+)$': `${v1('n8n-core')}/$1`,
			},
		},
	],
};
