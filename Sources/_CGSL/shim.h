// GNU Scientific Library (Debian's libgsl-dev): special functions (Bessel K0/K1, complete
// elliptic integral K), Brent root bracketing, adaptive quadrature, monotone interpolation and
// trust-region nonlinear least squares (multifit_nlinear).
// Only the Kernels module imports this, through Sources/Kernels/GSL/.
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_ellint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_multifit_nlinear.h>

// GSL publishes its algorithm descriptors as global variables; these accessors let Swift 6 use
// them without touching shared mutable state.
static inline const gsl_root_fsolver_type *filament_gsl_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_interp_type *filament_gsl_steffen(void) { return gsl_interp_steffen; }
static inline const gsl_multifit_nlinear_type *filament_gsl_nlinear_trust(void) { return gsl_multifit_nlinear_trust; }
