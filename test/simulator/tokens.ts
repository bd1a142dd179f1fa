/**
 * Users, password checking and token issue/validation for GetToken and every token-protected endpoint.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { RsaKeyPair } from './rsa';

/** The fixed HMAC key of the legacy password encoding (eOne blog and sample code). */
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- eOne's published constant of the legacy password script, not a secret
export const HMAC_KEY = '6clDgmNok3WtR8GKYW6N';

/** base64(HMAC-SHA256(key, utf8(password + ":" + key))): what the legacy clients send as `password`. */
export function hmacPassword(password: string): string {
	return createHmac('sha256', HMAC_KEY).update(`${password}:${HMAC_KEY}`, 'utf8').digest('base64');
}

interface User {
	email: string;
	password: string;
	userId: string;
	companyIds: string[];
}

export interface TokenInfo {
	token: string;
	companyId: string;
	userId: string;
	email: string;
	issuedAt: number;
	/** Generation at issue time; revokeAll() bumps the current generation. */
	generation: number;
	/** Set when a newer token was issued to the same user under TokensPerUser 'newest'. */
	superseded?: boolean;
}

/** 'many': every token lives its life (default). 'newest': each GetToken invalidates the user's older tokens. */
export type TokensPerUser = 'many' | 'newest';

export class UserStore {
	private readonly users = new Map<string, User>();

	constructor(private readonly rsa: RsaKeyPair) {}

	add(email: string, password: string, companyIds: string[], userId: string = randomUUID()): void {
		this.users.set(email.toUpperCase(), { email, password, userId, companyIds: [...companyIds] });
	}

	/**
	 * The user for (email, password, companyId), or undefined. Email and company GUID compare
	 * case-insensitively; the password may be plain, HMAC-encoded or RSA-encrypted.
	 */
	authenticate(email: string, password: string, companyId: string): User | undefined {
		const user = this.users.get(email.toUpperCase());
		if (!user || !this.passwordMatches(user.password, password)) return undefined;
		const company = companyId.toLowerCase();
		return user.companyIds.some((c) => c.toLowerCase() === company) ? user : undefined;
	}

	/** GetCompanyList: the user's companies when the password is RSA-encrypted with the simulator's key; else undefined. */
	companiesOf(email: string, rsaPassword: string): string[] | undefined {
		const user = this.users.get(email.trim().toUpperCase());
		if (!user || rsaPassword === '' || this.rsa.decryptBase64(rsaPassword) !== user.password) return undefined;
		return [...user.companyIds];
	}

	private passwordMatches(expected: string, supplied: string): boolean {
		if (supplied === '') return false;
		if (supplied === expected || supplied === hmacPassword(expected)) return true;
		return this.rsa.decryptBase64(supplied) === expected;
	}
}

export class TokenStore {
	private readonly tokens = new Map<string, TokenInfo>();
	private readonly order: string[] = [];
	private generation = 0;

	/** Mints a token shaped like the documented sample: base64("<b64 32 bytes>#<COMPANY>#<USER>#<EMAIL>#<ISO ts>"). */
	issue(companyId: string, userId: string, email: string, now: number, perUser: TokensPerUser = 'many'): string {
		const stamp = new Date(now).toISOString().replace(/Z$/, '');
		const raw = [randomBytes(32).toString('base64'), companyId.toUpperCase(), userId.toUpperCase(), email.toUpperCase(), stamp].join('#');
		const token = Buffer.from(raw, 'utf8').toString('base64');
		const info: TokenInfo = { token, companyId, userId, email, issuedAt: now, generation: this.generation };
		const user = userId.toLowerCase();
		if (perUser === 'newest') {
			// Every older token of this user, whatever its company, stops working.
			for (const older of this.tokens.values()) if (older.userId.toLowerCase() === user) older.superseded = true;
		}
		this.tokens.set(token, info);
		this.order.push(token);
		return token;
	}

	/** The token's info when it is known, not revoked and younger than lifeMs; otherwise undefined. */
	verify(token: string | undefined, now: number, lifeMs: number): TokenInfo | undefined {
		if (token === undefined) return undefined;
		const info = this.tokens.get(token);
		if (!info || info.generation !== this.generation || info.superseded) return undefined;
		return now - info.issuedAt < lifeMs ? info : undefined;
	}

	revokeAll(): void {
		this.generation++;
	}

	all(): string[] {
		return [...this.order];
	}
}
