#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
/* pkg-config libedit adds -I/usr/include/editline */
#include <editline/readline.h>
#endif
