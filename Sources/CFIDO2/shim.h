#ifndef RKIT_CFIDO2_SHIM_H
#define RKIT_CFIDO2_SHIM_H
/* Yubico's libfido2 (Debian libfido2-dev): the one CTAP implementation rkit
   uses for security keys. Only RecoveryKitSecurityKey sees it. */
#include <fido.h>
#include <fido/param.h>

/* Macros and enum values Swift imports awkwardly, as plain ints. */
static inline int rkit_fido_es256(void) { return COSE_ES256; }
static inline int rkit_fido_opt_omit(void) { return FIDO_OPT_OMIT; }
static inline int rkit_fido_opt_false(void) { return FIDO_OPT_FALSE; }
static inline int rkit_fido_opt_true(void) { return FIDO_OPT_TRUE; }
#endif
