// ARPACK-NG (Debian libarpack2-dev): the implicitly restarted Arnoldi method for real
// nonsymmetric eigenproblems through its C binding (arpack/arpack.h, 32-bit integers as the
// Debian build has them). Only the two real nonsymmetric drivers are declared: arpack.h also
// declares complex (_Complex) routines Swift does not import. Wrapped by
// SparseLinearAlgebra/ArnoldiEigenSolver.swift.
#ifndef FILAMENT_CARPACK_SHIM_H
#define FILAMENT_CARPACK_SHIM_H

void dnaupd_c(int *ido, char const *bmat, int n, char const *which, int nev, double tol,
              double *resid, int ncv, double *v, int ldv, int *iparam, int *ipntr,
              double *workd, double *workl, int lworkl, int *info);
void dneupd_c(int rvec, char const *howmny, int const *select, double *dr, double *di, double *z,
              int ldz, double sigmar, double sigmai, double *workev, char const *bmat, int n,
              char const *which, int nev, double tol, double *resid, int ncv, double *v, int ldv,
              int *iparam, int *ipntr, double *workd, double *workl, int lworkl, int *info);

#endif
