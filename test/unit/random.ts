/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node.js for tests/benchmarks; not part of the package n8n loads; see README › Development */
/** A small seeded PRNG (mulberry32) so generated cases can be replayed from the printed seed. */
export class Random {
	private state: number;

	constructor(readonly seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	below(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + this.below(max - min + 1);
	}

	bool(p = 0.5): boolean {
		return this.next() < p;
	}

	pick<T>(values: readonly T[]): T {
		return values[this.int(0, values.length - 1)];
	}

	/** Text mixing ASCII (with + / = and spaces), Latin-1, CJK and astral characters. */
	text(length: number): string {
		const pools = [
			() => String.fromCharCode(this.int(0x20, 0x7e)),
			() => this.pick(['+', '/', '=', ' ', '%', '&', '#']),
			() => String.fromCharCode(this.int(0xa0, 0x17f)),
			() => String.fromCharCode(this.int(0x4e00, 0x4fff)),
			() => String.fromCodePoint(this.int(0x1f300, 0x1faff)),
		];
		let out = '';
		for (let i = 0; i < length; i++) out += this.pick(pools)();
		return out;
	}
}

/** SEED from the environment (to replay a printed run), else a fresh one. */
export function seedFromEnv(): number {
	const env = process.env.SEED;
	if (env !== undefined && env !== '') {
		const n = Number(env);
		if (!Number.isFinite(n)) throw new Error(`SEED must be a number, got ${env}`);
		return n >>> 0;
	}
	return (Math.random() * 4294967296) >>> 0;
}
