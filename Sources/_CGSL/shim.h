// GNU Scientific Library special functions (Bessel K0 for the avalanche threshold) from
// Debian's libgsl-dev. Only the Kernels module imports this.
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_errno.h>
