// Removes dist/ before a build so deleted sources never linger in the published package.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
