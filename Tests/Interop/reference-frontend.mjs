// An independent implementation of the reference WebCrypto frontend's
// recovery scheme (docs/SCHEME.md §1-§7), used by rkit's interop tests.
// Node 20 built-ins only; all crypto through globalThis.crypto.subtle.
// It follows the forms of Dfns's reference frontend
// (examples/sdk/nextjs-delegated-recovery in dfns/dfns-sdk-ts: common/recoveryKey.ts,
// public/js/worker.js, app/register/page.tsx, app/recover/page.tsx) and of the
// SDK's BrowserKeySigner (packages/sdk-browser/signers/key.ts). Facts only;
// the code is this project's own.
//
// Usage: node reference-frontend.mjs COMMAND < request.json > answer.json
//   make-kit           {username, challenge?, origin?, form?}
//                        -> {code, encryptedPrivateKey, credentialId, publicKey, pkcs8Hex, recoveryCredential?}
//                      recoveryCredential's client data is in the reference frontend's form
//                      {"type":"key.create","challenge":base64url(challenge),"origin":…,"crossOrigin":false};
//                      form "sorted-raw" gives instead the raw challenge with sorted keys
//                      {"challenge","crossOrigin","origin","type"} (Dfns's documentation example).
//   make-key           {challenge, credId?} -> {credential, publicKey, pkcs8Hex}: a Key credential as
//                      BrowserKeySigner.create makes it: client data {"type":"key.create","challenge":…}
//                      (raw challenge, no origin), attestationData {publicKey (64-column PEM), signature}.
//   open-kit           {username, code, encryptedPrivateKey} -> {publicKey, credentialId}
//   verify-credential  {credential, challenge?, origin?} -> {publicKey?, kind, challengeForm, origin}
//                      Key/RecoveryKey: attestation, challenge raw or base64url, origin when present
//                      (only a Key may lack it). Fido2: clientData type webauthn.create, challenge
//                      base64url(UTF-8 of challenge), origin, crossOrigin false (no attestation check).
//   sign-request       {username, code, encryptedPrivateKey, credentialId?, newCredentials, origin}
//                        -> the POST /auth/recover/user body {newCredentials, recovery}, signed as
//                      signRecoveryCredentials does (newCredentials placed exactly as given).
//   verify-request     {body (text), publicKey, challenge?, checkFido2?} -> {newCredentials: n, byteIdentical}
//                      checkFido2: true also checks every Fido2 credential's client data.
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

