#ifndef RKIT_CQRENCODE_SHIM_H
#define RKIT_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
