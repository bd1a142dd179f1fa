import CryptoJS from 'crypto-js';
import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';

import { hmacPassword, parseRsaKeyValue, rsaEncryptPassword } from '../../nodes/SmartConnect/helpers/password';
import { Random, seedFromEnv } from './random';

/** The blog's Postman script, run with crypto-js itself: the oracle our node:crypto version must equal. */
function blogScript(password: string): string {
	const hash = CryptoJS.HmacSHA256(`${password}:6clDgmNok3WtR8GKYW6N`, '6clDgmNok3WtR8GKYW6N');
	return CryptoJS.enc.Base64.stringify(hash);
}

function generatedPasswords(random: Random): string[] {
	const fixed = ['', ' ', '+/=', 'a+b/c=d==', 'Demo-Passw0rd!', 'ümlaut-ß-€', '密码🔑', '\u{1F600}'.repeat(50), 'x'.repeat(5000)];
	const generated: string[] = [];
	for (let i = 0; i < 1000; i++) generated.push(random.text(random.int(0, i % 10 === 0 ? 400 : 40)));
	return [...fixed, ...generated];
}

describe('HMAC-SHA256 password encoding', () => {
	it('equals crypto-js running the blog script for 1,000+ generated passwords (unicode, empty, long, +/=)', () => {
		const seed = seedFromEnv();
		const random = new Random(seed);
		const passwords = generatedPasswords(random);
		expect(passwords.length).toBeGreaterThanOrEqual(1000);
		const mismatches = passwords.filter((password) => hmacPassword(password) !== blogScript(password));
		expect({ seed, mismatches: mismatches.slice(0, 3) }).toEqual({ seed, mismatches: [] });
	});

	it('gives the known value for a fixed password, in base64 with + / = left for the URL encoder', () => {
		const value = hmacPassword('Demo-Passw0rd!');
		expect(value).toBe(blogScript('Demo-Passw0rd!'));
		expect(value).toMatch(/^[A-Za-z0-9+/]{43}=$/);
	});
});

describe('RSA password encoding', () => {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
	const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
	const toBase64 = (url: string) => Buffer.from(url, 'base64url').toString('base64');
	const keyValue = `"<RSAKeyValue><Modulus>${toBase64(jwk.n)}</Modulus><Exponent>${toBase64(jwk.e)}</Exponent></RSAKeyValue>"`;

	it('reads a JSON-quoted <RSAKeyValue>', () => {
		expect(parseRsaKeyValue(keyValue)).toEqual({ modulus: toBase64(jwk.n), exponent: 'AQAB' });
	});

	it('encrypts with PKCS#1 v1.5 so the private key recovers the password, with fresh padding each time', () => {
		const key = parseRsaKeyValue(keyValue);
		const first = rsaEncryptPassword('Demo-Passw0rd! ü 🔑', key);
		const second = rsaEncryptPassword('Demo-Passw0rd! ü 🔑', key);
		expect(first).not.toBe(second);
		// Node 20 refuses PKCS#1 v1.5 private decryption by default, so decrypt with raw RSA and unpad.
		for (const cipher of [first, second]) {
			const raw = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(cipher, 'base64'));
			expect(raw[0]).toBe(0);
			expect(raw[1]).toBe(2);
			const message = raw.subarray(raw.indexOf(0, 2) + 1).toString('utf8');
			expect(message).toBe('Demo-Passw0rd! ü 🔑');
		}
	});

	it('refuses a body without a key', () => {
		expect(() => parseRsaKeyValue('"<html>login</html>"')).toThrow(/RSAKeyValue/);
		expect(() => parseRsaKeyValue('"unterminated')).toThrow(/JSON/);
	});
});
