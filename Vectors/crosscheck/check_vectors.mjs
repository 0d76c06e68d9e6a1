// Recompute every vector in DIR/*.json with Node 20 built-ins only
// (WebCrypto via globalThis.crypto.subtle for PBKDF2, AES-GCM, ECDSA, keys).
//
// Usage: node check_vectors.mjs DIR
// Prints one line per failed vector, then "N passed, M failed"; exit code 0
// only if M is 0. An unknown layer, an unknown `expect` or a vector that
// cannot be checked (missing field, unknown format) counts as a failure.
// Independent of check_vectors.py and make_vectors.py.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const subtle = globalThis.crypto.subtle;
const FILES = {
  'sha256.json': 'sha256', 'pbkdf2.json': 'pbkdf2', 'aes-gcm.json': 'aes-gcm', 'encoding.json': 'encoding',
  'json.json': 'json', 'code.json': 'code', 'salt.json': 'salt', 'keys.json': 'keys', 'ecdsa.json': 'ecdsa',
  'envelope.json': 'envelope', 'attestation.json': 'attestation', 'assertion.json': 'assertion',
  'dfns.json': 'clientdata-hash',
};

class Mismatch extends Error {}
const eq = (what, got, want) => {
  if (got !== want) throw new Mismatch(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
};
const need = (v, f) => {
  if (!(f in v)) throw new Mismatch(`missing field ${f}`);
  return v[f];
};

// ------------------------------------------------------------ strict codecs
const utf8 = (s) => new TextEncoder().encode(s);
const hex = (b) => Buffer.from(b).toString('hex');
const b64 = (b) => Buffer.from(b).toString('base64');
const b64url = (b) => Buffer.from(b).toString('base64url');
function unb64(s) {
  if (s.length % 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('bad base64');
  const b = Buffer.from(s, 'base64');
  if (b64(b) !== s) throw new Error('non-canonical base64');
  return new Uint8Array(b);
}
function unb64url(s) {
  if (s.length % 4 === 1 || !/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('bad base64url');
  const b = Buffer.from(s, 'base64url');
  if (b64url(b) !== s) throw new Error('non-canonical base64url');
  return new Uint8Array(b);
}
function unhex(s) {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(s)) throw new Error('bad hex');
  return new Uint8Array(Buffer.from(s, 'hex'));
}
const concat = (...parts) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
const sha256 = async (b) => new Uint8Array(await subtle.digest('SHA-256', b));
const textOrHex = (v, base) => (`${base}_utf8` in v ? utf8(v[`${base}_utf8`]) : unhex(need(v, `${base}_hex`)));

// ------------------------------------------------------------ WebCrypto pieces
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };
async function pbkdf2(password, salt, iterations, length) {
  const k = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, k, length * 8));
}
async function gcm(op, key, iv, data, aad = new Uint8Array(0)) {
  const k = await subtle.importKey('raw', key, 'AES-GCM', false, [op]);
  return new Uint8Array(await subtle[op]({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k, data));
}
// Node's WebCrypto ignores bytes after the DER structure; the vectors say such
// input is refused, so the outer TLV must span the whole input.
function wholeDer(der) {
  if (der.length < 2 || der[0] !== 0x30) throw new Error('DER: SEQUENCE expected');
  let len = der[1];
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 2 || der.length < 2 + n) throw new Error('DER: bad length');
    len = n === 1 ? der[2] : der[2] * 256 + der[3];
    head += n;
  }
  if (head + len !== der.length) throw new Error('DER: length does not span the input');
  return der;
}
const importPrivate = async (der) => subtle.importKey('pkcs8', wholeDer(der), P256, true, ['sign']);
const importPublic = async (der) => subtle.importKey('spki', wholeDer(der), P256, true, ['verify']);
async function spkiOfPrivate(priv) {
  const { kty, crv, x, y } = await subtle.exportKey('jwk', priv);
  const pub = await subtle.importKey('jwk', { kty, crv, x, y }, P256, true, ['verify']);
  return new Uint8Array(await subtle.exportKey('spki', pub));
}
const onelinePem = (der) => `-----BEGIN PUBLIC KEY-----\n${b64(der)}\n-----END PUBLIC KEY-----`;
function pemPublic(text) {
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  if (lines.length < 3 || lines[0] !== '-----BEGIN PUBLIC KEY-----' || lines.at(-1) !== '-----END PUBLIC KEY-----') {
    throw new Error('not a PUBLIC KEY PEM');
  }
  return importPublic(unb64(lines.slice(1, -1).join('')));
}