// §1: the recovery code as the reference frontend's worker builds it from two
// UUIDv4s as hex text: symbol i is the value of hex digit i of the first,
// plus 16 when digit i of the second, read as a decimal digit (so a-f read
// as NaN), is not below 8. (Symbol 13 is therefore always E.)
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function referenceCode() {
  const a = crypto.randomUUID().replaceAll('-', ''), b = crypto.randomUUID().replaceAll('-', '');
  let symbols = '';
  for (let i = 0; i < a.length; i++) symbols += ALPHABET[parseInt(a[i], 16) + (parseInt(b[i]) < 8 ? 0 : 16)];
  const groups = [6, 5, 5, 5, 5, 6];
  let at = 0;
  return 'D1-' + groups.map((n) => symbols.slice(at, (at += n))).join('-');
}

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
// The frontend's worker writes the base64 on one line; the SDK
// (exportPublicKeyInPemFormatBrowser) in lines of 64, no final newline.
const pem = (spki) => `-----BEGIN PUBLIC KEY-----\n${b64(spki)}\n-----END PUBLIC KEY-----`;
const pem64 = (spki) => `-----BEGIN PUBLIC KEY-----\n${b64(spki).match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----`;
async function importPem(text) {
  const body = text.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return subtle.importKey('spki', fromB64(body), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
}
async function publicPemOf(privateKey, form = pem) {
  const jwk = await subtle.exportKey('jwk', privateKey);
  delete jwk.d;
  delete jwk.key_ops;
  const pub = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  return form(new Uint8Array(await subtle.exportKey('spki', pub)));
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

// §6: attestation. Client data in the form each maker writes it (key order included).
const clientDataForms = {
  // The reference frontend's RecoveryKey (register/page.tsx, recover/page.tsx).
  'reference-frontend': (challenge, origin) =>
    JSON.stringify({ type: 'key.create', challenge: frontendBase64url(challenge), origin, crossOrigin: false }),
  // Dfns's documentation example: raw challenge, keys sorted.
  'sorted-raw': (challenge, origin) => JSON.stringify({ challenge, crossOrigin: false, origin, type: 'key.create' }),
  // BrowserKeySigner.create: raw challenge, no origin.
  'sdk-key': (challenge) => JSON.stringify({ type: 'key.create', challenge }),
};
// The frontend's base64url(str) is btoa(str) made URL-safe: one byte per
// UTF-16 unit, so it refuses anything beyond U+00FF (Dfns challenges are ASCII).
function frontendBase64url(text) {
  check(/^[\u0000-\u00ff]*$/.test(text), 'btoa refuses a challenge with characters beyond U+00FF');
  return b64url(Buffer.from(text, 'latin1'));
}

async function signFingerprint(privateKey, clientData, publicKey) {
  const fingerprint = JSON.stringify({ clientDataHash: hex(await sha256(enc.encode(clientData))), publicKey });
  const raw = new Uint8Array(await subtle.sign(ECDSA, privateKey, enc.encode(fingerprint)));
  return hex(rawToDer(raw));
}

async function makeRecoveryCredential(credId, privateKey, challenge, origin, envelope, form = 'reference-frontend') {
  check(Object.hasOwn(clientDataForms, form) && form !== 'sdk-key', `unknown RecoveryKey client data form ${form}`);
  const clientData = clientDataForms[form](challenge, origin);
  const publicKey = await publicPemOf(privateKey);
  const signature = await signFingerprint(privateKey, clientData, publicKey);
  // The worker's attestationData and recoveryKey.ts's credential, member order included.
  const attestationData = JSON.stringify({ publicKey, signature, algorithm: 'SHA256' });
  return {
    credentialKind: 'RecoveryKey',
    credentialInfo: { credId, attestationData: b64url(enc.encode(attestationData)), clientData: b64url(enc.encode(clientData)) },
    encryptedPrivateKey: envelope,
  };
}

async function makeKeyCredential(credId, privateKey, challenge) {
  const clientData = clientDataForms['sdk-key'](challenge);
  const publicKey = await publicPemOf(privateKey, pem64);
  const signature = await signFingerprint(privateKey, clientData, publicKey);
  const attestationData = JSON.stringify({ publicKey, signature });
  return {
    credentialKind: 'Key',
    credentialInfo: { credId, clientData: b64url(enc.encode(clientData)), attestationData: b64url(enc.encode(attestationData)) },
  };
}

// Which form a challenge in client data has: the challenge as is, or base64url of its bytes.
function challengeForm(found, challenge) {
  if (found === challenge) return 'raw';
  if (found === b64url(enc.encode(challenge))) return 'base64url';
  throw new CheckFailed('client data does not carry the challenge');
}

async function verifyCredential(credential, challenge, origin) {
  const kind = credential.credentialKind;
  const clientDataBytes = fromB64url(credential.credentialInfo.clientData);
  const clientData = JSON.parse(dec.decode(clientDataBytes));
  if (kind === 'Fido2') {
    check(clientData.type === 'webauthn.create', 'client data type is not webauthn.create');
    if (challenge !== undefined) check(clientData.challenge === b64url(enc.encode(challenge)), 'client data does not carry the challenge');
    if (origin !== undefined) check(clientData.origin === origin, 'client data origin differs');
    check(clientData.crossOrigin === undefined || clientData.crossOrigin === false, 'client data is cross-origin');
    return { kind, challengeForm: 'base64url', origin: clientData.origin };
  }
  check(kind === 'Key' || kind === 'RecoveryKey', 'unknown credential kind');
  check(clientData.type === 'key.create', 'client data type is not key.create');
  const form = challenge === undefined ? undefined : challengeForm(clientData.challenge, challenge);
  if (clientData.origin === undefined) check(kind === 'Key', 'client data has no origin');
  else if (origin !== undefined) check(clientData.origin === origin, 'client data origin differs');
  const attestation = JSON.parse(dec.decode(fromB64url(credential.credentialInfo.attestationData)));
  const fingerprint = JSON.stringify({ clientDataHash: hex(await sha256(clientDataBytes)), publicKey: attestation.publicKey });
  const key = await importPem(attestation.publicKey);
  check(await verifyAny(key, Buffer.from(attestation.signature, 'hex'), enc.encode(fingerprint)), 'attestation signature does not verify');
  if (kind === 'RecoveryKey') {
    check(credential.credentialInfo.credId === await credentialId(credential.encryptedPrivateKey), 'credId is not the envelope hash');
  }
  return { publicKey: attestation.publicKey, kind, challengeForm: form, origin: clientData.origin };
}

// §7: the recovery request body.
async function verifyRequest(bodyText, publicKeyPem, challenge, checkFido2) {
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
    if (credential.credentialKind === 'Key' || credential.credentialKind === 'RecoveryKey' ||
        (checkFido2 && credential.credentialKind === 'Fido2')) {
      await verifyCredential(credential, challenge, clientData.origin);
    }
    count++;
  }
  return { newCredentials: count, byteIdentical: signed === placed };
}

// §7 as the frontend's signRecoveryCredentials and its api/recover/complete route do it.
async function signRequest({ username, code, encryptedPrivateKey, credentialId: credId, newCredentials, origin }) {
  const key = await open(encryptedPrivateKey, code, username);
  const clientData = JSON.stringify({
    type: 'key.get', challenge: b64url(enc.encode(JSON.stringify(newCredentials))), origin, crossOrigin: false,
  });
  const raw = new Uint8Array(await subtle.sign(ECDSA, key, enc.encode(clientData)));
  const recovery = {
    kind: 'RecoveryKey',
    credentialAssertion: {
      credId: credId ?? await credentialId(encryptedPrivateKey),
      clientData: b64url(enc.encode(clientData)),
      signature: b64url(rawToDer(raw)),
    },
  };
  return { newCredentials, recovery };
}

const newKeyPair = () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);

