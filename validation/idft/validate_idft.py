#!/usr/bin/env python3
"""Validation of the i-DFT spectral kernel (Bethe and simple cubic lattices).

Runs the release `filament idft …` and `filament dmft spectrum` commands, recomputes the
checkable numbers independently (NumPy/SciPy), draws the spectra across the Mott transition on both
lattices and the side-by-side comparison with the project's real-axis IPT on the Bethe lattice,
writes validation/reports/idft/{summary.txt,comparison.txt,*.png} and exits 1 when a tolerance is
missed.

    swift build -c release --product filament && python3 validation/idft/validate_idft.py

Paper: D. Jacob, G. Stefanucci and S. Kurth, "Mott metal-insulator transition from steady-state
density functional theory", Phys. Rev. Lett. 125, 216401 (2020) (arXiv:2006.11075), Eqs. 1-17
and supplement Eqs. S13-S21.
"""
import math
import os
import subprocess
import sys

import numpy as np
from scipy.integrate import quad
from scipy.special import ellipkm1

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, ".build", "release", "filament")
OUT = os.path.join(ROOT, "validation", "reports", "idft")
SUMMARY, FAILURES, COMPARISON = [], [], []
UC = {"bethe": 1.47, "cubic": 1.17}


def run(*args):
    out = subprocess.run([BIN, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return out.splitlines()


def header(lines):
    h = lines[0].lstrip("# ").split()
    return {h[i]: h[i + 1] for i in range(0, len(h) - 1, 2)}


def table(lines):
    return np.array([[float(v) for v in l.split()] for l in lines if l.strip() and not l.startswith("#")])


def save(fig, name):
    """Writes a plot to the report directory and to docs/figures (the copy the docs show)."""
    fig.savefig(os.path.join(OUT, name), dpi=120)
    fig.savefig(os.path.join(ROOT, "docs", "figures", "idft_" + name), dpi=100)


def check(name, ok, detail):
    SUMMARY.append(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
    print(SUMMARY[-1], flush=True)
    if not ok:
        FAILURES.append(name)


def spectrum(lattice, u_over_w, n=2001, extra=()):
    """rho(omega) with W = 1."""
    top = 1.05 * (u_over_w + 1) / 2
    lines = run("idft", "spectrum", "--lattice", lattice, "--bandwidth", 1, "-u", u_over_w,
                f"--omegas={-top}:{top}:{n}", *extra)
    return header(lines), table(lines)


def cubic_lattice():
    """Cubic DOS against an independent SciPy evaluation of (1/pi) int dk rho_sq(e - 2 cos k)."""
    lines = run("idft", "lattice", "--lattice", "cubic", "--bandwidth", 12, "--omegas=-6.95:6.95:140")
    rows = table(lines)

    def rho_sq(e):
        # K(k) with k^2 = 1 - e^2/16, i.e. SciPy's ellipkm1(e^2/16) (parameter 1 - m)
        return ellipkm1(max(e * e / 16, 1e-300)) / (2 * math.pi ** 2) if abs(e) < 4 else 0.0

    def rho_ref(e):
        pts = [math.acos(c) for c in (e / 2, (e - 4) / 2, (e + 4) / 2) if abs(c) < 1]
        return quad(lambda k: rho_sq(e - 2 * math.cos(k)), 0, math.pi, points=pts or None, limit=400, epsabs=1e-13, epsrel=1e-11)[0] / math.pi

    sel = rows[np.abs(rows[:, 0]) < 6]
    ref = np.array([rho_ref(e) for e in sel[:, 0]])
    err_tab = np.max(np.abs(sel[:, 1] - ref))
    err_quad = np.max(np.abs(-sel[:, 3] / math.pi - ref))
    check("cubic DOS (table and quadrature) vs SciPy ellipkm1 quadrature, 140 points off the van Hove points (abs. 1e-6 / 1e-8, t = 1)",
          err_tab < 1e-6 and err_quad < 1e-8, f"table {err_tab:.1e}, quadrature {err_quad:.1e}")
    h = lines[0].split()
    g0, g1 = float(h[5].lstrip("-")), float(h[9].split("/")[0])
    check("cubic G_s(0) and G_s'(0) vs the paper (-5.38i/W, 13.24/W^2; 0.3 %)",
          abs(g0 / 5.38 - 1) < 3e-3 and abs(g1 / 13.24 - 1) < 3e-3, f"-{g0:.4f}i/W, {g1:.4f}/W^2")
    return rows


def transition(plt):
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, lattice, us in [(axes[0], "bethe", [0.5, 1.0, 1.3, 1.46, 1.48, 1.6, 2.0]),
                            (axes[1], "cubic", [0.5, 0.9, 1.1, 1.16, 1.18, 1.4, 1.8])]:
        rho_s0 = None
        for u in us:
            h, rows = spectrum(lattice, u)
            w, rho = rows[:, 0], rows[:, 1]
            if rho_s0 is None:  # rho_s(0) of the same Kohn-Sham table (U = 0)
                rho_s0 = float(table(run("idft", "spectrum", "--lattice", lattice, "--bandwidth", 1, "-u", 0, "--omegas", 0))[0, 1])
            integral = np.trapezoid(rho, w)
            insulating = h["phase"] == "insulator"
            mid = len(w) // 2
            ok = abs(integral - 1) < 2e-3 and np.all(rho >= 0) and np.all(rho[np.abs(w) > (u + 1) / 2] == 0)
            if insulating:
                gap = float(h["gap"])
                ok &= np.all(rho[np.abs(w) < gap / 2 * 0.999] == 0) and gap > 0.3
                detail = f"gap {gap:.4f} W (= U_xc)"
            else:
                ok &= abs(rho[mid] - rho_s0) < 1e-9
                half = w[(w > 0) & (rho < (rho[mid] + rho[(w > 0)].min()) / 2)]
                detail = f"rho(0) = {rho[mid]:.6f} = rho_s(0), Z = {float(h['Z']):.3f}"
            expected = u >= UC[lattice]
            check(f"{lattice} U/W={u}: {'insulator' if insulating else 'metal'} (expected "
                  f"{'insulator' if expected else 'metal'}), sum rule, support",
                  ok and insulating == expected, f"{detail}; int rho = {integral:.5f}")
            ax.plot(w, rho + 0 * u, label=f"U/W={u}")
        ax.set(xlabel="omega / W", ylabel="rho(omega) W", title=f"i-DFT, {lattice} lattice (U_c = {UC[lattice]} W)")
        ax.legend(fontsize=7)
    fig.tight_layout()
    save(fig, "spectra_transition.png")
    # the transition point: A(0) against U
    fig, ax = plt.subplots(figsize=(5, 3.8))
    for lattice in ("bethe", "cubic"):
        us = np.round(np.arange(0.8, 2.01, 0.02), 4)
        r0 = [float(table(run("idft", "spectrum", "--lattice", lattice, "--bandwidth", 1, "-u", u, "--omegas", "0"))[0, 1]) for u in us]
        first_gap = us[np.argmax(np.array(r0) == 0)]
        check(f"{lattice}: A(0) drops to 0 at the paper's U_c (first insulating U on a 0.02 W grid)",
              abs(first_gap - UC[lattice]) <= 0.02 + 1e-9, f"first U with A(0)=0: {first_gap} W, paper {UC[lattice]} W")
        ax.plot(us, r0, "o-", ms=3, label=lattice)
    ax.set(xlabel="U / W", ylabel="rho(0) W", title="i-DFT: spectral weight at the Fermi level")
    ax.legend()
    fig.tight_layout()
    save(fig, "rho0_vs_u.png")


def features(w, rho):
    """rho(0), half width of the central peak, the Hubbard-band maximum and the gap edge."""
    mid = np.argmin(np.abs(w))
    pos = w > 0
    wp, rp = w[pos], rho[pos]
    r0 = rho[mid]
    out = {"rho0": r0}
    if r0 > 1e-3:
        below = np.where(rp < r0 / 2)[0]
        out["hwhm"] = wp[below[0]] if len(below) else math.nan
        start = below[0] if len(below) else 0
    else:
        out["hwhm"] = math.nan
        start = 0
    # Hubbard band: the maximum beyond the first local minimum after the central peak
    if r0 > 1e-3:
        rising = np.where(np.diff(rp[start:]) > 0)[0]
        out["hubbard_peak"] = wp[start + rising[0] + np.argmax(rp[start + rising[0]:])] if len(rising) else math.nan
    else:
        out["hubbard_peak"] = wp[np.argmax(rp)]
    above = np.where(rp > 0.02 * rp.max())[0]
    out["gap_edge"] = wp[above[0]] if r0 < 1e-3 and len(above) else 0.0
    return out


def compare_ipt(plt):
    """Bethe lattice, W = 2 (half bandwidth 1, the unit of `filament dmft`)."""
    cases = [(1.0, "metal"), (2.0, "metal"), (2.6, "metal"), (3.6, "insulator")]
    fig, axes = plt.subplots(1, len(cases), figsize=(16, 3.8))
    COMPARISON.append("Bethe lattice, W = 2 (D = 1). IPT: real axis, 2^14 frequencies, T = 0.01 D, Gamma = 7.5e-4 D.")
    COMPARISON.append("U/D U/W | rho(0): idft ipt | HWHM central peak: idft ipt | Hubbard max: idft ipt | gap edge: idft ipt | int|drho|")
    for ax, (u, branch) in zip(axes, cases):
        h, rows = spectrum("bethe", u / 2, n=2401)
        wi, ri = rows[:, 0] * 2, rows[:, 1] / 2
        ipt = table(run("dmft", "spectrum", "-u", u, "--temperature", 0.01, "--branch", branch, "--every", 4))
        wp, rp = ipt[:, 0], ipt[:, 1]
        ri_on = np.interp(wp, wi, ri, left=0, right=0)
        l1 = np.trapezoid(np.abs(ri_on - rp), wp)
        fi, fp = features(wi, ri), features(wp, rp)
        COMPARISON.append(f"{u:.2f} {u / 2:.2f} | {fi['rho0']:.4f} {fp['rho0']:.4f} | {fi['hwhm']:.3f} {fp['hwhm']:.3f} | "
                          f"{fi.get('hubbard_peak', math.nan):.3f} {fp.get('hubbard_peak', math.nan):.3f} | "
                          f"{fi['gap_edge']:.3f} {fp['gap_edge']:.3f} | {l1:.3f}")
        same_phase = (fi["rho0"] > 1e-3) == (fp["rho0"] > 1e-3)
        if fi["rho0"] > 1e-3:
            pinned = abs(fi["rho0"] - 2 / math.pi) < 1e-6 and abs(fp["rho0"] - 2 / math.pi) < 0.03 * 2 / math.pi
        else:
            pinned = True
        check(f"IPT vs i-DFT at U={u} D: same phase, both pinned at 2/(pi D) in the metal",
              same_phase and pinned, f"rho(0) idft {fi['rho0']:.4f}, ipt {fp['rho0']:.4f}; int|drho| = {l1:.3f}")
        ax.plot(wp, rp, label="IPT (T=0.01)")
        ax.plot(wi, ri, label="i-DFT")
        ax.set(xlim=(-4, 4), xlabel="omega / D", ylabel="rho(omega) D", title=f"Bethe U = {u} D = {u / 2} W")
        ax.legend(fontsize=8)
    fig.tight_layout()
    save(fig, "vs_ipt.png")


def xc_and_params(plt):
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for u in [0.5, 1.0, 1.3, 1.6, 2.0]:
        rows = table(run("idft", "xc", "--lattice", "bethe", "--bandwidth", 1, "-u", u))
        axes[0].plot(rows[:, 0], rows[:, 1], label=f"U/W={u}")
    axes[0].set(xlabel="reduced current I/2gamma", ylabel="V_xc / W", title="Bethe xc bias (Fig. 1)")
    axes[0].legend(fontsize=8)
    for lattice in ("bethe", "cubic"):
        rows = table([l for l in run("idft", "params", "--lattice", lattice, "--ratios", "0:2:101") if "inf" not in l])
        z, zt = rows[:, 1], rows[:, 2]
        if lattice == "bethe":
            err = np.max(np.abs(zt - 2 * z / (1 + z)))
            check("Bethe Z~ = 2Z/(1+Z) (Eq. 17) from the general Eq. 10 (1e-9; 10 digits printed)", err < 1e-9, f"max diff {err:.1e}")
        else:
            err = np.max(np.abs(zt - 2.2 * z / (1.2 * z + 1)))
            check("cubic Z~ vs the paper's rounded Eq. S20 2.2Z/(1.2Z+1) (abs. 0.01)", err < 0.01, f"max diff {err:.4f}")
        axes[1].plot(rows[:, 0], z, label=f"Z {lattice}")
        axes[1].plot(rows[:, 0], zt, "--", label=f"Z~ {lattice}")
        axes[1].plot(rows[:, 0], rows[:, 3], ":", label=f"U_xc/W {lattice}")
    axes[1].set(xlabel="U / W", title="fit parameters (Fig. 1 inset, Figs. S1-S3)")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    save(fig, "xc_and_params.png")


def bench():
    lines = run("idft", "bench", "-u", 2)
    t_idft = float(lines[0].split("spectrum")[1].split()[0])
    t_ipt = float(lines[2].split("solve")[1].split()[0])
    COMPARISON.append("bench: " + " | ".join(lines))
    check("one i-DFT spectrum is >= 10x cheaper than one IPT solve (wall time)", t_ipt / t_idft >= 10,
          f"i-DFT {t_idft:.2e} s, IPT {t_ipt:.2e} s, ratio {t_ipt / t_idft:.0f}")


def bad_input():
    cases = [["idft", "spectrum", "--lattice", "square", "-u", 1], ["idft", "spectrum", "-u", 45],
             ["idft", "xc", "-u", 1, "--points", 1], ["idft", "spectrum", "-u", 1, "--bandwidth", 0]]
    msgs = []
    for c in cases:
        p = subprocess.run([BIN, *map(str, c)], capture_output=True, text=True)
        msgs.append((p.returncode != 0 and "must" in p.stderr, p.stderr.splitlines()[0] if p.stderr else ""))
    check("bad input: non-zero exit, message names the option and range", all(m[0] for m in msgs), "; ".join(m[1] for m in msgs))


def main():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(OUT, exist_ok=True)
    cubic_lattice()
    xc_and_params(plt)
    transition(plt)
    compare_ipt(plt)
    bench()
    bad_input()
    with open(os.path.join(OUT, "summary.txt"), "w") as f:
        f.write("\n".join(SUMMARY) + "\n")
    with open(os.path.join(OUT, "comparison.txt"), "w") as f:
        f.write("\n".join(COMPARISON) + "\n")
    print("\n".join(COMPARISON))
    print(f"{len(SUMMARY) - len(FAILURES)}/{len(SUMMARY)} checks passed; report in {OUT}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
