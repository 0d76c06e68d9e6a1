// Node WebCrypto contender: one PBKDF2-HMAC-SHA256 with kit parameters
// through crypto.subtle.deriveBits, timed in-process.
// Prints 'seconds derived-key-hex'.
const subtle = globalThis.crypto.subtle;
const enc = new TextEncoder();
const password = enc.encode('D1-ABCDEF-GHJKL-MNPQR-STUVW-XYZ23-456789');
const salt = new Uint8Array(await subtle.digest('SHA-256', enc.encode('bench@example.com')));
const iterations = Number(process.argv[2] ?? 100000);

const material = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
const derive = (n) => subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: n }, material, 256);
await derive(1000); // warm-up, as every contender does
const start = process.hrtime.bigint();
const key = new Uint8Array(await derive(iterations));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(seconds, Buffer.from(key).toString('hex'));
