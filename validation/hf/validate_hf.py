#!/usr/bin/env python3
"""Validation of the Hartree-Fock driven-dissipative kernel and the avalanche threshold.

Runs the release `filament` binary, recomputes reference numbers independently where a closed
form or a brute-force sum exists, writes plots and a summary to validation/reports/hf/, and exits
non-zero when any tolerance is missed.

    swift build -c release && python3 validation/hf/validate_hf.py [--quick]

Papers: HF = Li, Aron, Kotliar, Han, Nano Lett. 17, 2994 (2017) (Eqs. 1-3, Fig. 1, SI Eqs. 6-12),
        AV = Chen, Han, Phys. Rev. B 109, 054307 (2024) (Eqs. 11-14).
"""
import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, ".build", "release", "filament")
OUT = os.path.join(ROOT, "validation", "reports", "hf")
FAILURES = []
SUMMARY = []


def run(*args):
    """Run `filament args…` and return its stdout lines."""
    out = subprocess.run([BIN, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def check(name, ok, detail):
    SUMMARY.append(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
    print(SUMMARY[-1], flush=True)
    if not ok:
        FAILURES.append(name)


def kv(line):
    return {k: v for k, v in (tok.split("=", 1) for tok in line.split() if "=" in tok)}


def table(lines):
    return np.array([[float(x) for x in l.split()] for l in lines if not l.startswith("#")])


# --- 1. equilibrium (HF Fig. 1a) -------------------------------------------------------------
def equilibrium(plt):
    lines = run("hf", "gap", "--u", 4, "--curve", 49)
    head = kv(lines[0])
    d0, tn = float(head["Delta0/t"]), float(head["T_N/t"])
    n = 800
    k = (np.arange(n) + 0.5) * 2 * np.pi / n - np.pi
    eps = -2 * (np.cos(k)[:, None] + np.cos(k)[None, :])

    def gap_eq(d, t):  # (U/2)<tanh(E/2T)/E> - 1 on an n^2 grid (independent of the Swift DOS)
        e = np.sqrt(eps**2 + d**2)
        return 2 * np.mean((np.tanh(e / (2 * t)) if t > 0 else 1.0) / e) - 1

    check("Delta0(U=4) satisfies brute-force gap equation", abs(gap_eq(d0, 0)) < 1e-3,
          f"Delta0={d0:.6f}, residual={gap_eq(d0, 0):.1e} (paper quotes 1.35 with Gamma, T_bath=0.3)")
    check("T_N(U=4) satisfies brute-force gap equation", abs(gap_eq(1e-9, tn)) < 1e-3,
          f"T_N={tn:.6f}, residual={gap_eq(1e-9, tn):.1e} (paper quotes T_N = 0.8)")
    curve = np.array([[float(kv(l)["T"]), float(kv(l)["Delta"])] for l in lines[1:]])
    below = curve[(curve[:, 0] > 0.9 * tn) & (curve[:, 0] < tn)]
    slope, icpt = np.polyfit(below[:, 0], below[:, 1] ** 2, 1)
    check("Delta(T)^2 linear -> 0 at T_N (continuous transition)", abs(-icpt / slope - tn) < 0.01 * tn,
          f"extrapolated zero of Delta^2 at {-icpt / slope:.4f} vs T_N {tn:.4f}")
    check("Delta = 0 above T_N", np.all(curve[curve[:, 0] > tn * 1.0001, 1] == 0), "all zero")
    scan = run("hf", "scan", "--field", 0, "--temperature", 0.5 * tn, "--points", 40)
    res = np.array([float(kv(l)["F-Delta"]) for l in scan if l.startswith("Delta=")])
    changes = int(np.sum(res[1:-1] * res[2:] < 0))
    check("one stable non-trivial root below T_N", changes == 1 and res[1] > 0, f"{changes} sign change(s)")
    fig, ax = plt.subplots(1, 2, figsize=(9, 3.5))
    ax[0].plot(curve[:, 0] / tn, curve[:, 1] / d0)
    ax[0].set(xlabel="T/T_N", ylabel="Delta/Delta0", title="U=4: Delta0=%.3f, T_N=%.3f" % (d0, tn))
    for t in (0.5 * tn, 0.9 * tn, 1.1 * tn):
        s = run("hf", "scan", "--field", 0, "--temperature", t, "--points", 40)
        xy = np.array([[float(kv(l)["Delta"]), float(kv(l)["F-Delta"])] for l in s if l.startswith("Delta=")])
        ax[1].plot(xy[:, 0], xy[:, 1], label="T=%.2f T_N" % (t / tn))
    ax[1].axhline(0, color="k", lw=0.5)
    ax[1].set(xlabel="Delta", ylabel="F(Delta)-Delta", title="E=0 mean-field map (HF Fig. 1a)")
    ax[1].legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "equilibrium.png"))
    return d0, tn


# --- 2. branches in a field (HF Fig. 1b) ------------------------------------------------------
def branches(plt, d0):
    fig, ax = plt.subplots(1, 2, figsize=(9, 3.5))
    result = {}
    for i, direction in enumerate(("11", "10")):
        lines = run("hf", "branch", "--gamma", 0.05, "--direction", direction, "--fields", "0.05:0.8:16")
        rows = [l.split() for l in lines if not l.startswith("#") and not l.startswith("E_")]
        sw = kv(lines[-1])
        imt, mit = float(sw["E_IMT"]), float(sw["E_MIT"])
        bistable = {r[0] for r in rows if r[2] == "stable" and float(r[1]) == 0} & \
                   {r[0] for r in rows if r[2] == "stable" and float(r[1]) > 0.5}
        unstable = [r for r in rows if r[0] in bistable and r[2] == "unstable" and float(r[1]) > 0]
        ok = mit < imt and len(bistable) >= 3 and len(unstable) == len(bistable)
        check(f"({direction}) bistable window with unstable middle root", ok,
              f"E_MIT={mit:.4f} ({mit / d0:.3f} Delta0), E_IMT={imt:.4f} ({imt / d0:.3f} Delta0), "
              f"{len(bistable)} bistable fields")
        result[direction] = (imt, mit)
        for kind, mark in (("stable", "o"), ("unstable", "x")):
            pts = np.array([[float(r[0]), float(r[1])] for r in rows if r[2] == kind])
            ax[i].plot(pts[:, 0], pts[:, 1], mark, label=kind)
        ax[i].axvline(imt, ls="--", color="r")
        ax[i].axvline(mit, ls="--", color="b")
        ax[i].set(xlabel="E", ylabel="Delta", title=f"E || ({direction}), U=4, Gamma=0.05, T=0")
        ax[i].legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "branches.png"))
    return result


