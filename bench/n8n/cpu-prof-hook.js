/**
 * `--cpu-prof` for a process that only takes NODE_OPTIONS (Node refuses --cpu-prof there):
 * NODE_OPTIONS="--require <this file>" CPU_PROF_DIR=<dir> starts V8's sampling profiler through
 * node:inspector and writes <dir>/<pid>.cpuprofile when the process exits (process.exit included).
 */
'use strict';
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

const dir = process.env.CPU_PROF_DIR;
if (dir) {
	const session = new inspector.Session();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.setSamplingInterval', { interval: Number(process.env.CPU_PROF_INTERVAL_US || 1000) });
	session.post('Profiler.start');
	process.on('exit', () => {
		// Same-thread inspector sessions answer synchronously, so this completes before the exit.
		session.post('Profiler.stop', (error, result) => {
			if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
		});
	});
}
