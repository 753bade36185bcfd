// Dense linear algebra from OpenBLAS (Debian libopenblas-dev): the Fortran BLAS/LAPACK entry
// points Filament calls. Two wrappers import this, each for its own routines: Kernels
// (Sources/Kernels/HartreeFock/FiniteLattice/ComplexMatrix.swift: complex products and solves
// of the finite-lattice Green's functions; Numerics/AndersonAccelerator.swift: its least squares)
// and SparseLinearAlgebra (BoxStencil.swift: the dense
// Cholesky factor of the coarsest multigrid level; BLASThreads.swift: the thread count;
// DenseGeneralizedEigenvalues.swift: the QZ reference for the sparse eigen-solver). The
// Fortran symbols are used instead of cblas_* because libgslcblas (linked for GSL) exports a
// reference cblas under the same names.
#ifndef FILAMENT_CLAPACK_SHIM_H
#define FILAMENT_CLAPACK_SHIM_H

void zgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
            const double *beta, double *c, const int *ldc);
void zgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
void dggev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda, double *b,
            const int *ldb, double *alphar, double *alphai, double *beta, double *vl, const int *ldvl,
            double *vr, const int *ldvr, double *work, const int *lwork, int *info);
void dgelsy_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
            const int *ldb, int *jpvt, const double *rcond, int *rank, double *work,
            const int *lwork, int *info);
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

#endif
