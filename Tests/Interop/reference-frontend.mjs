// An independent implementation of the reference WebCrypto frontend's
// recovery scheme (REFERENCE.md §1-§7), used by rkit's interop tests.
// Node 20 built-ins only; all crypto through globalThis.crypto.subtle.
//
// Usage: node reference-frontend.mjs COMMAND < request.json > answer.json
//   make-kit           {username, challenge?, origin?}  -> {code, encryptedPrivateKey, credentialId, publicKey, recoveryCredential?}
//   open-kit           {username, code, encryptedPrivateKey} -> {publicKey, credentialId}
//   verify-credential  {credential, challenge?, origin?} -> {publicKey}
//   verify-request     {body (text), publicKey, challenge?} -> {newCredentials: n, byteIdentical}
// Exits 1 with {"error": "..."} on stdout when a check fails.

const subtle = globalThis.crypto.subtle;
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const fromB64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));
const fromB64url = (text) => new Uint8Array(Buffer.from(text, 'base64url'));
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const sha256 = async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes));

class CheckFailed extends Error {}
const check = (ok, message) => { if (!ok) throw new CheckFailed(message); };

// §1: the reference frontend builds the code from two random UUIDv4s.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function referenceCode() {
  const bytes = [...fromHexUUID(crypto.randomUUID()), ...fromHexUUID(crypto.randomUUID())];
  const symbols = bytes.map((b) => ALPHABET[b & 31]).join('');
  const groups = [6, 5, 5, 5, 5, 6];
  let at = 0;
  return 'D1-' + groups.map((n) => symbols.slice(at, (at += n))).join('-');
}
function fromHexUUID(uuid) { return [...Buffer.from(uuid.replaceAll('-', ''), 'hex')]; }

// §2: the envelope.
async function wrappingKey(code, username) {
  const salt = await sha256(enc.encode(username.toLowerCase().trim()));
  const material = await subtle.importKey('raw', enc.encode(code), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100000 },
    material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function seal(pkcs8, code, username) {
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, await wrappingKey(code, username), pkcs8));
  return b64(enc.encode(JSON.stringify({ key: b64(ct), iv: b64(iv) })));
}

async function open(envelope, code, username) {
  const inner = JSON.parse(dec.decode(fromB64(envelope)));
  let pkcs8;
  try {
    pkcs8 = await subtle.decrypt({ name: 'AES-GCM', iv: fromB64(inner.iv) }, await wrappingKey(code, username), fromB64(inner.key));
  } catch {
    throw new CheckFailed('the envelope did not open: wrong code or username');
  }
  return subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
}

// §3, §4.
const credentialId = async (envelope) => b64url(await sha256(enc.encode(envelope)));
const pem = (spki) => `-----BEGIN PUBLIC KEY-----\n${b64(spki)}\n-----END PUBLIC KEY-----`;
async function importPem(text) {
  const body = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return subtle.importKey('spki', fromB64(body), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
}
async function publicPemOf(privateKey) {
  const jwk = await subtle.exportKey('jwk', privateKey);
  delete jwk.d;
  delete jwk.key_ops;
  const pub = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  return pem(new Uint8Array(await subtle.exportKey('spki', pub)));
}

// ECDSA: WebCrypto speaks raw r||s; Dfns attestations carry DER.
function derToRaw(der) {
  check(der[0] === 0x30, 'signature is not DER');
  let at = 2;
  const part = () => {
    check(der[at] === 0x02, 'signature is not DER');
    const len = der[at + 1];
    let value = der.slice(at + 2, at + 2 + len);
    at += 2 + len;
    while (value.length > 32 && value[0] === 0) value = value.slice(1);
    const out = new Uint8Array(32);
    out.set(value, 32 - value.length);
    return out;
  };
  const r = part(), s = part();
  return new Uint8Array([...r, ...s]);
}
function rawToDer(raw) {
  const int = (bytes) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = [...bytes.slice(i)];
    if (v[0] & 0x80) v = [0, ...v];
    return [0x02, v.length, ...v];
  };
  const body = [...int(raw.slice(0, 32)), ...int(raw.slice(32))];
  return new Uint8Array([0x30, body.length, ...body]);
}
const ECDSA = { name: 'ECDSA', hash: 'SHA-256' };
const verifyAny = async (key, sig, data) =>
  subtle.verify(ECDSA, key, sig.length === 64 ? sig : derToRaw(sig), data);

