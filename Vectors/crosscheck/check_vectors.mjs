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
  'dfns.json': 'clientdata-hash', 'shares.json': 'shares',
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

// ------------------------------------------------------------ SLIP-0039 shares
// Written here from the SLIP-0039 text (satoshilabs/slips slip-0039.md) with
// built-ins only. The word list is the spec's slip-0039/wordlist.txt (data);
// its SHA-256 (words joined by LF, final LF) is checked before use.
const SLIP39_WORDLIST_SHA256 = 'bcc4555340332d169718aed8bf31dd9d5248cb7da6e5d355140ef4f1e601eec3';
const WORDS = (
  'academic acid acne acquire acrobat activity actress adapt adequate adjust admit adorn ' +
  'adult advance advocate afraid again agency agree aide aircraft airline airport ajar ' +
  'alarm album alcohol alien alive alpha already alto aluminum always amazing ambition ' +
  'amount amuse analysis anatomy ancestor ancient angel angry animal answer antenna anxiety ' +
  'apart aquatic arcade arena argue armed artist artwork aspect auction august aunt ' +
  'average aviation avoid award away axis axle beam beard beaver become bedroom ' +
  'behavior being believe belong benefit best beyond bike biology birthday bishop black ' +
  'blanket blessing blimp blind blue body bolt boring born both boundary bracelet ' +
  'branch brave breathe briefing broken brother browser bucket budget building bulb bulge ' +
  'bumpy bundle burden burning busy buyer cage calcium camera campus canyon capacity ' +
  'capital capture carbon cards careful cargo carpet carve category cause ceiling center ' +
  'ceramic champion change charity check chemical chest chew chubby cinema civil class ' +
  'clay cleanup client climate clinic clock clogs closet clothes club cluster coal ' +
  'coastal coding column company corner costume counter course cover cowboy cradle craft ' +
  'crazy credit cricket criminal crisis critical crowd crucial crunch crush crystal cubic ' +
  'cultural curious curly custody cylinder daisy damage dance darkness database daughter deadline ' +
  'deal debris debut decent decision declare decorate decrease deliver demand density deny ' +
  'depart depend depict deploy describe desert desire desktop destroy detailed detect device ' +
  'devote diagnose dictate diet dilemma diminish dining diploma disaster discuss disease dish ' +
  'dismiss display distance dive divorce document domain domestic dominant dough downtown dragon ' +
  'dramatic dream dress drift drink drove drug dryer duckling duke duration dwarf ' +
  'dynamic early earth easel easy echo eclipse ecology edge editor educate either ' +
  'elbow elder election elegant element elephant elevator elite else email emerald emission ' +
  'emperor emphasis employer empty ending endless endorse enemy energy enforce engage enjoy ' +
  'enlarge entrance envelope envy epidemic episode equation equip eraser erode escape estate ' +
  'estimate evaluate evening evidence evil evoke exact example exceed exchange exclude excuse ' +
  'execute exercise exhaust exotic expand expect explain express extend extra eyebrow facility ' +
  'fact failure faint fake false family famous fancy fangs fantasy fatal fatigue ' +
  'favorite fawn fiber fiction filter finance findings finger firefly firm fiscal fishing ' +
  'fitness flame flash flavor flea flexible flip float floral fluff focus forbid ' +
  'force forecast forget formal fortune forward founder fraction fragment frequent freshman friar ' +
  'fridge friendly frost froth frozen fumes funding furl fused galaxy game garbage ' +
  'garden garlic gasoline gather general genius genre genuine geology gesture glad glance ' +
  'glasses glen glimpse goat golden graduate grant grasp gravity gray greatest grief ' +
  'grill grin grocery gross group grownup grumpy guard guest guilt guitar gums ' +
  'hairy hamster hand hanger harvest have havoc hawk hazard headset health hearing ' +
  'heat helpful herald herd hesitate hobo holiday holy home hormone hospital hour ' +
  'huge human humidity hunting husband hush husky hybrid idea identify idle image ' +
  'impact imply improve impulse include income increase index indicate industry infant inform ' +
  'inherit injury inmate insect inside install intend intimate invasion involve iris island ' +
  'isolate item ivory jacket jerky jewelry join judicial juice jump junction junior ' +
  'junk jury justice kernel keyboard kidney kind kitchen knife knit laden ladle ' +
  'ladybug lair lamp language large laser laundry lawsuit leader leaf learn leaves ' +
  'lecture legal legend legs lend length level liberty library license lift likely ' +
  'lilac lily lips liquid listen literary living lizard loan lobe location losing ' +
  'loud loyalty luck lunar lunch lungs luxury lying lyrics machine magazine maiden ' +
  'mailman main makeup making mama manager mandate mansion manual marathon march market ' +
  'marvel mason material math maximum mayor meaning medal medical member memory mental ' +
  'merchant merit method metric midst mild military mineral minister miracle mixed mixture ' +
  'mobile modern modify moisture moment morning mortgage mother mountain mouse move much ' +
  'mule multiple muscle museum music mustang nail national necklace negative nervous network ' +
  'news nuclear numb numerous nylon oasis obesity object observe obtain ocean often ' +
  'olympic omit oral orange orbit order ordinary organize ounce oven overall owner ' +
  'paces pacific package paid painting pajamas pancake pants papa paper parcel parking ' +
  'party patent patrol payment payroll peaceful peanut peasant pecan penalty pencil percent ' +
  'perfect permit petition phantom pharmacy photo phrase physics pickup picture piece pile ' +
  'pink pipeline pistol pitch plains plan plastic platform playoff pleasure plot plunge ' +
  'practice prayer preach predator pregnant premium prepare presence prevent priest primary priority ' +
  'prisoner privacy prize problem process profile program promise prospect provide prune public ' +
  'pulse pumps punish puny pupal purchase purple python quantity quarter quick quiet ' +
  'race racism radar railroad rainbow raisin random ranked rapids raspy reaction realize ' +
  'rebound rebuild recall receiver recover regret regular reject relate remember remind remove ' +
  'render repair repeat replace require rescue research resident response result retailer retreat ' +
  'reunion revenue review reward rhyme rhythm rich rival river robin rocky romantic ' +
  'romp roster round royal ruin ruler rumor sack safari salary salon salt ' +
  'satisfy satoshi saver says scandal scared scatter scene scholar science scout scramble ' +
  'screw script scroll seafood season secret security segment senior shadow shaft shame ' +
  'shaped sharp shelter sheriff short should shrimp sidewalk silent silver similar simple ' +
  'single sister skin skunk slap slavery sled slice slim slow slush smart ' +
  'smear smell smirk smith smoking smug snake snapshot sniff society software soldier ' +
  'solution soul source space spark speak species spelling spend spew spider spill ' +
  'spine spirit spit spray sprinkle square squeeze stadium staff standard starting station ' +
  'stay steady step stick stilt story strategy strike style subject submit sugar ' +
  'suitable sunlight superior surface surprise survive sweater swimming swing switch symbolic sympathy ' +
  'syndrome system tackle tactics tadpole talent task taste taught taxi teacher teammate ' +
  'teaspoon temple tenant tendency tension terminal testify texture thank that theater theory ' +
  'therapy thorn threaten thumb thunder ticket tidy timber timely ting tofu together ' +
  'tolerate total toxic tracks traffic training transfer trash traveler treat trend trial ' +
  'tricycle trip triumph trouble true trust twice twin type typical ugly ultimate ' +
  'umbrella uncover undergo unfair unfold unhappy union universe unkind unknown unusual unwrap ' +
  'upgrade upstairs username usher usual valid valuable vampire vanish various vegan velvet ' +
  'venture verdict verify very veteran vexed victim video view vintage violence viral ' +
  'visitor visual vitamins vocal voice volume voter voting walnut warmth warn watch ' +
  'wavy wealthy weapon webcam welcome welfare western width wildlife window wine wireless ' +
  'wisdom withdraw wits wolf woman work worthy wrap wrist writing wrote year ' +
 'yelp yield yoga zero'
).split(' ');
class ShareErr extends Error {
  constructor(kind, detail = {}) { super(`${kind} ${JSON.stringify(detail)}`); this.kind = kind; Object.assign(this, detail); }
}
const RS_GEN = [0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48, 0x21b1f890, 0x3f3f120];
function rsPolymod(values) {
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 20;
    chk = (((chk & 0xfffff) << 10) ^ v) >>> 0;
    for (let i = 0; i < 10; i++) if ((b >>> i) & 1) chk = (chk ^ RS_GEN[i]) >>> 0;
  }
  return chk;
}
const rsCustom = (ext) => [...(ext ? 'shamir_extendable' : 'shamir')].map((c) => c.charCodeAt(0));
const rsValid = (data, ext) => rsPolymod([...rsCustom(ext), ...data]) === 1;
function rsChecksum(data, ext) {
  const p = (rsPolymod([...rsCustom(ext), ...data, 0, 0, 0]) ^ 1) >>> 0;
  return [2, 1, 0].map((i) => (p >>> (10 * i)) & 1023);
}
// GF(256), Rijndael polynomial, generator x + 1.
const GF_EXP = new Array(255);
const GF_LOG = new Array(256).fill(0);
for (let i = 0, v = 1; i < 255; i++) {
  GF_EXP[i] = v;
  GF_LOG[v] = i;
  v ^= v << 1;
  if (v & 0x100) v ^= 0x11b;
}
function interpolate(points, x) {
  const hit = points.find((p) => p.x === x);
  if (hit) return hit.y;
  const out = new Uint8Array(points[0].y.length);
  for (const p of points) {
    let lb = 0; // log of the Lagrange basis of p at x: prod (x - xj) / (xi - xj) over j != i
    for (const q of points) if (q.x !== p.x) lb += GF_LOG[x ^ q.x] - GF_LOG[p.x ^ q.x];
    lb = ((lb % 255) + 255) % 255;
    p.y.forEach((byte, k) => { if (byte) out[k] ^= GF_EXP[(GF_LOG[byte] + lb) % 255]; });
  }
  return out;
}
async function hmac256(key, msg) {
  const k = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, msg));
}
async function splitSecret(t, n, secret, random) {
  if (t === 1) return Array.from({ length: n }, (_, x) => ({ x, y: secret }));
  const pts = [];
  for (let x = 0; x < t - 2; x++) pts.push({ x, y: random(secret.length) });
  const r = random(secret.length - 4);
  const digest = (await hmac256(r, secret)).slice(0, 4);
  const base = [...pts, { x: 254, y: concat(digest, r) }, { x: 255, y: secret }];
  for (let x = t - 2; x < n; x++) pts.push({ x, y: interpolate(base, x) });
  return pts;
}
async function recoverSecret(t, pts) {
  if (t === 1) return pts[0].y;
  const s = interpolate(pts, 255);
  const d = interpolate(pts, 254);
  if (hex((await hmac256(d.slice(4), s)).slice(0, 4)) !== hex(d.slice(0, 4))) throw new ShareErr('digest');
  return s;
}
async function feistel(data, e, id, ext, rounds) {
  const h = data.length / 2;
  let l = data.slice(0, h);
  let r = data.slice(h);
  const salt = ext ? new Uint8Array(0) : concat(utf8('shamir'), [id >> 8, id & 255]);
  for (const i of rounds) {
    const f = await pbkdf2(new Uint8Array([i]), concat(salt, r), (10000 << e) / 4, h);
    [l, r] = [r, l.map((b, k) => b ^ f[k])];
  }
  return concat(r, l);
}
function toWords(bits) { // [[value, width], ...] big-endian into 10-bit words
  let acc = 0n;
  let n = 0;
  for (const [v, w] of bits) { acc = (acc << BigInt(w)) | BigInt(v); n += w; }
  return Array.from({ length: n / 10 }, (_, i) => Number((acc >> BigInt(n - 10 * (i + 1))) & 1023n));
}
function encodeShare(s) {
  const vbits = s.value.length * 8;
  const pad = Math.ceil(vbits / 10) * 10 - vbits;
  const data = toWords([[s.id, 15], [s.ext ? 1 : 0, 1], [s.e, 4], [s.gi, 4], [s.gt - 1, 4], [s.gc - 1, 4], [s.mi, 4], [s.mt - 1, 4],
    [0, pad], ...[...s.value].map((b) => [b, 8])]);
  return [...data, ...rsChecksum(data, s.ext)].map((i) => WORDS[i]).join(' ');
}
function decodeShare(ix, share) {
  const pad = (10 * (ix.length - 7)) % 16;
  if (ix.length < 20 || pad > 8) throw new ShareErr('length', { share });
  let acc = 0n;
  for (const i of ix.slice(0, -3)) acc = (acc << 10n) | BigInt(i);
  const total = 10 * (ix.length - 3);
  const take = (from, w) => Number((acc >> BigInt(total - from - w)) & ((1n << BigInt(w)) - 1n));
  const ext = take(15, 1) === 1;
  if (!rsValid(ix, ext)) {
    let likely = null;
    for (let p = 0; p < ix.length && likely !== -1; p++) {
      for (let w = 0; w < 1024; w++) {
        if (w === ix[p]) continue;
        const c = ix.slice();
        c[p] = w;
        if (rsValid(c, ext)) { likely = likely === null ? p + 1 : -1; break; }
      }
    }
    throw new ShareErr('checksum', { share, position: likely > 0 ? likely : null });
  }
  if (take(40, pad) !== 0) throw new ShareErr('padding', { share });
  const nbytes = (total - 40 - pad) / 8;
  const value = Uint8Array.from({ length: nbytes }, (_, k) => take(40 + pad + 8 * k, 8));
  const s = { id: take(0, 15), ext, e: take(16, 4), gi: take(20, 4), gt: take(24, 4) + 1, gc: take(28, 4) + 1,
    mi: take(32, 4), mt: take(36, 4) + 1, value };
  if (s.gt > s.gc) throw new ShareErr('group-threshold', { share });
  return s;
}
// rkit's reading of a typed share: any case, whole words or 4+ letter
// prefixes of one word, paper numbers skipped; then 23 words or an error.
function readShare(text, share) {
  const ix = [];
  for (const tok of text.split(/\s+/).filter(Boolean)) {
    if (/^[0-9]+[.):]?$/.test(tok)) continue;
    const t = tok.toLowerCase();
    const m = WORDS.filter((w) => w === t || (t.length >= 4 && w.startsWith(t)));
    if (m.length !== 1) throw new ShareErr('word', { share, position: ix.length + 1 });
    ix.push(WORDS.indexOf(m[0]));
  }
  let s;
  try { s = decodeShare(ix, share); } catch (e) {
    if (e.kind === 'checksum' && ix.length !== 23) throw new ShareErr('length', { share });
    throw e;
  }
  if (s.value.length !== 20) throw new ShareErr('not-a-code');
  return s;
}
async function combineShares(shares) {
  const f = shares[0];
  shares.forEach((s, i) => {
    for (const k of ['id', 'ext', 'e']) if (s[k] !== f[k]) throw new ShareErr('different-sets');
    if (s.gt !== f.gt) throw new ShareErr('group-threshold');
    if (s.gc !== f.gc) throw new ShareErr('different-sets');
    if (s.value.length !== f.value.length) throw new ShareErr('different-sets');
    for (const o of shares.slice(0, i)) {
      if (o.gi !== s.gi) continue;
      if (o.mt !== s.mt) throw new ShareErr('different-sets');
      if (o.mi === s.mi) throw new ShareErr(hex(o.value) === hex(s.value) ? 'duplicate' : 'same-index');
    }
  });
  if (f.value.length !== 20) throw new ShareErr('not-a-code');
  const groups = new Map();
  for (const s of shares) groups.set(s.gi, [...(groups.get(s.gi) ?? []), s]);
  for (const g of groups.values()) if (g.length > g[0].mt) throw new ShareErr('too-many');
  if (groups.size > f.gt) throw new ShareErr('too-many');
  for (const g of groups.values()) if (g.length < g[0].mt) throw new ShareErr('too-few');
  if (groups.size < f.gt) throw new ShareErr('too-few');
  const gpts = [];
  for (const [gi, g] of groups) gpts.push({ x: gi, y: await recoverSecret(g[0].mt, g.map((s) => ({ x: s.mi, y: s.value }))) });
  const ems = await recoverSecret(f.gt, gpts);
  return feistel(ems, f.e, f.id, f.ext, [3, 2, 1, 0]);
}
function codeToBytes(code) {
  let v = 0n;
  for (const c of code.slice(3).replaceAll('-', '')) v = (v << 5n) | BigInt(ALPHABET.indexOf(c));
  return Uint8Array.from({ length: 20 }, (_, k) => Number((v >> BigInt(8 * (19 - k))) & 255n));
}
function bytesToCode(b) {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  const s = Array.from({ length: 32 }, (_, i) => ALPHABET[Number((v >> BigInt(5 * (31 - i))) & 31n)]).join('');
  let p = 0;
  return 'D1-' + SIZES.map((n) => s.slice(p, (p += n))).join('-');
}
async function splitCode(code, gt, groups, random) {
  const secret = codeToBytes(code);
  const idb = random(2);
  const id = ((idb[0] << 8) | idb[1]) & 0x7fff;
  const ems = await feistel(secret, 1, id, true, [0, 1, 2, 3]);
  const gshares = await splitSecret(gt, groups.length, ems, random);
  const out = [];
  for (const [gi, [t, n]] of groups.entries()) {
    const members = await splitSecret(t, n, gshares[gi].y, random);
    out.push(members.map((m) => encodeShare({ id, ext: true, e: 1, gi, gt, gc: groups.length, mi: m.x, mt: t, value: m.y })));
  }
  return out;
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
  async shares(v, ok) {
    const list = WORDS.join('\n') + '\n';
    eq('SLIP-0039 word list SHA-256', hex(await sha256(utf8(list))), SLIP39_WORDLIST_SHA256);
    if (!ok) {
      const want = need(v, 'error');
      let err = null;
      try {
        await combineShares(need(v, 'shares').map((m, i) => readShare(m, i + 1)));
      } catch (e) {
        if (!(e instanceof ShareErr)) throw e;
        err = e;
      }
      if (!err) throw new Mismatch('expected to be refused, but was accepted');
      eq('error', err.kind, want);
      if ('position' in v) eq('position', err.position, v.position);
      if ('share' in v) eq('share', err.share, v.share);
      return 'handled';
    }
    const code = need(v, 'code');
    eq('secret_hex', hex(codeToBytes(code)), need(v, 'secret_hex'));
    const pool = unhex(need(v, 'random_hex'));
    let used = 0;
    const random = (n) => {
      if (used + n > pool.length) throw new Mismatch('random_hex is too short');
      used += n;
      return pool.slice(used - n, used);
    };
    const made = await splitCode(code, need(v, 'group_threshold'), need(v, 'groups'), random);
    eq('random bytes used', used, pool.length);
    eq('shares', JSON.stringify(made), JSON.stringify(need(v, 'shares')));
    if (!need(v, 'combinations').length) throw new Mismatch('no combinations');
    for (const c of v.combinations) eq('combined code', bytesToCode(await combineShares(c.map((m, i) => readShare(m, i + 1)))), code);
    for (const t of v.typed ?? []) {
      eq('typed share', readShare(need(t, 'input')).value && encodeShare(readShare(t.input)), need(t, 'canonical'));
    }
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