# --- 3. Landau-Zener (HF Fig. 1d, SI Eq. 11) --------------------------------------------------
def landau_zener(plt, quick):
    nodes = 48 if quick else 96
    data = table(run("hf", "lz", "--gamma", 0.003, "--field", 0.3, "--nodes", nodes, "--deltas", "0.2:2.4:12"))
    delta, num, lz = data[:, 0], data[:, 1], data[:, 2]
    lz_part = delta <= 1.81
    decades = math.log10(num[lz_part].max() / num[lz_part].min())
    ratio = num[lz_part] / lz[lz_part]
    check("P_ex follows LZ over >= 3 decades (ratio within [0.02, 0.5])",
          decades >= 3 and ratio.min() > 0.02 and ratio.max() < 0.5,
          f"{decades:.2f} decades for Delta<=1.8, numerics/LZ in [{ratio.min():.3f}, {ratio.max():.3f}]")
    check("small-E/large-gap deviation: numerics exceed LZ", np.all(num[delta >= 2.19] > 2 * lz[delta >= 2.19]),
          f"ratio at Delta=2.4: {num[-1] / lz[-1]:.1f}")
    floor = [table(run("hf", "lz", "--gamma", g, "--field", 0.3, "--nodes", 16, "--deltas", "2.4"))[0, 1]
             for g in (0.0015, 0.003)]
    check("deviation is a bath (dephasing) floor proportional to Gamma", abs(floor[1] / floor[0] - 2) < 0.2,
          f"P_ex(Delta=2.4): Gamma 0.0015 -> {floor[0]:.3e}, 0.003 -> {floor[1]:.3e}")
    fig, ax = plt.subplots(figsize=(5, 3.8))
    ax.semilogy(delta, num, "o-", label="numerics SI Eq. 9")
    ax.semilogy(delta, lz, "--", label="LZ SI Eq. 11")
    ax.semilogy(delta, lz / (8 * np.pi), ":", label="Eq. 11 / 8pi (normalisation, docs)")
    ax.set(xlabel="Delta", ylabel="P_ex", title="E=0.3 (11), Gamma=0.003")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "landau_zener.png"))


