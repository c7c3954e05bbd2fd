// OpenBLAS (CBLAS) and LAPACKE, as shipped by Debian's libopenblas-dev and liblapacke-dev.
#ifndef EFFEKT_COPENBLAS_SHIM_H
#define EFFEKT_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