const commands = {
  async 'make-kit'({ username, challenge, origin, form }) {
    const pair = await newKeyPair();
    const code = referenceCode();
    const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
    const envelope = await seal(pkcs8, code, username);
    const credId = await credentialId(envelope);
    const answer = { code, encryptedPrivateKey: envelope, credentialId: credId, publicKey: await publicPemOf(pair.privateKey), pkcs8Hex: hex(pkcs8) };
    if (challenge !== undefined) answer.recoveryCredential = await makeRecoveryCredential(credId, pair.privateKey, challenge, origin, envelope, form);
    return answer;
  },
  async 'make-key'({ challenge, credId }) {
    const pair = await newKeyPair();
    const id = credId || b64url(crypto.getRandomValues(new Uint8Array(32)));
    return {
      credential: await makeKeyCredential(id, pair.privateKey, challenge),
      publicKey: await publicPemOf(pair.privateKey, pem64),
      pkcs8Hex: hex(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey))),
    };
  },
  async 'open-kit'({ username, code, encryptedPrivateKey }) {
    const key = await open(encryptedPrivateKey, code, username);
    return { publicKey: await publicPemOf(key), credentialId: await credentialId(encryptedPrivateKey) };
  },
  async 'verify-credential'({ credential, challenge, origin }) {
    return verifyCredential(credential, challenge, origin);
  },
  async 'sign-request'(request) {
    return signRequest(request);
  },
  async 'verify-request'({ body, publicKey, challenge, checkFido2 }) {
    return verifyRequest(body, publicKey, challenge, checkFido2 === true);
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
