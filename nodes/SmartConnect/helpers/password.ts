import { constants, createHmac, createPublicKey, publicEncrypt } from 'node:crypto';

/**
 * How GetToken's `password` query value is encoded. SmartConnect documents two generations:
 * the HMAC-SHA256 script of the original blog post and RSA PKCS#1 v1.5 with a key fetched from
 * the login service. Plain text is accepted by some tenants and kept for completeness.
 */
export type PasswordEncoding = 'hmacSha256' | 'plain' | 'rsa';

/** The fixed, published key of the blog's script: CryptoJS.HmacSHA256(`${password}:${KEY}`, KEY). Not a secret. */
const BLOG_SCRIPT_SALT = '6clDgmNok3WtR8GKYW6N';

/** base64(HMAC-SHA256(key, utf8(password + ':' + key))), byte-for-byte what the blog's CryptoJS script yields. */
export function hmacPassword(password: string): string {
	return createHmac('sha256', BLOG_SCRIPT_SALT).update(`${password}:${BLOG_SCRIPT_SALT}`, 'utf8').digest('base64');
}

export interface RsaPublicKey {
	modulus: string;
	exponent: string;
}

function base64ToBase64Url(value: string): string {
	return value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unquote(text: string): string | undefined {
	if (!text.startsWith('"')) return text;
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Reads the .NET `<RSAKeyValue><Modulus>…</Modulus><Exponent>…</Exponent></RSAKeyValue>` form the
 * public-key endpoint returns (often JSON-quoted, sometimes with escaped slashes).
 */
export function parseRsaKeyValue(body: string): RsaPublicKey {
	const text = unquote(body.trim());
	if (text === undefined) throw new Error('The public key response is not a valid JSON string');
	const modulus = /<Modulus>\s*([A-Za-z0-9+/=\s]+?)\s*<\/Modulus>/.exec(text)?.[1];
	const exponent = /<Exponent>\s*([A-Za-z0-9+/=\s]+?)\s*<\/Exponent>/.exec(text)?.[1];
	if (!modulus || !exponent) {
		throw new Error('The public key response has no <RSAKeyValue> with a Modulus and an Exponent');
	}
	return { modulus: modulus.replace(/\s+/g, ''), exponent: exponent.replace(/\s+/g, '') };
}

/** RSA PKCS#1 v1.5 encryption of the UTF-8 password, base64. Random padding: a new value every call. */
export function rsaEncryptPassword(password: string, key: RsaPublicKey): string {
	const publicKey = createPublicKey({
		key: { kty: 'RSA', n: base64ToBase64Url(key.modulus), e: base64ToBase64Url(key.exponent) },
		format: 'jwk',
	});
	return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password, 'utf8')).toString(
		'base64',
	);
}
