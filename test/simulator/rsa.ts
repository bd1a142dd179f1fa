/**
 * The simulator's own RSA key pair, standing in for login.smartconnect.com/v1/public-key.
 *
 * Clients encrypt the password with RSA PKCS#1 v1.5. Node 20 refuses crypto.privateDecrypt with
 * RSA_PKCS1_PADDING (CVE-2023-46809 mitigation), so decryption is done by hand: BigInt modular
 * exponentiation with (n, d) from the JWK export, then the type-2 padding is stripped.
 */
import { generateKeyPair, type JsonWebKey } from 'node:crypto';

export class RsaKeyPair {
	private constructor(
		private readonly n: bigint,
		private readonly d: bigint,
		/** Modulus length in bytes (k in RFC 8017). */
		private readonly k: number,
		/** `<RSAKeyValue><Modulus>…</Modulus><Exponent>…</Exponent></RSAKeyValue>` as .NET's ToXmlString(false). */
		readonly publicKeyXml: string,
	) {}

	static async generate(bits = 1024): Promise<RsaKeyPair> {
		const jwk = await new Promise<JsonWebKey>((resolve, reject) => {
			generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001 }, (err, _pub, priv) => {
				if (err) reject(err);
				else resolve(priv.export({ format: 'jwk' }));
			});
		});
		if (!jwk.n || !jwk.d || !jwk.e) throw new Error('RSA JWK export lacks n/d/e');
		const nBytes = Buffer.from(jwk.n, 'base64url');
		const xml =
			`<RSAKeyValue><Modulus>${nBytes.toString('base64')}</Modulus>` +
			`<Exponent>${Buffer.from(jwk.e, 'base64url').toString('base64')}</Exponent></RSAKeyValue>`;
		return new RsaKeyPair(bytesToBigInt(nBytes), bytesToBigInt(Buffer.from(jwk.d, 'base64url')), nBytes.length, xml);
	}

	/** Decrypts base64 PKCS#1 v1.5 ciphertext to UTF-8; undefined when it is not a valid ciphertext for this key. */
	decryptBase64(ciphertextB64: string): string | undefined {
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertextB64)) return undefined;
		const c = Buffer.from(ciphertextB64, 'base64');
		if (c.length !== this.k) return undefined;
		const cInt = bytesToBigInt(c);
		if (cInt >= this.n) return undefined;
		const em = bigIntToBytes(modPow(cInt, this.d, this.n), this.k);
		const message = stripPkcs1Type2(em);
		return message === undefined ? undefined : message.toString('utf8');
	}
}

/** EM = 0x00 || 0x02 || PS (>= 8 non-zero bytes) || 0x00 || M */
function stripPkcs1Type2(em: Buffer): Buffer | undefined {
	if (em[0] !== 0x00 || em[1] !== 0x02) return undefined;
	const sep = em.indexOf(0x00, 2);
	if (sep < 10) return undefined;
	return em.subarray(sep + 1);
}

function bytesToBigInt(bytes: Buffer): bigint {
	return bytes.length === 0 ? BigInt(0) : BigInt('0x' + bytes.toString('hex'));
}

function bigIntToBytes(value: bigint, length: number): Buffer {
	const hex = value.toString(16).padStart(length * 2, '0');
	return Buffer.from(hex, 'hex');
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
	// BigInt literals need target ES2020; ts-node runs the CLI with the repo's ES2019 tsconfig.
	const zero = BigInt(0);
	const one = BigInt(1);
	const two = BigInt(2);
	let result = one;
	let b = base % modulus;
	let e = exponent;
	while (e > zero) {
		if (e % two === one) result = (result * b) % modulus;
		b = (b * b) % modulus;
		e /= two;
	}
	return result;
}
