import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The desk's master key signs reply addresses, bounce addresses and Message-IDs, and encrypts the
// credentials the desk stores (forge tokens, IMAP passwords). It lives apart from the database it
// protects: SECRET_KEY, or DATA_DIR/secret.key (see secret-key.ts). Previous keys, after a rotation,
// still verify and decrypt; everything is sealed with the current one.

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** A short, public name of a key: which key sealed a value, and whether two processes share one. */
function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('key-id').digest('hex').slice(0, 12);
}

export class DeskSecret {
  private readonly key: Buffer;
  private readonly previous: Buffer[];
  /** a short public id of this desk, for loop-detection headers */
  readonly instanceId: string;
  /** names the current key without revealing it */
  readonly keyId: string;

  constructor(secret: string, previous: string[] = []) {
    this.key = keyOf(secret);
    this.previous = previous.filter((p) => p !== secret).map(keyOf);
    this.instanceId = createHmac('sha256', this.key).update('instance').digest('hex').slice(0, 12);
    this.keyId = keyIdOf(this.key);
  }

  /** whether `keyId` names this key or one of the previous ones */
  knows(keyId: string): boolean {
    return keyId === this.keyId || this.previous.some((k) => keyIdOf(k) === keyId);
  }

  /** a short HMAC of `data` for tokens people may see in addresses: lowercase hex, case-insensitive safe */
  sign(data: string, length = 10): string {
    return createHmac('sha256', this.key).update(data).digest('hex').slice(0, length);
  }

  /** whether `signature` is ours for `data`, by the current key or a previous one */
  verify(data: string, signature: string): boolean {
    const given = Buffer.from(signature.toLowerCase());
    return [this.key, ...this.previous].some((key) => {
      const expected = Buffer.from(createHmac('sha256', key).update(data).digest('hex').slice(0, signature.length));
      return signature.length >= 10 && expected.length === given.length && timingSafeEqual(expected, given);
    });
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v2',
      this.keyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  decrypt(sealed: string): string {
    const parts = sealed.split('.');
    // v1 values (before keys had ids) name no key: try each
    const [keys, iv, tag, body] =
      parts[0] === 'v2'
        ? [[this.key, ...this.previous].filter((k) => keyIdOf(k) === parts[1]), parts[2], parts[3], parts[4]]
        : parts[0] === 'v1'
          ? [[this.key, ...this.previous], parts[1], parts[2], parts[3]]
          : [[], undefined, undefined, undefined];
    if (!iv || !tag || !body) throw new Error('not a sealed value');
    for (const key of keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // another key, or tampered
      }
    }
    throw new Error('sealed with a key this desk does not have (SECRET_KEY changed without SECRET_KEY_PREVIOUS?)');
  }

  /** whether a sealed value should be sealed again with the current key */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`v2.${this.keyId}.`);
  }
}