// Strict DER ECDSA-Sig-Value -> 64-byte r||s (WebCrypto verifies the raw form).
function derToRaw(der) {
  let i = 0;
  const byte = () => {
    if (i >= der.length) throw new Error('DER: truncated');
    return der[i++];
  };
  const integer = () => {
    if (byte() !== 0x02) throw new Error('DER: INTEGER expected');
    const n = byte();
    if (n === 0 || n > 33 || i + n > der.length) throw new Error('DER: bad INTEGER length');
    const v = der.subarray(i, i + n);
    i += n;
    if (v[0] & 0x80) throw new Error('DER: negative INTEGER');
    if (n > 1 && v[0] === 0 && !(v[1] & 0x80)) throw new Error('DER: non-minimal INTEGER');
    const trimmed = v[0] === 0 && n > 1 ? v.subarray(1) : v;
    if (trimmed.length > 32) throw new Error('DER: INTEGER too large');
    return concat(new Uint8Array(32 - trimmed.length), trimmed);
  };
  if (byte() !== 0x30) throw new Error('DER: SEQUENCE expected');
  const len = byte();
  if (len & 0x80 || len !== der.length - 2) throw new Error('DER: bad SEQUENCE length');
  const r = integer();
  const s = integer();
  if (i !== der.length) throw new Error('DER: trailing bytes');
  return concat(r, s);
}
function signatureFormat(v) {
  const format = v.signature_format ?? 'der';
  if (format !== 'der' && format !== 'raw') throw new Mismatch(`unknown signature_format ${format}`);
  return format;
}
async function verify(pub, message, sig, format) {
  const raw = format === 'raw' ? sig : derToRaw(sig);
  if (raw.length !== 64) throw new Error('raw signature must be 64 bytes');
  if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, raw, message))) throw new Error('bad signature');
}

// ------------------------------------------------------------ scheme pieces
const normalize = (username) => username.toLowerCase().trim();
async function wrappingKey(username, code) {
  const salt = await sha256(utf8(normalize(username)));
  return [salt, await pbkdf2(utf8(code), salt, 100000, 32)];
}
async function openEnvelope(envelope, username, code) {
  const inner = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unb64(envelope)));
  if (typeof inner?.key !== 'string' || typeof inner?.iv !== 'string') throw new Error('bad inner JSON');
  const [, wk] = await wrappingKey(username, code);
  const pkcs8 = await gcm('decrypt', wk, unb64(inner.iv), unb64(inner.key));
  await importPrivate(pkcs8);
  return pkcs8;
}
const clientData = (challenge, origin, type) => JSON.stringify({ challenge, crossOrigin: false, origin, type });
// The client data text of v.form for v's challenge (and origin), in that form's key order.
function clientDataForm(v) {
  const form = need(v, 'form'), challenge = need(v, 'challenge');
  switch (form) {
    case 'reference-frontend':
      return JSON.stringify({ type: 'key.create', challenge: b64url(utf8(challenge)), origin: need(v, 'origin'), crossOrigin: false });
    case 'sorted-raw':
      return JSON.stringify({ challenge, crossOrigin: false, origin: need(v, 'origin'), type: 'key.create' });
    case 'sdk-key':
      return JSON.stringify({ type: 'key.create', challenge });
    default:
      throw new Mismatch(`unknown form ${JSON.stringify(form)}`);
  }
}
async function verifyCredential(credential) {
  const info = JSON.parse(credential).credentialInfo;
  const cd = unb64url(info.clientData);
  const att = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unb64url(info.attestationData)));
  if (att.algorithm !== 'SHA256') throw new Error('algorithm');
  const fingerprint = JSON.stringify({ clientDataHash: hex(await sha256(cd)), publicKey: att.publicKey });
  await verify(await pemPublic(att.publicKey), utf8(fingerprint), unhex(att.signature), 'der');
  return att;
}

