#!/usr/bin/env python3
"""Validation of the quantum-avalanche commands (T = 0 and finite temperature).

Runs the release `filament avalanche …` commands, recomputes every number independently with
SciPy's Bessel functions and root finder, draws the curves of the paper's Figs. 3a, 4a-d, 5a-b,
writes validation/reports/avalanche/{summary.txt,*.png} and exits 1 when a tolerance is missed.

    swift build -c release --product filament && python3 validation/avalanche/validate_avalanche.py

Paper: X. Chen and J. E. Han, "Avalanche instability as nonequilibrium quantum criticality",
Phys. Rev. B 109, 054307 (2024), Eqs. 11-16 and App. B-C.
"""
import math
import os
import subprocess
import sys

import numpy as np
from scipy.optimize import brentq
from scipy.special import k0, k1

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, ".build", "release", "filament")
OUT = os.path.join(ROOT, "validation", "reports", "avalanche")
SUMMARY, FAILURES = [], []
M, W0 = 0.5, 0.3  # band mass and phonon frequency of the paper's figures


def run(*args):
    out = subprocess.run([BIN, "avalanche", *map(str, args)], check=True, capture_output=True, text=True).stdout
    return out.splitlines()


def table(lines):
    return np.array([[float(v) for v in l.split()] for l in lines if l.strip() and not l.startswith("#")])


def save(fig, name):
    """Writes a plot to the report directory and to docs/figures (the copy the docs show)."""
    fig.savefig(os.path.join(OUT, name), dpi=120)
    fig.savefig(os.path.join(ROOT, "docs", "figures", "avalanche_" + name), dpi=100)


