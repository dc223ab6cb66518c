#ifndef LOUPE_BUILDINFO_H
#define LOUPE_BUILDINFO_H
/* Loupe's version (Package.swift's loupeVersion, the one place it is written) and the commit
   it was built from (LOUPE_COMMIT in the environment of `swift build`, which `make` sets). */
const char *loupe_version(void);
const char *loupe_commit(void);
#endif
