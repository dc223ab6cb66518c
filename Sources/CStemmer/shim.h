#ifndef CSTEMMER_SHIM_H
#define CSTEMMER_SHIM_H
/* Debian's libstemmer-dev (Snowball); no pkg-config file, the header is in /usr/include. */
#include <libstemmer.h>
#endif
