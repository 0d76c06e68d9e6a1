#ifndef RKIT_COPENSSL_SHIM_H
#define RKIT_COPENSSL_SHIM_H
/* The low-level SHA256_* block API is deprecated in OpenSSL 3 but is the
   only way to run one compression at a time (the fast PBKDF2 needs it). */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/hmac.h> /* HMAC-SHA256: the digest share of SLIP-0039 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/x509.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h> /* PKCS8_encrypt: encrypted key files (rkit-sign --new-key) */

/* Macros Swift cannot import as values. */
static inline int rkit_ctrl_gcm_set_ivlen(void) { return EVP_CTRL_GCM_SET_IVLEN; }
static inline int rkit_ctrl_gcm_get_tag(void) { return EVP_CTRL_GCM_GET_TAG; }
static inline int rkit_ctrl_gcm_set_tag(void) { return EVP_CTRL_GCM_SET_TAG; }
#endif
