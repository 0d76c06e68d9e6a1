#ifndef RKIT_CZLIB_SHIM_H
#define RKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
