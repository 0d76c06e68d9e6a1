// Node WebCrypto contender for "open kits with their codes": what the
// reference frontend's runtime would do, all kits at once (Promise.all).
// Usage: node open-kits.mjs CODES-FILE KIT.json...
// For each kit: credential ID = base64url(SHA-256(envelope)), PBKDF2 +
// AES-GCM open with the code, import the PKCS#8 key, and compare its
// public key with the kit's. Exits 1 if any kit fails; prints the count.
import { readFile } from 'node:fs/promises';

const subtle = globalThis.crypto.subtle;
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
const fromB64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const sha256 = async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes));

const [codesFile, ...kitFiles] = process.argv.slice(2);
const codes = new Map();
for (const line of (await readFile(codesFile, 'utf8')).split('\n')) {
  const [id, code] = line.trim().split(/\s+/, 2);
  if (id && code && !id.startsWith('#')) codes.set(id, code);
}

async function openKit(path) {
  const kit = JSON.parse(await readFile(path, 'utf8'));
  const envelope = kit.encryptedPrivateKey;
  if (b64url(await sha256(enc.encode(envelope))) !== kit.credentialId) throw new Error(`${path}: credential ID`);
  const code = codes.get(kit.credentialId);
  if (!code) throw new Error(`${path}: no code`);
  const salt = await sha256(enc.encode(kit.username.toLowerCase().trim()));
  const material = await subtle.importKey('raw', enc.encode(code), 'PBKDF2', false, ['deriveKey']);
  const wrapping = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100000 },
    material, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  const inner = JSON.parse(dec.decode(fromB64(envelope)));
  const pkcs8 = await subtle.decrypt({ name: 'AES-GCM', iv: fromB64(inner.iv) }, wrapping, fromB64(inner.key));
  const privateKey = await subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const jwk = await subtle.exportKey('jwk', privateKey);
  delete jwk.d;
  delete jwk.key_ops;
  const publicKey = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  const pem = `-----BEGIN PUBLIC KEY-----\n${b64(new Uint8Array(await subtle.exportKey('spki', publicKey)))}\n-----END PUBLIC KEY-----`;
  if (pem !== kit.publicKey) throw new Error(`${path}: key does not match`);
}

try {
  await Promise.all(kitFiles.map(openKit));
  console.log(`${kitFiles.length} opened`);
} catch (error) {
  console.error(String(error.message ?? error));
  process.exit(1);
}
