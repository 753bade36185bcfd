// PETSc 3.18 (Debian petsc-dev, real double scalars, 32-bit PetscInt, with hypre) on OpenMPI.
// Only the PETScBackend module imports this. PETSc reports errors through the PetscCall macro
// and MPI communicators are macros or globals of an opaque type; the helpers below give Swift
// plain functions with PetscErrorCode results instead.
#include <petscksp.h>
#include <petscdmda.h>

/// PetscInitialize without a help string; argc/argv are PETSc's options (e.g. -ksp_type cg).
static inline PetscErrorCode filament_petsc_initialize(int *argc, char ***argv) {
    return PetscInitialize(argc, argv, NULL, NULL);
}

static inline MPI_Comm filament_petsc_comm_world(void) { return PETSC_COMM_WORLD; }

static inline PetscErrorCode filament_petsc_rank_size(int *rank, int *size) {
    PetscErrorCode ierr = MPI_Comm_rank(PETSC_COMM_WORLD, rank);
    if (ierr) return ierr;
    return MPI_Comm_size(PETSC_COMM_WORLD, size);
}

/// The message PETSc keeps for an error code (static storage).
static inline const char *filament_petsc_error_text(PetscErrorCode code) {
    const char *text = NULL;
    PetscErrorMessage(code, &text, NULL);
    return text ? text : "unknown PETSc error";
}

/// A 3D DMDA of nx x ny x nz cells (one degree of freedom, star stencil of width 1, no
/// periodicity) split into slabs along z only: with m = n = 1 every rank owns whole xy planes,
/// so PETSc's global numbering equals the natural one (x fastest, then y, then z).
static inline PetscErrorCode filament_petsc_dmda_z_slabs(PetscInt nx, PetscInt ny, PetscInt nz, DM *da) {
    PetscErrorCode ierr = DMDACreate3d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE,
                                       DMDA_STENCIL_STAR, nx, ny, nz, 1, 1, PETSC_DECIDE, 1, 1, NULL, NULL, NULL, da);
    if (ierr) return ierr;
    return DMSetUp(*da);
}

/// The first z plane and the number of planes this rank owns.
static inline PetscErrorCode filament_petsc_dmda_z_range(DM da, PetscInt *zStart, PetscInt *zCount) {
    PetscInt xs, ys, xm, ym;
    return DMDAGetCorners(da, &xs, &ys, zStart, &xm, &ym, zCount);
}

/// Every rank's contribution summed over PETSC_COMM_WORLD (in place).
static inline PetscErrorCode filament_petsc_sum(double *values, int count) {
    return MPI_Allreduce(MPI_IN_PLACE, values, count, MPI_DOUBLE, MPI_SUM, PETSC_COMM_WORLD);
}

/// The largest of every rank's values (in place).
static inline PetscErrorCode filament_petsc_max(double *values, int count) {
    return MPI_Allreduce(MPI_IN_PLACE, values, count, MPI_DOUBLE, MPI_MAX, PETSC_COMM_WORLD);
}