// ------------------------------------------------------------ recovery code
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const SIZES = [6, 5, 5, 5, 5, 6];
const WS = '[ \\t\\n\\v\\f\\r]';
class CodeError extends Error {
  constructor(kind, where) { super(kind); this.kind = kind; this.where = where; }
}
function checkSymbol(groupNo, symbols) {
  const values = [groupNo, ...[...symbols].map((c) => ALPHABET.indexOf(c))].reverse();
  let sum = 0;
  values.forEach((v, i) => { sum += i % 2 ? v : Math.floor((2 * v) / 32) + ((2 * v) % 32); });
  return ALPHABET[(32 - (sum % 32)) % 32];
}
function parseCode(input) {
  const chars = [...input]; // Unicode scalars: positions count these
  const isWs = (c) => ' \t\n\v\f\r'.includes(c);
  let a = 0;
  let b = chars.length;
  while (a < b && isWs(chars[a])) a++;
  while (b > a && isWs(chars[b - 1])) b--;
  const s = chars.slice(a, b).map((c) => (c >= 'a' && c <= 'z' ? c.toUpperCase() : c));
  const prefix = new RegExp(`^(?:D1|DI|DL(?=${WS}|-|$))(?:${WS}*-${WS}*|${WS}+)?`).exec(s.join(''));
  const skip = prefix ? [...prefix[0]].length : 0;
  const body = s.slice(skip);
  body.forEach((c, i) => {
    if (!ALPHABET.includes(c) && c !== '-' && c !== '[' && c !== ']' && !isWs(c)) throw new CodeError('character', a + skip + i + 1);
  });
  // Brackets are separators like whitespace; a dash at either end or two in
  // a row leave an empty group; a one-symbol token after a group is its check.
  const B = '[ \\t\\n\\v\\f\\r\\[\\]]';
  const text = body.join('').replace(new RegExp(`^${B}+|${B}+$`, 'g'), '');
  const tokens = text.split(new RegExp(`${B}*-${B}*|${B}+`));
  const pairs = [];
  for (const t of tokens) {
    const last = pairs[pairs.length - 1];
    if (t.length === 1 && last && last[1] === null && last[0].length > 1) last[1] = t;
    else pairs.push([t, null]);
  }
  let groups;
  if (pairs.length === 1 && pairs[0][1] === null && (text.length === 32 || text.length === 38)) {
    const extra = text.length === 38 ? 1 : 0;
    let p = 0;
    groups = SIZES.map((n) => text.slice(p, (p += n + extra)));
  } else {
    if (pairs.length !== 6 || pairs.some(([g, c], i) => c !== null && g.length !== SIZES[i])) throw new CodeError('length');
    groups = pairs.map(([g, c]) => g + (c ?? ''));
  }
  if (groups.length !== 6 || groups.some((g, i) => g.length !== SIZES[i] && g.length !== SIZES[i] + 1)) {
    throw new CodeError('length');
  }
  const plain = groups.map((g, i) => {
    const n = SIZES[i];
    if (g.length === n + 1 && checkSymbol(i + 1, g.slice(0, n)) !== g[n]) throw new CodeError('check', i + 1);
    return g.slice(0, n);
  });
  return ['D1-' + plain.join('-'), plain.map((g, i) => checkSymbol(i + 1, g)).join('')];
}

