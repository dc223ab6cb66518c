// The classes are an inline function in include/byte_classes.h; SwiftPM needs a source file for a C target.
#include "byte_classes.h"
