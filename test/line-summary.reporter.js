/**
 * Jest reporter: after the run, one line per jest project (unit, engine n8n 2.x, engine n8n 1.x) with
 * its tests passed and failed, then the closing line `N passed, N failed` over all of them.
 */
class LineSummaryReporter {
	constructor() {
		this.projects = new Map();
	}

	onTestResult(test, result) {
		const name = test.context.config.displayName?.name ?? 'tests';
		const counts = this.projects.get(name) ?? { passed: 0, failed: 0, suitesFailed: 0 };
		counts.passed += result.numPassingTests;
		counts.failed += result.numFailingTests;
		// A file that could not run at all (a syntax or import error) has no failing test to count.
		if (result.testExecError) counts.suitesFailed++;
		this.projects.set(name, counts);
	}

	onRunComplete() {
		const lines = ['', 'Tests per line:'];
		let passed = 0;
		let failed = 0;
		for (const [name, counts] of [...this.projects].sort(([a], [b]) => a.localeCompare(b))) {
			const broken = counts.suitesFailed > 0 ? `, ${counts.suitesFailed} file(s) could not run` : '';
			lines.push(`  ${name.padEnd(16)} ${counts.passed} passed, ${counts.failed} failed${broken}`);
			passed += counts.passed;
			failed += counts.failed + counts.suitesFailed;
		}
		lines.push(`${passed} passed, ${failed} failed`);
		process.stdout.write(`${lines.join('\n')}\n`);
	}
}

module.exports = LineSummaryReporter;