// ------------------------------------------------------------ layers
// A checker gets (vector, ok). For expect "fail" it returns the operation
// that must be refused (a function returning a promise); any error thrown by
// it counts as the refusal. Fields are read before, so a missing one is an error.
const layers = {
  async sha256(v) {
    eq('digest', hex(await sha256(textOrHex(v, 'input'))), need(v, 'digest_hex'));
  },
  async pbkdf2(v) {
    const got = await pbkdf2(textOrHex(v, 'password'), textOrHex(v, 'salt'), need(v, 'iterations'), need(v, 'length'));
    eq('derived', hex(got), need(v, 'derived_hex'));
  },
  async 'aes-gcm'(v, ok) {
    const [key, iv, aad] = ['key_hex', 'iv_hex', 'aad_hex'].map((f) => unhex(need(v, f)));
    const sealed = concat(unhex(need(v, 'ciphertext_hex')), unhex(need(v, 'tag_hex')));
    if (!ok) return () => gcm('decrypt', key, iv, sealed, aad);
    const pt = unhex(need(v, 'plaintext_hex'));
    eq('sealed', hex(await gcm('encrypt', key, iv, pt, aad)), hex(sealed));
    eq('opened', hex(await gcm('decrypt', key, iv, sealed, aad)), hex(pt));
  },
  async encoding(v, ok) {
    const text = need(v, 'text');
    const [dec, enc] = { base64: [unb64, b64], base64url: [unb64url, b64url], hex: [unhex, hex] }[need(v, 'codec')] ?? [];
    if (!dec) throw new Mismatch(`unknown codec ${v.codec}`);
    if (!ok) return async () => dec(text);
    eq('decoded', hex(dec(text)), need(v, 'bytes_hex'));
    if (v.canonical ?? true) eq('encoded', enc(unhex(v.bytes_hex)), text);
  },
  async json(v, ok) {
    if (!ok) throw new Mismatch('json vectors are all expect ok');
    eq('text', JSON.stringify(need(v, 'value')), need(v, 'text'));
  },
  async code(v, ok) {
    let got;
    try {
      got = parseCode(need(v, 'input'));
    } catch (e) {
      if (!(e instanceof CodeError)) throw e;
      if (ok) throw new Mismatch(`refused: ${e.kind} ${e.where}`);
      eq('error', e.kind, need(v, 'error'));
      if (e.kind === 'character') eq('position', e.where, need(v, 'position'));
      if (e.kind === 'check') eq('group', e.where, need(v, 'group'));
      return 'handled';
    }
    if (!ok) throw new Mismatch(`accepted as ${got[0]}`);
    eq('canonical', got[0], need(v, 'canonical'));
    eq('check', got[1], need(v, 'check'));
  },
  async salt(v) {
    eq('normalized', normalize(need(v, 'username')), need(v, 'normalized'));
    eq('salt', hex(await sha256(utf8(v.normalized))), need(v, 'salt_hex'));
  },
  async keys(v, ok) {
    if (!ok) {
      const fields = ['pkcs8_hex', 'spki_hex', 'pem'].filter((f) => f in v);
      if (fields.length !== 1) throw new Mismatch('need exactly one of pkcs8_hex, spki_hex, pem');
      const f = fields[0];
      const val = f === 'pem' ? v[f] : unhex(v[f]);
      return { pkcs8_hex: () => importPrivate(val), spki_hex: () => importPublic(val), pem: () => pemPublic(val) }[f];
    }
    const priv = await importPrivate(unhex(need(v, 'pkcs8_hex')));
    eq('webcrypto pkcs8 export', hex(await subtle.exportKey('pkcs8', priv)), v.pkcs8_hex);
    const pub = await spkiOfPrivate(priv);
    if ('pkcs8_nopub_hex' in v) {
      const other = await importPrivate(unhex(v.pkcs8_nopub_hex));
      eq('nopub d', (await subtle.exportKey('jwk', other)).d, (await subtle.exportKey('jwk', priv)).d);
      eq('nopub public key', hex(await spkiOfPrivate(other)), hex(pub));
    }
    if ('spki_hex' in v) {
      eq('spki', hex(pub), v.spki_hex);
      eq('spki import', hex(await subtle.exportKey('spki', await importPublic(unhex(v.spki_hex)))), hex(pub));
    }
    if ('pem' in v) {
      eq('pem', onelinePem(pub), v.pem);
      eq('pem import', hex(await subtle.exportKey('spki', await pemPublic(v.pem))), hex(pub));
    }
    if ('pem64' in v) {
      eq('pem64 import', hex(await subtle.exportKey('spki', await pemPublic(v.pem64))), hex(pub));
      const body = b64(pub).match(/.{1,64}/g).join('\n');
      eq('pem64', `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`, v.pem64);
    }
  },
  async ecdsa(v, ok) {
    const [der, msg, sig] = [unhex(need(v, 'spki_hex')), textOrHex(v, 'message'), unhex(need(v, 'signature_hex'))];
    const format = signatureFormat(v);
    const run = async () => verify(await importPublic(der), msg, sig, format);
    if (!ok) return run;
    await run();
  },
  async envelope(v, ok) {
    const [username, code, envelope] = ['username', 'code', 'envelope'].map((f) => need(v, f));
    if (!ok) return () => openEnvelope(envelope, username, code);
    const [pkcs8, iv] = [unhex(need(v, 'pkcs8_hex')), unhex(need(v, 'iv_hex'))];
    const [salt, wk] = await wrappingKey(username, code);
    eq('salt', hex(salt), need(v, 'salt_hex'));
    eq('wrapping key', hex(wk), need(v, 'wrapping_key_hex'));
    const ct = await gcm('encrypt', wk, iv, pkcs8);
    eq('envelope', b64(utf8(JSON.stringify({ key: b64(ct), iv: b64(iv) }))), envelope);
    eq('credential id', b64url(await sha256(utf8(envelope))), need(v, 'credential_id'));
    eq('public key pem', onelinePem(await spkiOfPrivate(await importPrivate(pkcs8))), need(v, 'public_key_pem'));
    eq('opened', hex(await openEnvelope(envelope, username, code)), hex(pkcs8));
  },
  async attestation(v, ok) {
    const credential = need(v, 'credential');
    if (!ok) return () => verifyCredential(credential);
    const [pem, kind] = [need(v, 'public_key_pem'), need(v, 'kind')];
    const cd = clientData(need(v, 'challenge'), need(v, 'origin'), 'key.create');
    eq('client_data', cd, need(v, 'client_data'));
    const cdh = hex(await sha256(utf8(cd)));
    eq('client_data_hash', cdh, need(v, 'client_data_hash'));
    eq('fingerprint', JSON.stringify({ clientDataHash: cdh, publicKey: pem }), need(v, 'fingerprint'));
    const { signature } = await verifyCredential(credential);
    eq('signature is lower-case hex', hex(unhex(signature)), signature);
    const attestation = JSON.stringify({ publicKey: pem, signature, algorithm: 'SHA256' });
    const rebuilt = {
      credentialKind: kind,
      credentialInfo: { credId: need(v, 'cred_id'), clientData: b64url(utf8(cd)), attestationData: b64url(utf8(attestation)) },
    };
    if (kind === 'RecoveryKey') {
      eq('cred_id', b64url(await sha256(utf8(need(v, 'envelope')))), v.cred_id);
      rebuilt.encryptedPrivateKey = v.envelope;
    } else if (kind !== 'Key') throw new Mismatch(`unknown kind ${kind}`);
    eq('credential', JSON.stringify(rebuilt), credential);
  },
  async assertion(v, ok) {
    const [pem, newc, origin, cd] = ['public_key_pem', 'new_credentials', 'origin', 'client_data'].map((f) => need(v, f));
    const [sig, format] = [unb64url(need(v, 'signature_b64url')), signatureFormat(v)];
    if ('form' in v) need(v, 'client_data_hash');
    // key.get client data in v's form: absent = sorted members, reference-frontend = the frontend's order.
    const rebuild = (challenge) => {
      if (!('form' in v)) return clientData(challenge, origin, 'key.get');
      if (v.form === 'reference-frontend') return JSON.stringify({ type: 'key.get', challenge, origin, crossOrigin: false });
      throw new Mismatch(`unknown assertion form ${JSON.stringify(v.form)}`);
    };
    rebuild(''); // an unknown form is a failure, even in a must-fail vector
    const run = async () => {
      if (rebuild(b64url(utf8(newc))) !== cd) throw new Error('client_data is not for new_credentials');
      if ('client_data_hash' in v) eq('client_data_hash', hex(await sha256(utf8(cd))), v.client_data_hash);
      await verify(await pemPublic(pem), utf8(cd), sig, format);
    };
    if (!ok) return run;
    await run();
  },
  async 'clientdata-hash'(v, ok) {
    const run = async () => {
      if ('form' in v || 'challenge' in v) eq('client_data', clientDataForm(v), need(v, 'client_data'));
      eq('client_data_hash', hex(await sha256(utf8(need(v, 'client_data')))), need(v, 'client_data_hash'));
    };
    if (!ok) return run;
    await run();
  },
};

