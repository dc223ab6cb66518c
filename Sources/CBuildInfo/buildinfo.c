#include "buildinfo.h"

#ifndef LOUPE_VERSION
#define LOUPE_VERSION "0.0.0"
#endif
#ifndef LOUPE_COMMIT
#define LOUPE_COMMIT "unknown"
#endif

const char *loupe_version(void) { return LOUPE_VERSION; }
const char *loupe_commit(void) { return LOUPE_COMMIT; }
