#ifndef CLUA54_SHIM_H
#define CLUA54_SHIM_H
/* Found through pkg-config lua5.4: -I/usr/include/lua5.4 */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#endif
