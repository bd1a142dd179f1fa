// `npm run scan`: the checks of n8n's verification scanner (@n8n/scan-community-package, a pinned
// devDependency) run offline, on this checkout and on the tarball `npm pack` makes from it.
//
// The scanner itself (`npx @n8n/scan-community-package <name>`) works on a *published* version:
//   1. provenance: the version's npm metadata must carry an SLSA v1 provenance attestation;
//   2. source: it downloads the GitHub source at the attested commit and lints
//      SOURCE_FILE_PATTERNS (package.json, nodes/ and credentials/) with its own ESLint config;
//   3. tarball: it downloads the published tarball and lints its `**/*.js` and package.json.
// Here, steps 2 and 3 call the scanner's own exported `analyzePackage` (its ESLint config, its
// pinned plugin versions, its file patterns) on this checkout and on the packed tarball. Step 1
// and the download of the attested source need a version published from GitHub Actions
// (.github/workflows/publish.yml) and the network, so they are skipped and reported as such.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scannerVersion = JSON.parse(
	fs.readFileSync(path.join(root, 'node_modules/@n8n/scan-community-package/package.json'), 'utf8'),
).version;
const say = (line) => process.stdout.write(`${line}\n`);

function run(command, args, cwd = root) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		process.stderr.write(result.stdout + result.stderr);
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
	}
	return result.stdout;
}

async function leg(name, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	say(`${result.passed ? 'PASS' : 'FAIL'}  ${name}${result.message ? `: ${result.message}` : ''}`);
	if (result.details) say(result.details);
	return result.passed;
}

say(`== @n8n/scan-community-package ${scannerVersion}, offline`);
say('   building, then packing the tarball npm would publish …');
run('npm', ['run', 'build', '--silent']);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smartconnect-scan-'));
try {
	const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
	const packageDir = path.join(work, 'package');
	fs.mkdirSync(packageDir);
	run('tar', ['-xzf', path.join(work, pack.filename), '-C', packageDir, '--strip-components=1']);
	say(`   ${pack.filename}: ${pack.entryCount} files, ${(pack.size / 1000).toFixed(1)} kB packed, ${(pack.unpackedSize / 1000).toFixed(1)} kB unpacked`);

	const sourceOk = await leg(`source (this checkout: ${SOURCE_FILE_PATTERNS.join(', ')})`, root, SOURCE_FILE_PATTERNS);
	const tarballOk = await leg('tarball (**/*.js, package.json)', packageDir, ['**/*.js', 'package.json']);

	say('SKIP  provenance: the scanner reads the SLSA provenance attestation from the npm metadata of a');
	say('      published version; there is none offline. .github/workflows/publish.yml publishes with');
	say('      provenance, so run `npx @n8n/scan-community-package n8n-nodes-smartconnect` after a release.');
	say('SKIP  source download: the scanner fetches the GitHub source at the attested commit; the source');
	say('      leg above lints this checkout with the same patterns instead.');

	const { repository } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	if (/github\.com\/OWNER\//.test(repository?.url ?? '')) {
		say('NOTE  package.json names the stand-in owner OWNER: set repository, homepage, bugs and author');
		say('      before the first publish (README › Publishing); the publish workflow refuses until then.');
	}

	if (!sourceOk || !tarballOk) {
		say('== scan: FAILED');
		process.exitCode = 1;
	} else {
		say('== scan: passed (everything but the provenance lookup, which needs a published version)');
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
