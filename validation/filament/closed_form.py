"""Stationary metal-insulator wall of the 1D transverse model (docs/model.md section 8).

kappa(T) T'' + sigma(T) E^2 - g (T - T0) = 0, sigma, kappa, g constant per phase, step at T_s.
The equal-area condition sqrt(kappa_I g_I) (T_s - T_I) = sqrt(kappa_M g_M) (T_M - T_s), with
T_p = T0 + sigma_p E^2 / g_p, gives the sustaining field E_h; the wall is two exponentials of
lengths l_p = sqrt(kappa_p / g_p) matched at T_s."""
import math


def film_heat_loss(h, t, kappa, series_fraction=0.0):
    """Heat loss per volume g (W/(m^3 K)) of a film of thickness t on a sink through h,
    with r t / kappa of the film's own resistance in series (r = 0: thin-film limit h/t)."""
    return 1.0 / (t * (1.0 / h + series_fraction * t / kappa))


class Wall:
    def __init__(self, sigma_i, sigma_m, kappa_i, kappa_m, g_i, g_m, t0, ts):
        self.s_i, self.s_m, self.k_i, self.k_m, self.g_i, self.g_m = sigma_i, sigma_m, kappa_i, kappa_m, g_i, g_m
        self.t0, self.ts = t0, ts
        b_i, b_m = math.sqrt(kappa_i * g_i), math.sqrt(kappa_m * g_m)
        self.e_h = math.sqrt((ts - t0) * (b_i + b_m) / (b_i * sigma_i / g_i + b_m * sigma_m / g_m))
        self.t_i = t0 + sigma_i * self.e_h ** 2 / g_i
        self.t_m = t0 + sigma_m * self.e_h ** 2 / g_m
        self.l_i, self.l_m = math.sqrt(kappa_i / g_i), math.sqrt(kappa_m / g_m)

    def temperature(self, s):
        """T at signed distance s (m) from the T = T_s point, s > 0 into the insulator."""
        if s >= 0:
            return self.t_i + (self.ts - self.t_i) * math.exp(-s / self.l_i)
        return self.t_m - (self.t_m - self.ts) * math.exp(s / self.l_m)

    def width(self, current, channel_width, thickness):
        """Metallic width (m) at E_h carrying `current` (A): linear in the current."""
        return (current / (thickness * self.e_h) - self.s_i * channel_width) / (self.s_m - self.s_i)
