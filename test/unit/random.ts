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

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
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

export function seedFromEnv(): number {
	const fromEnv = Number(process.env.SEED);
	return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}
