"""Closed form of a 1D leg of constant-property pieces in series (Joule heat in each piece,
Peltier heat (S_i - S_{i+1}) T j at each junction, no Thomson heat): current enters x = 0
through a lead of Seebeck coefficient s_in on an adiabatic end and leaves at x = L, held at
T0 and 0 V. Same derivation as Sources/Simulations/LegClosedForm.swift."""
import numpy as np


def solve(pieces, current, area, t0, s_in):
    """pieces: list of (length m, rho ohm m, S V/K, kappa W/(m K)). Returns node T, T(x), V."""
    n, j = len(pieces), current / area
    q_const, q_coef = 0.0, np.zeros(n)
    q_coef[0] = (s_in - pieces[0][2]) * j
    a, b, starts = np.zeros((n, n)), np.zeros(n), []
    for i, (l, rho, s, k) in enumerate(pieces):
        starts.append((q_const, q_coef.copy()))
        a[i, i] += 1
        if i + 1 < n:
            a[i, i + 1] -= 1
        else:
            b[i] += t0
        a[i] -= q_coef * l / k
        b[i] += (q_const * l + rho * j * j * l * l / 2) / k
        q_const += rho * j * j * l
        if i + 1 < n:
            q_coef[i + 1] += (s - pieces[i + 1][2]) * j
    t = np.linalg.solve(a, b)
    nodes_t = np.append(t, t0)
    flux = [c + coef @ t for c, coef in starts]
    xs = np.concatenate([[0], np.cumsum([p[0] for p in pieces])])

    def temperature(x):
        i = min(np.searchsorted(xs, x, side="left") - 1, n - 1)
        i = max(i, 0)
        l, rho, s, k = pieces[i]
        u = x - xs[i]
        return nodes_t[i + 1] + (flux[i] * (l - u) + rho * j * j * (l * l - u * u) / 2) / k

    v = sum(rho * j * l + s * (nodes_t[i + 1] - nodes_t[i]) for i, (l, rho, s, k) in enumerate(pieces))
    return nodes_t, temperature, v