// §6: attestation.
async function makeCredential(kind, credId, privateKey, challenge, origin, envelope) {
  const clientData = JSON.stringify({ challenge, crossOrigin: false, origin, type: 'key.create' });
  const publicKey = await publicPemOf(privateKey);
  const fingerprint = JSON.stringify({ clientDataHash: hex(await sha256(enc.encode(clientData))), publicKey });
  const raw = new Uint8Array(await subtle.sign(ECDSA, privateKey, enc.encode(fingerprint)));
  const attestationData = JSON.stringify({ publicKey, signature: hex(rawToDer(raw)), algorithm: 'SHA256' });
  const credential = {
    credentialKind: kind,
    credentialInfo: { credId, clientData: b64url(enc.encode(clientData)), attestationData: b64url(enc.encode(attestationData)) },
  };
  if (envelope) credential.encryptedPrivateKey = envelope;
  return credential;
}

async function verifyCredential(credential, challenge, origin) {
  const clientDataBytes = fromB64url(credential.credentialInfo.clientData);
  const clientData = JSON.parse(dec.decode(clientDataBytes));
  check(clientData.type === 'key.create', 'client data type is not key.create');
  if (challenge !== undefined) check(clientData.challenge === challenge, 'client data does not carry the challenge');
  if (origin !== undefined) check(clientData.origin === origin, 'client data origin differs');
  const attestation = JSON.parse(dec.decode(fromB64url(credential.credentialInfo.attestationData)));
  const fingerprint = JSON.stringify({ clientDataHash: hex(await sha256(clientDataBytes)), publicKey: attestation.publicKey });
  const key = await importPem(attestation.publicKey);
  check(await verifyAny(key, Buffer.from(attestation.signature, 'hex'), enc.encode(fingerprint)), 'attestation signature does not verify');
  if (credential.credentialKind === 'RecoveryKey') {
    check(credential.credentialInfo.credId === await credentialId(credential.encryptedPrivateKey), 'credId is not the envelope hash');
  }
  return attestation.publicKey;
}

// §7: the recovery request body.
async function verifyRequest(bodyText, publicKeyPem, challenge) {
  const body = JSON.parse(bodyText);
  const assertion = body.recovery.credentialAssertion;
  check(body.recovery.kind === 'RecoveryKey', 'recovery.kind is not RecoveryKey');
  const clientDataBytes = fromB64url(assertion.clientData);
  const clientData = JSON.parse(dec.decode(clientDataBytes));
  check(clientData.type === 'key.get', 'assertion client data type is not key.get');
  const key = await importPem(publicKeyPem);
  check(await verifyAny(key, fromB64url(assertion.signature), clientDataBytes), 'assertion signature does not verify');
  const signed = dec.decode(fromB64url(clientData.challenge));
  const placed = JSON.stringify(body.newCredentials);
  check(JSON.stringify(JSON.parse(signed)) === placed, 'signed challenge is not the new credentials');
  let count = 0;
  for (const credential of Object.values(body.newCredentials)) {
    if (credential.credentialKind === 'Key' || credential.credentialKind === 'RecoveryKey') {
      await verifyCredential(credential, challenge, clientData.origin);
    }
    count++;
  }
  return { newCredentials: count, byteIdentical: signed === placed };
}

const commands = {
  async 'make-kit'({ username, challenge, origin }) {
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const code = referenceCode();
    const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
    const envelope = await seal(pkcs8, code, username);
    const credId = await credentialId(envelope);
    const answer = { code, encryptedPrivateKey: envelope, credentialId: credId, publicKey: await publicPemOf(pair.privateKey), pkcs8Hex: hex(pkcs8) };
    if (challenge !== undefined) answer.recoveryCredential = await makeCredential('RecoveryKey', credId, pair.privateKey, challenge, origin, envelope);
    return answer;
  },
  async 'open-kit'({ username, code, encryptedPrivateKey }) {
    const key = await open(encryptedPrivateKey, code, username);
    return { publicKey: await publicPemOf(key), credentialId: await credentialId(encryptedPrivateKey) };
  },
  async 'verify-credential'({ credential, challenge, origin }) {
    return { publicKey: await verifyCredential(credential, challenge, origin) };
  },
  async 'verify-request'({ body, publicKey, challenge }) {
    return verifyRequest(body, publicKey, challenge);
  },
};

const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node reference-frontend.mjs (${Object.keys(commands).join('|')}) < request.json`);
  process.exit(2);
}
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {
  process.stdout.write(JSON.stringify(await command(JSON.parse(Buffer.concat(chunks).toString('utf8')))) + '\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message }) + '\n');
  process.exit(error instanceof CheckFailed ? 1 : 3);
}
