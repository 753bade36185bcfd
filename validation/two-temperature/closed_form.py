"""Closed-form two-temperature profiles of a uniformly heated film (PH Eqs. 28-30, re-derived).

Film 0 < z < h on a substrate at z = 0 that holds the lattice at T0; top z = h adiabatic for both
carriers; the electrons are adiabatic at the substrate as well. Uniform Joule heat p = rho j^2 in the
electrons, constant kappa_e, kappa_l, coupling gamma. With s = h - z (depth below the top),
q = p / kappa, kappa = kappa_e + kappa_l, alpha^2 = gamma kappa / (kappa_e kappa_l):

    T_l(s) = T0 + q (h^2 - s^2) / 2 + q h kappa_e / (kappa_l alpha sinh(alpha h)) [cosh(alpha h) - cosh(alpha s)]
    T(s)   = T_l(s) + q kappa_l / gamma + q h kappa / (kappa_l alpha sinh(alpha h)) cosh(alpha s)

(docs/model.md, Two temperatures, derives them.)  The ratio cosh/sinh is evaluated with exponentials
that cannot overflow.
"""
import math


def _ratio(alpha, s, h):
    """cosh(alpha s) / sinh(alpha h) for 0 <= s <= h without overflow."""
    a, b = alpha * s, alpha * h
    return (math.exp(a - b) + math.exp(-a - b)) / (1 - math.exp(-2 * b))


def profiles(z, h, p, kappa_e, kappa_l, gamma, t0):
    """(T_electron, T_lattice) at height z (m) above the substrate."""
    kappa = kappa_e + kappa_l
    q = p / kappa
    alpha = math.sqrt(gamma * kappa / (kappa_e * kappa_l))
    s = h - z
    tl = t0 + q * (h * h - s * s) / 2 + q * h * kappa_e / (kappa_l * alpha) * (_ratio(alpha, h, h) - _ratio(alpha, s, h))
    te = tl + q * kappa_l / gamma + q * h * kappa / (kappa_l * alpha) * _ratio(alpha, s, h)
    return te, tl


def single(z, h, p, kappa, t0):
    """One temperature (PH Eq. 8): T0 + p (h^2 - s^2) / (2 kappa)."""
    s = h - z
    return t0 + p * (h * h - s * s) / (2 * kappa)


def cell_average(f, z0, z1, points=16):
    """Gauss-Legendre mean of f over [z0, z1]."""
    import numpy
    x, w = numpy.polynomial.legendre.leggauss(points)
    zs = 0.5 * (z1 - z0) * x + 0.5 * (z1 + z0)
    return sum(wi * f(zi) for wi, zi in zip(w, zs)) / 2
