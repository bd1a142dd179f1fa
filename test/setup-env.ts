/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
import * as path from 'node:path';

// n8n-core's InstanceSettings writes <N8N_USER_FOLDER>/.n8n/config on first use; keep it out of ~.
// One folder per jest worker: on a fresh clone, one worker could otherwise read the file while
// another is still writing it (an empty file, a JSON error) when the machine is busy.
process.env.N8N_USER_FOLDER ??= path.join(__dirname, '..', '.jest-n8n-home', `worker-${process.env.JEST_WORKER_ID ?? '0'}`);
process.env.N8N_ENCRYPTION_KEY ??= 'jest-test-key';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
// n8n's logger would print every expected failure of the tests; N8N_LOG_LEVEL=debug shows them.
process.env.N8N_LOG_LEVEL ??= 'silent';