def check(name, ok, detail):
    SUMMARY.append(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
    print(SUMMARY[-1], flush=True)
    if not ok:
        FAILURES.append(name)


def lam(e, g, gamma, m=M, w0=W0):
    """AV Eq. 11, evaluated with SciPy."""
    return m * g * g / (w0 * e) * k0(2 * gamma * math.sqrt(2 * m * w0) / e)


def beta(g, gamma, m=M, w0=W0):
    return g * g / gamma * math.sqrt(2 * m / w0 ** 3)


X0 = brentq(lambda x: k0(x) - x * k1(x), 0.1, 2, xtol=1e-17, rtol=8.9e-16)
BETA_C = 4 / (X0 * k0(X0))


def e_av(g, gamma, m=M, w0=W0):
    """Smaller-field root of Eq. 11 (x > x0) with SciPy; nan below beta_c."""
    b = beta(g, gamma, m, w0)
    if b < BETA_C:
        return math.nan
    x = brentq(lambda x: x * k0(x) - 4 / b, X0, 200, xtol=1e-15, rtol=1e-14)
    return 2 * gamma * math.sqrt(2 * m * w0) / x


def constants():
    kv = dict(l.split()[:2] for l in run("constants"))
    x0, bc, mx = float(kv["x0"]), float(kv["beta_c"]), float(kv["max_xK0"])
    check("x0, max xK0, beta_c against SciPy (rel. 1e-14)",
          abs(x0 / X0 - 1) < 1e-14 and abs(bc / BETA_C - 1) < 1e-14 and abs(mx * bc - 4) < 1e-14,
          f"x0={kv['x0']} beta_c={kv['beta_c']} max_xK0={kv['max_xK0']} (SciPy x0={X0!r}, beta_c={BETA_C!r})")
    check("x0, beta_c against the paper's printed digits (AV Eq. 14)",
          round(x0, 6) == 0.595047 and round(bc, 3) == 8.574, f"paper: x0=0.595047, beta_c=8.574")
    return kv


def sweeps(plt):
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    specs = [("gamma", "0.0002:0.008:40", dict(coupling=0.1), "Gamma", "Fig. 3a"),
             ("omega0", "0.1:0.6:41", dict(coupling=0.1, gamma=0.002), "omega0", "Fig. 4a"),
             ("coupling", "0.04:0.2:65", dict(gamma=0.002), "g_ep", "Fig. 4b")]
    for ax, (vary, values, fixed, label, fig_name) in zip(axes, specs):
        args = ["sweep", "--vary", vary, "--values", values] + sum([[f"--{k}", v] for k, v in fixed.items()], [])
        rows = table(run(*args))
        g = fixed.get("coupling", 0.1)
        gam = fixed.get("gamma", 0.002)
        ref = []
        for v in rows[:, 0]:
            kw = {"gamma": (g, v, M, W0), "omega0": (g, gam, M, v), "coupling": (v, gam, M, W0)}[vary]
            ref.append(e_av(*kw))
        ref = np.array(ref)
        ok_nan = np.array_equal(np.isnan(ref), np.isnan(rows[:, 2]))
        good = ~np.isnan(ref)
        err = np.max(np.abs(rows[good, 2] / ref[good] - 1))
        check(f"E_av vs {vary} ({fig_name}) against SciPy root of Eq. 11 (rel. 1e-9, same no-avalanche points)",
              ok_nan and err < 1e-9, f"{good.sum()} roots, max rel. diff {err:.1e}")
        ax.plot(rows[:, 0], rows[:, 2], "o-", ms=3, label="E_av (Eq. 11)")
        ax.plot(rows[:, 0], rows[:, 4], "--", label="Eq. 12")
        ax.set(xlabel=label, ylabel="E_av", title=f"{fig_name}: E_av vs {label}")
        ax.set_ylim(0, np.nanmax(rows[:, 2]) * 1.3)
        ax.legend(fontsize=8)
        if vary == "coupling":
            gc = math.sqrt(BETA_C * gam * math.sqrt(W0 ** 3 / (2 * M)))
            ax.axvline(gc, color="gray", ls=":")
            first = rows[good][0, 0]
            check("threshold coupling in E_av(g) (Fig. 4b) is g_c of beta = beta_c",
                  first >= gc and first - gc <= 0.0025 + 1e-12, f"first g with an avalanche {first:.4f}, g_c={gc:.6f}")
        if vary == "gamma":
            far = good & (rows[:, 1] > 3 * BETA_C)
            slope = np.polyfit(np.log(rows[far, 0]), np.log(rows[far, 2]), 1)[0]
            # Eq. 12: E_av ∝ Gamma / L, L = ln(sqrt(pi/32) beta), beta ∝ 1/Gamma -> slope 1 + 1/L
            beta_mid = math.sqrt(rows[far, 1].min() * rows[far, 1].max())
            s12 = 1 + 1 / math.log(math.sqrt(math.pi / 32) * beta_mid)
            check("E_av grows almost linearly with Gamma (Fig. 3a): log-log slope vs 1 + 1/L of Eq. 12 (abs. 0.1)",
                  abs(slope - s12) < 0.1,
                  f"slope {slope:.3f} for beta > 3 beta_c (Gamma = {rows[far, 0].min():g}..{rows[far, 0].max():g}); Eq. 12: {s12:.3f}")
        if vary == "omega0":
            check("E_av increases with omega0 (Fig. 4a)", np.all(np.diff(rows[good, 2]) > 0), "monotone")
    fig.tight_layout()
    save(fig, "eav_sweeps.png")


def lambda_curves(plt):
    gs = [0.05, 0.06, 0.08, 0.1]
    lines = run("lambda", "--couplings", ",".join(map(str, gs)), "--fields", "0.0002:0.02:100", "--gamma", 0.002)
    rows = table(lines)
    ref = np.array([[lam(e, g, 0.002) for g in gs] for e in rows[:, 0]])
    err = np.max(np.abs(rows[:, 1:] / ref - 1))
    check("lambda(E) (Fig. 4c) against SciPy K0 (rel. 5e-9; 10 digits printed)", err < 5e-9, f"max rel. diff {err:.1e}")
    fig, ax = plt.subplots(figsize=(5, 3.8))
    for j, g in enumerate(gs):
        line, = ax.plot(rows[:, 0], rows[:, j + 1], label=f"g={g} (beta={beta(g, 0.002):.1f})")
        e = e_av(g, 0.002)
        if not math.isnan(e):
            ax.plot([e], [1], "o", color=line.get_color())
    ax.axhline(1, color="k", lw=0.8)
    ax.set(xlabel="E", ylabel="lambda(E)", title="Fig. 4c: Gamma=0.002, omega0=0.3, m=1/2")
    ax.legend(fontsize=8)
    fig.tight_layout()
    save(fig, "lambda.png")


def phase(plt):
    lines = run("phase", "--gammas", "0.0005:0.01:20", "--couplings", "0.02:0.2:37")
    boundary = table([l for l in lines[:22]])
    gamma, gc = boundary[:, 0], boundary[:, 1]
    const = gc ** 2 / gamma
    check("phase boundary g_c^2/Gamma = beta_c sqrt(omega0^3/2m) (Fig. 5a, rel. 1e-8; 10 digits printed)",
          np.max(np.abs(const / (BETA_C * math.sqrt(W0 ** 3 / (2 * M))) - 1)) < 1e-8, f"g_c^2/Gamma = {const[0]:.12f}")
    mp = table(lines[lines.index("# map: Gamma g beta E_av") + 1:])
    above = mp[:, 2] > BETA_C
    check("map: an avalanche exactly where beta > beta_c", np.array_equal(above, ~np.isnan(mp[:, 3])),
          f"{above.sum()} of {len(mp)} points with an avalanche")
    fig, ax = plt.subplots(figsize=(5, 3.8))
    G = np.unique(mp[:, 0]); C = np.unique(mp[:, 1])
    Z = mp[:, 3].reshape(len(G), len(C)).T
    pc = ax.pcolormesh(G, C, Z, shading="nearest", cmap="viridis")
    fig.colorbar(pc, label="E_av (blank: no avalanche)")
    ax.plot(gamma, gc, "r-", lw=2, label="beta = beta_c")
    ax.set(xlabel="Gamma", ylabel="g_ep", title="Fig. 5a: omega0=0.3, m=1/2")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    save(fig, "phase_diagram.png")


def window(plt):
    lines = run("window", "--couplings", "0.04:0.2:161", "--gamma", 0.002)
    gc = float(lines[0].split()[2]); ec = float(lines[0].split()[-1])
    rows = table(lines)
    ok = ~np.isnan(rows[:, 2])
    lo_ok = all(abs(lam(r[2], r[0], 0.002) - 1) < 1e-8 and abs(lam(r[3], r[0], 0.002) - 1) < 1e-8 for r in rows[ok])
    close = table(run("window", "--couplings", f"{gc * (1 + 1e-6)!r},{gc * (1 - 1e-6)!r}", "--gamma", 0.002))
    check("lambda >= 1 window [E_av, E_up]: both ends solve Eq. 11 (1e-8), closes at g_c (dome of Fig. 4d)",
          lo_ok and np.all(rows[ok, 3] > rows[ok, 2]) and rows[ok][0, 0] >= gc and
          abs(close[0, 2] / ec - 1) < 0.01 and abs(close[0, 3] / ec - 1) < 0.01 and np.all(np.isnan(close[1, 2:])),
          f"g_c={gc:.6f}, E_c={ec:.4e}; at g = g_c(1+1e-6): E_av={close[0, 2]:.4e}, E_up={close[0, 3]:.4e}; "
          f"none at g_c(1-1e-6)")
    rows = np.vstack([close[:1], rows[ok]])  # the apex of the dome at g_c(1 + 1e-6)
    ok = np.ones(len(rows), dtype=bool)
    fig, ax = plt.subplots(figsize=(5, 3.8))
    ax.fill_betweenx(rows[ok, 0], rows[ok, 2], rows[ok, 3], alpha=0.3, label="lambda(E) >= 1")
    ax.plot(rows[ok, 2], rows[ok, 0], "b-", label="E_av (lower root)")
    ax.plot(rows[ok, 3], rows[ok, 0], "r-", label="E_up (upper root)")
    ax.axhline(gc, color="gray", ls=":", label="g_c")
    ax.set(xscale="log", xlabel="E", ylabel="g_ep", title="lambda >= 1 window, Gamma=0.002 (cf. Fig. 4d)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    save(fig, "window.png")


def temperature(plt):
    fig, ax = plt.subplots(figsize=(5, 3.8))
    for g in [0.08, 0.1, 0.15]:
        lines = run("temperature", "--coupling", g, "--gamma", 0.002, "--temperatures", "0:0.2:81")
        head = lines[0].split()
        b, ts = float(head[2]), float(head[4])
        rows = table(lines)
        with np.errstate(over="ignore", divide="ignore"):
            nb = np.where(rows[:, 0] > 0, 1 / np.expm1(W0 / np.maximum(rows[:, 0], 1e-300)), 0.0)
        gamma_eff_ref = 0.002 * (1 + b * nb / 4)
        ref = np.array([_e_av_eff(ge, b) for ge in gamma_eff_ref])
        good = ~np.isnan(ref)
        err = np.max(np.abs(rows[good, 4] / ref[good] - 1))
        mono = np.all(np.diff(rows[good, 4]) >= -1e-15)
        check(f"E_av(T), g={g}: Gamma_eff = Gamma(1 + beta n_b/4) (Eq. C3) root vs SciPy, rising with T (Fig. 5b)",
              err < 1e-9 and mono and np.array_equal(good, ~np.isnan(rows[:, 4])),
              f"beta={b:.2f}, T*={ts:.4f} = {ts / W0:.3f} omega0, max rel. diff {err:.1e}")
        check(f"T* = omega0/ln(1+beta) at g={g} (Eq. C4): beta n_b(T*) = 1",
              abs(b / math.expm1(W0 / ts) - 1) < 1e-8, f"beta n_b(T*) - 1 = {b / math.expm1(W0 / ts) - 1:.1e}")
        line, = ax.plot(rows[:, 0] / W0, rows[:, 4], label=f"g={g}, beta={b:.1f}")
        ax.axvline(ts / W0, color=line.get_color(), ls=":")
    ax.set(xlabel="T / omega0", ylabel="E_av", title="Fig. 5b: E_av(T), Gamma=0.002 (dotted: T*)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    save(fig, "eav_temperature.png")


def _e_av_eff(gamma_eff, beta0):
    """Eq. 11 at Gamma_eff, written with beta_eff = beta0 Gamma/Gamma_eff (independent of g, Gamma)."""
    b = beta0 * 0.002 / gamma_eff
    if b < BETA_C:
        return math.nan
    x = brentq(lambda x: x * k0(x) - 4 / b, X0, 200, xtol=1e-15, rtol=1e-14)
    return 2 * gamma_eff * math.sqrt(2 * M * W0) / x


def bad_input():
    cases = [["sweep", "--vary", "delta"], ["lambda", "--fields", "0,1"], ["temperature", "--temperatures=-1"],
             ["phase", "--gammas", "0"], ["field", "--mass", "nan"]]
    msgs = []
    for c in cases:
        p = subprocess.run([BIN, "avalanche", *c], capture_output=True, text=True)
        msgs.append((p.returncode != 0 and "must" in p.stderr and "--" in p.stderr, p.stderr.splitlines()[0] if p.stderr else ""))
    check("bad input: non-zero exit and a message naming the option and its range", all(m[0] for m in msgs),
          "; ".join(m[1] for m in msgs))


def main():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(OUT, exist_ok=True)
    constants()
    sweeps(plt)
    lambda_curves(plt)
    phase(plt)
    window(plt)
    temperature(plt)
    bad_input()
    with open(os.path.join(OUT, "summary.txt"), "w") as f:
        f.write("\n".join(SUMMARY) + "\n")
    print(f"{len(SUMMARY) - len(FAILURES)}/{len(SUMMARY)} checks passed; report in {OUT}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
