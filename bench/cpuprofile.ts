/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file, and
 * total (inclusive) time of the functions whose name or file matches a filter.
 *   npx ts-node --transpile-only bench/cpuprofile.ts <file.cpuprofile> [filter] [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

function label(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '~/');
	return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

export function summarise(profile: Profile, filter?: RegExp, top = 25): string {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const selfUs = new Map<number, number>();
	let totalUs = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const dt = profile.timeDeltas[i] ?? 0;
		totalUs += dt;
		selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
	}
	const selfByLabel = new Map<string, number>();
	const selfByFile = new Map<string, number>();
	const inclusive = new Map<string, number>();
	for (const [id, us] of selfUs) {
		const node = byId.get(id) as ProfileNode;
		selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
		const file = node.callFrame.url.replace(/^.*node_modules\//, '~/') || `(${node.callFrame.functionName})`;
		selfByFile.set(file, (selfByFile.get(file) ?? 0) + us);
		// Inclusive: every distinct matching frame on the stack gets this sample's time once.
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const l = label(byId.get(cur) as ProfileNode);
			if (filter && !filter.test(l)) continue;
			if (seen.has(l)) continue;
			seen.add(l);
			inclusive.set(l, (inclusive.get(l) ?? 0) + us);
		}
	}
	const ms = (us: number) => (us / 1000).toFixed(1).padStart(8);
	const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
	return [
		`total ${ms(totalUs)} ms sampled`,
		'',
		'self time by function:',
		...sorted(selfByLabel).map(([l, us]) => `${ms(us)} ms  ${l}`),
		'',
		'self time by file:',
		...sorted(selfByFile).map(([l, us]) => `${ms(us)} ms  ${l}`),
		...(filter ? ['', `total time of frames matching ${filter}:`, ...sorted(inclusive).map(([l, us]) => `${ms(us)} ms  ${l}`)] : []),
	].join('\n');
}

if (require.main === module) {
	const [file, filter, top] = process.argv.slice(2);
	const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	process.stdout.write(`${summarise(profile, filter ? new RegExp(filter) : undefined, top ? Number(top) : 25)}\n`);
}
