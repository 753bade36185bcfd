// FFTW 3 (double precision) from Debian's libfftw3-dev. Only the Kernels module imports this.
#include <fftw3.h>