async function main(dir) {
  let passed = 0;
  let failed = 0;
  const fail = (where, why) => { failed++; console.log(`FAIL ${where}: ${why}`); };
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const f of Object.keys(FILES).sort()) if (!files.includes(f)) fail(f, 'file missing');
  for (const file of files) {
    let doc;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (!Object.hasOwn(layers, doc.layer)) throw new Error(`unknown layer ${JSON.stringify(doc.layer)}`);
      if ((FILES[file] ?? doc.layer) !== doc.layer) throw new Error(`file should hold layer ${FILES[file]}`);
      if (!Array.isArray(doc.vectors)) throw new Error('no vectors');
    } catch (e) {
      fail(file, `cannot check file: ${e.message}`);
      continue;
    }
    const names = new Set();
    for (const v of doc.vectors) {
      try {
        if (names.has(v.name)) throw new Mismatch('duplicate name');
        names.add(need(v, 'name'));
        if (v.expect !== 'ok' && v.expect !== 'fail') throw new Mismatch(`unknown expect ${JSON.stringify(v.expect)}`);
        const ok = v.expect === 'ok';
        const refused = await layers[doc.layer](v, ok);
        if (!ok && refused !== 'handled') {
          if (typeof refused !== 'function') throw new Mismatch('no refusable operation');
          let accepted = true;
          try { await refused(); } catch { accepted = false; }
          if (accepted) throw new Mismatch('expected to be refused, but was accepted');
        }
        passed++;
      } catch (e) {
        fail(`${file} ${v?.name}`, `${e.constructor.name}: ${e.message}`);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (process.argv.length !== 3) {
  console.error('usage: node check_vectors.mjs DIR');
  process.exit(2);
}
process.exitCode = await main(process.argv[2]);