# --- 4. metallic T_eff (SI Eq. 12) ------------------------------------------------------------
def effective_temperature(plt):
    fields = "0.0005,0.001,0.002,0.005,0.01,0.02,0.05,0.1"
    res = {d: table(run("hf", "teff", "--gamma", 0.05, "--direction", d, "--fields", fields)) for d in ("11", "10")}
    a, b = res["11"], res["10"]
    check("T_eff linear in E at weak field", abs(a[1, 1] / a[0, 1] - 2) < 0.05,
          f"T_eff(0.001)/T_eff(0.0005) = {a[1, 1] / a[0, 1]:.3f}; T_eff*Gamma/E = {a[0, 2]:.3f} (11), {b[0, 2]:.3f} (10)")
    aniso = a[:, 1] / b[:, 1]
    check("direction dependence: isotropic at weak field, (11) hotter at E ~ Gamma",
          abs(aniso[0] - 1) < 0.03 and aniso[6] > 1.05,
          f"T_eff(11)/T_eff(10) = {aniso[0]:.3f} at E/Gamma=0.01, {aniso[6]:.3f} at E/Gamma=1")
    fig, ax = plt.subplots(figsize=(5, 3.8))
    for d, r in res.items():
        ax.loglog(r[:, 0] / 0.05, r[:, 1], "o-", label=f"E || ({d})")
    ax.loglog(a[:, 0] / 0.05, a[0, 2] * a[:, 0] / 0.05, "k:", label="T_eff = c E/Gamma")
    ax.set(xlabel="E/Gamma", ylabel="T_eff (metal)", title="Gamma = 0.05, T_bath = 0")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "teff_metal.png"))


# --- 5. avalanche (AV Eqs. 11-14) -------------------------------------------------------------
def avalanche(plt):
    lines = run("avalanche", "--gammas", "1e-6,1e-5,1e-4,0.0005,0.001,0.002,0.004,0.006")
    head = kv(lines[0])
    x0, bc = float(head["x0"]), float(head["beta_c"])
    check("x0 and beta_c to 4 digits (AV Eq. 14)", round(x0, 4) == 0.5950 and round(bc, 3) == 8.574,
          f"x0={x0}, beta_c={bc} (paper 0.595047, 8.574)")
    rows = np.array([[float(v) for v in l.split()] for l in lines[2:] if "none" not in l])
    err = np.abs(rows[:, 4] - 1)
    err2 = np.abs(rows[:, 5] / rows[:, 2] - 1)
    large = rows[:, 1] >= 50  # asymptotic regime; near beta_c the leading log agrees by accident
    check("Eq. 12 approaches Eq. 11 as beta grows (leading log, error ~ ln(L)/2L)",
          np.all(np.diff(err[large]) > 0) and err.max() < 0.25 and np.all(err2[large] < err[large] / 3),
          f"|Eq12/Eq11-1| = {err[0]:.3f} at beta={rows[0, 1]:.0f} ... {err[large][-1]:.3f} at "
          f"beta={rows[large][-1, 1]:.0f}; two-term Eq. B3: {err2[0]:.4f} ... {err2[large][-1]:.4f}")
    fig, ax = plt.subplots(figsize=(5, 3.8))
    ax.loglog(rows[:, 0], rows[:, 2], "o-", label="Eq. 11 (root)")
    ax.loglog(rows[:, 0], rows[:, 3], "--", label="Eq. 12 (asymptotic)")
    ax.set(xlabel="Gamma", ylabel="E_av", title="m=1/2, omega0=0.3, g=0.1")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "avalanche.png"))


# --- 6. table and benchmark -------------------------------------------------------------------
def table_and_bench(quick):
    path = os.path.join(OUT, "teff-table.json")
    run("hf", "teff-table", "--gamma", 0.1, "--nodes", 16, "--fields", "0,0.3,0.6", "--temperatures", "0,0.4",
        "--output", path)
    t = json.load(open(path))
    ok = t["format"] == "filament-teff-table" and t["format_version"] == 1 and \
        t["phases"]["metal"]["effective_temperature_K"][0] == t["axes"]["bath_temperature_K"]
    check("T_eff table written and E=0 row equals T_bath", ok, path)
    if quick:
        return
    out = kv(run("hf", "bench", "--gamma", 0.01)[0])
    check("benchmark: 50-field Delta(E) branch < 60 s", float(out["seconds"]) < 60,
          f"{out['seconds']} s wall, {out['cpu_seconds']} s CPU (Gamma=0.01, 64 nodes, continuation); "
          f"load average {os.getloadavg()[0]:.1f}")
    bench = kv(run("hf", "bench", "--gamma", 0.05, "--all")[0])
    SUMMARY.append(f"INFO benchmark, 50 fields, all solutions by root scan (Gamma=0.05, 64 nodes): "
                   f"{bench['seconds']} s wall, {bench['cpu_seconds']} s CPU, {bench['solutions']} solutions")
    print(SUMMARY[-1], flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="coarser LZ run, no benchmark")
    args = parser.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"missing {BIN}: run `swift build -c release` first")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(OUT, exist_ok=True)
    d0, _ = equilibrium(plt)
    branches(plt, d0)
    landau_zener(plt, args.quick)
    effective_temperature(plt)
    avalanche(plt)
    table_and_bench(args.quick)
    with open(os.path.join(OUT, "summary.txt"), "w") as f:
        f.write("\n".join(SUMMARY) + "\n")
    checks = [line for line in SUMMARY if not line.startswith("INFO")]
    print(f"{len(checks) - len(FAILURES)}/{len(checks)} checks passed; plots in {OUT}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
