// R's standalone math library (Debian r-mathlib), GPL-2-or-later.
#ifndef EFFEKT_CRMATH_SHIM_H
#define EFFEKT_CRMATH_SHIM_H
#define MATHLIB_STANDALONE 1
#include <Rmath.h>
#endif
