// The hints are inline functions in include/memory_hints.h; SwiftPM needs a source file for a C target.
#include "memory_hints.h"
