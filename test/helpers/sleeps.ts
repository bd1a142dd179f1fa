/**
 * n8n-workflow's `sleep` (the transport's backoff wait) replaced by a recorder that returns at once:
 * tests assert the waits the node asked for instead of measuring time. A test file installs it with
 *   jest.mock('n8n-workflow', () => (jest.requireActual('../helpers/sleeps') as typeof import('../helpers/sleeps')).workflowWithRecordedSleeps());
 * (jest hoists the mock above the imports, so the factory loads this module itself; the file's own
 * import of it is the same module), and calls `resetSleeps()` before each test.
 */

/** Every wait asked for since the last reset, in milliseconds. */
export const mockSleeps: number[] = [];

/** `next`: run once, inside the next wait (a test holds the node there with a gate). */
export const onSleep: { next?: () => Promise<void> } = {};

export function resetSleeps(): void {
	mockSleeps.length = 0;
	onSleep.next = undefined;
}

export function workflowWithRecordedSleeps(): Record<string, unknown> {
	const actual = jest.requireActual<Record<string, unknown>>('n8n-workflow');
	return {
		...actual,
		sleep: jest.fn(async (ms: number) => {
			mockSleeps.push(ms);
			const hook = onSleep.next;
			onSleep.next = undefined;
			if (hook) await hook();
		}),
	};
}
