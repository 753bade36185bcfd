// UMFPACK and CHOLMOD from Debian's libsuitesparse-dev (SuiteSparse 5.x headers live in
// /usr/include/suitesparse). Only SparseLinearAlgebra imports this module.
#include <suitesparse/umfpack.h>
#include <suitesparse/cholmod.h>
