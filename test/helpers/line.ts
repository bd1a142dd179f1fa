/**
 * The n8n line the engine suites run on. `npm test` runs test/engine/* twice: against n8n-core and
 * n8n-workflow 2.x, and (jest project "engine n8n 1.x", see jest.config.js) against the pair n8n
 * 1.123.81 depends on. Read from the n8n-workflow actually loaded, not from a setting.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflowVersion = (require('n8n-workflow/package.json') as { version: string }).version;

export const N8N_LINE: 1 | 2 = workflowVersion.startsWith('1.') ? 1 : 2;

/** What a test expects on each line, where n8n 1.x and 2.x legitimately differ. */
export function perLine<T>(expected: { 1: T; 2: T }): T {
	return expected[N8N_LINE];
}
