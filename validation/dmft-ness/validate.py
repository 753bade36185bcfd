#!/usr/bin/env python3
"""Field-driven steady state of the (dimer-)Hubbard model: checks and figures.

Usage:  swift build -c release --product filament && python3 validation/dmft-ness/validate.py [--quick]

Runs `filament dmft ness…` (release binary), compares with independent references and with the
paper of Díaz, Han & Aron (DHM, "Electrically driven insulator-to-metal transition in a correlated
insulator: electronic mechanism and thermal description", 2023), writes report.md, data (*.txt) and
PNG plots into validation/dmft-ness/out/, and exits 1 if a check misses its tolerance.
Grids are scaled down from the solver defaults (k_y points, frequency spacing): see report.md.
"""
import argparse, math, os, subprocess, sys, time
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("FILAMENT_BIN", os.path.join(ROOT, ".build", "release", "filament"))
OUT = os.path.join(ROOT, "validation", "dmft-ness", "out")
# Insulators need a frequency spacing h <= Gamma (the bath-broadened poles of the Weiss field must be
# resolved: at h = 1e-3 > Gamma = 7.5e-4 the insulator iteration does not settle below E ~ 0.05).
GRID = ["--k-points", "64", "--spacing", "5e-4", "--width", "4", "--quiet"]
PAPER = ["--tperp", "0.3", "--temperature", "2.5e-3", "--gamma", "7.5e-4"]
checks, report = [], []


def check(name, value, ok, tolerance):
    line = f"{'PASS' if ok else 'FAIL'}  {name}: {value}  ({tolerance})"
    print(line, flush=True)
    checks.append((name, ok))
    report.append("- " + line)


def note(text):
    print(text, flush=True)
    report.append(text)


def run(*args, allow_fail=False):
    p = subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0 and not allow_fail:
        sys.exit(f"command failed: filament {' '.join(args)}\n{p.stderr}")
    return p.stdout


def points(text):
    """Parses 'E J T_eff rho0 balance iterations [closure]' lines; failed points come back as None."""
    rows = []
    for line in text.splitlines():
        if line.startswith("# failed"):
            rows.append(None)
        elif line and not line.startswith("#"):
            rows.append(tuple(float(x) for x in line.split()))
    return rows


# ---------------------------------------------------------------- U = 0: finite chain (numpy)
def field_grid(e, h0, w):
    n = max(1, math.ceil(e / h0 * (1 - 1e-12))) if e > 0 else 0
    h = e / n if e > 0 else h0
    count = 2 * max(math.ceil(w / h * (1 - 1e-12)), 8)
    return (np.arange(count) - (count - 1) / 2) * h, h


def finite_chain(e, t_bath, gamma, k_points, h0, w, sites=60):
    """Local J, rho(0), T_eff of a chain x = -L..L in the potential -E x, each site with its own bath
    at chemical potential -E x; rows c, c+1 of G^R by the Thomas algorithm (vectorised over k_y, ω)."""
    t = 0.25
    om, h = field_grid(e, h0, w)
    ek = -2 * t * np.cos(np.pi * (np.arange(k_points) + 0.5) / k_points)
    z = om[None, :] - ek[:, None] + 1j * gamma
    xs = np.arange(-sites, sites + 1)

    def row(target):
        n = len(xs)
        cp, dp = [None] * n, [None] * n
        for j, x in enumerate(xs):
            diag = z + e * x
            rhs = 1.0 if x == target else 0.0
            den = diag if j == 0 else diag - t * cp[j - 1]
            cp[j] = t / den
            dp[j] = rhs / den if j == 0 else (rhs - t * dp[j - 1]) / den
        g = [None] * n
        g[-1] = dp[-1]
        for j in range(n - 2, -1, -1):
            g[j] = dp[j] - cp[j] * g[j + 1]
        return g

    g0, g1 = row(0), row(1)
    gk = np.zeros_like(om)
    lesser = np.zeros(z.shape, complex)
    for j, x in enumerate(xs):
        w_loc = om + e * x
        gk = gk + (np.abs(g0[j]) ** 2 * (-2 * gamma * np.tanh(w_loc / (2 * t_bath)))).mean(0)
        lesser += g0[j] * (2j * gamma / (1 + np.exp(np.clip(w_loc / t_bath, -700, 700)))) * np.conj(g1[j])
    gr = g0[sites].imag.mean(0)
    cur = (2 * t * lesser.real).mean(0).sum() * h / (2 * np.pi)
    n = len(om)
    rho0 = -0.5 * (gr[n // 2 - 1] + gr[n // 2]) / np.pi
    f = 0.5 * (1 - 0.5 * gk / gr)
    teff = math.sqrt(t_bath ** 2 + 6 / np.pi ** 2 * np.sum(om * (f - 1 / (1 + np.exp(om / t_bath)))) * h)
    return cur, rho0, teff


def u0_study(quick):
    note("\n## U = 0: semi-infinite chains against a finite chain in the linear potential\n")
    note("SOHM, T = 0.05, Γ = 0.1, 16 k_y points, h ≤ 0.004, W = 8; the finite chain (121 sites, numpy) uses "
         "the same frequency and k_y nodes.")
    t, g, k, h0, w = 0.05, 0.1, 16, 0.004, 8
    fields = [0.004, 0.01, 0.04, 0.1, 0.2, 0.4, 1.0, 4.0] if quick else \
        [0.004, 0.01, 0.02, 0.04, 0.08, 0.12, 0.16, 0.2, 0.24, 0.3, 0.4, 1.0, 2.0, 4.0]
    rows = []
    for e in fields:
        p = points(run("dmft", "ness", "-u", "0", "--tperp", "0", "--temperature", str(t), "--gamma", str(g), "--field", str(e),
                       "--k-points", str(k), "--spacing", str(h0), "--width", str(w)))[0]
        c = finite_chain(e, t, g, k, h0, w)
        rows.append((e, p[1], c[0], p[2], c[2], p[3], c[1], p[4]))
    np.savetxt(os.path.join(OUT, "u0_current.txt"), rows, header="E J_chain J_finite Teff_chain Teff_finite rho0_chain rho0_finite balance")
    dev = max(max(abs(r[1] / r[2] - 1), abs(r[3] / r[4] - 1), abs(r[5] / r[6] - 1)) for r in rows)
    check("U=0: J, T_eff, rho(0) semi-infinite vs finite chain, E = 0.004 … 4", f"max rel. dev. {dev:.1e}", dev < 1e-3, "< 1e-3")
    bal = max(r[7] for r in rows if r[0] < 1)
    check("U=0: J·E = Q_bath (DHM Eq. A1), E < 1", f"max {bal:.1e}", bal < 1e-6, "< 1e-6")
    i = max(range(len(rows)), key=lambda j: rows[j][1])
    i2 = max(range(len(rows)), key=lambda j: rows[j][2])
    note(f"Current maximum: E* = {rows[i][0]} (semi-infinite) and {rows[i2][0]} (finite chain), J = {rows[i][1]:.6e} vs "
         f"{rows[i2][2]:.6e}; the Bloch frequency E/ħ equals the decay rate 2Γ/ħ of the retarded functions at E = {2 * g}.")
    check("U=0: current maximum near E = 2Γ", rows[i][0], abs(rows[i][0] / (2 * g) - 1) < 0.35 and i == i2, "within 35% of 2Γ, same point in both")
    return rows


# ---------------------------------------------------------------- DHM figures
def spectrum(u, e, branch, name):
    path = os.path.join(OUT, name)
    out = run("dmft", "ness", "-u", str(u), "--field", str(e), "--branch", branch, "--spectrum", path, *PAPER, *GRID, allow_fail=True)
    data = np.loadtxt(path, delimiter=",", comments="#")
    return points(out)[0], data


def edges(om, rho, lo, hi, min_slope=5.0):
    """Side-band edges: local maxima of d ln(rho)/d omega (the steepest rise of a replicated gap edge,
    which is a step, not a peak) with slope > min_slope, for lo < omega < hi."""
    d = np.gradient(np.log(np.maximum(rho, 1e-300)), om)
    idx = [i for i in range(1, len(om) - 1) if lo < om[i] < hi and d[i] > d[i - 1] and d[i] >= d[i + 1] and d[i] > min_slope]
    return om[idx], d[idx]


def fig4_fig5():
    note("\n## DHM Figs. 4–5: spectra and distributions at E = 0.1 (U = 2.5, t⊥ = 0.3, Γ = 7.5e-4, T = 2.5e-3)\n")
    p0, eqs = spectrum(2.5, 0.0, "insulator", "fig4_E0.csv")
    pi, ins = spectrum(2.5, 0.1, "insulator", "fig4_E0.1.csv")
    pm, met = spectrum(2.5, 0.1, "metal", "fig5_metal_E0.1.csv")
    eq = eqs[:, :2]
    np.savetxt(os.path.join(OUT, "fig4_E0.txt"), eq, header="omega rho_loc (NESS solver at E = 0, insulator)")
    check("E = 0 insulator converges at the DHM parameters", "failed" if p0 is None else f"{int(p0[5])} iterations",
          p0 is not None, "fixed point and closure reached")
    e0, s0 = edges(eqs[:, 0], eqs[:, 1], 0.005, 0.45, min_slope=100)
    half = e0[0]
    gap = 2 * half
    note(f"Gap edges (maxima of d ln ρ/dω) of the E = 0 insulator: {', '.join(f'{x:.4f}' for x in e0)}; Δ = 2 × {half:.4f} = {gap:.3f} "
         "(DHM Fig. 4: Δ ≈ 0.5).")
    e = 0.1
    pos, slope = edges(ins[:, 0], ins[:, 1], 0.005, half + 0.005)
    note(f"Edges in the gap at E = 0.1 (ω > 0; ρ_loc is even): {', '.join(f'{x:.4f} ({d:.0f})' for x, d in zip(pos, slope))} "
         "(slope d ln ρ/dω in brackets).")
    expected = [half + n * e for n in (-1, -2)]
    dist = [min(abs(pos - y)) for y in expected] if len(pos) else [1.0]
    note(f"Predicted side bands Δ/2 + nE in the gap (n = −1, −2; |n| > 2 is suppressed, DHM §IV): "
         f"{', '.join(f'{y:.4f}' for y in expected)}; nearest edges at distance {', '.join(f'{d:.4f}' for d in dist)}.")
    check("Fig. 4: an edge within 0.02 of each side band Δ/2 + nE (n = −1, −2, Δ of the E = 0 solution)",
          f"max distance {max(dist):.4f}", max(dist) < 0.02, "< 0.02 = E/5")
    # The ladder: edges of the driven spectrum spaced by E.
    top = pos[np.argmin(abs(pos - half))]
    ladder = [pos[np.argmin(abs(pos - (top - n * e)))] for n in (1, 2)]
    spacing_dev = max(abs(top - ladder[0] - e), abs(ladder[0] - ladder[1] - e))
    note(f"Ladder from the driven gap edge {top:.4f}: {ladder[0]:.4f}, {ladder[1]:.4f}; spacings "
         f"{top - ladder[0]:.4f}, {ladder[0] - ladder[1]:.4f} (E = {e}).")
    check("Fig. 4: side bands spaced by E", f"max |spacing − E| {spacing_dev:.4f}", spacing_dev < 0.005, "< 0.005 (10 grid spacings)")
    for (p, paper, name) in [(pm, 0.38, "metal"), (pi, 9.3e-3, "insulator")]:
        ok = p is not None and abs(p[2] / paper - 1) < 0.1
        check(f"Fig. 5: T_eff of the {name} at E = 0.1", "failed" if p is None else f"{p[2]:.4g} (paper {paper})", ok, "within 10%")
    for data, p, name in [(met, pm, "metal"), (ins, pi, "insulator")]:
        if p is None:
            continue
        fd = 1 / (1 + np.exp(np.clip(data[:, 0] / p[2], -700, 700)))
        sel = np.abs(data[:, 0]) < 1
        note(f"{name}: max |f_loc − f_FD(T_eff)| on |ω| < 1: {np.max(np.abs(data[sel, 2] - fd[sel])):.3g}")
    return eq, ins, met, pm, pi, gap


def branch(u, seed, fields, down=True):
    args = ["dmft", "ness-branch", "-u", str(u), "--branch", seed, "--fields", fields, "--max-iterations", "250", "--print-closure", *PAPER, *GRID]
    if down:
        args.append("--down")
    text = run(*args, allow_fail=True)
    up, dn, cur = [], [], None
    cur = up
    for line in text.splitlines():
        if line.startswith("# down"):
            cur = dn
            continue
        r = points(line)
        cur.extend(r)
    return up, dn


def transition(rows):
    """First jump of rho(0) by > 10x between consecutive converged points: (E before, E after, T_eff before)."""
    last = None
    for r in rows:
        if r is None:
            continue
        if last is not None and (r[3] / last[3] > 10 or r[3] / last[3] < 0.1):
            return last[0], r[0], last[2]
        last = r
    return None


def born_study():
    """The conserving second-order Born self-energy at the DHM parameters: J·E = Q_bath on every converged point."""
    note("\n## Conserving self-energy (second-order Born): J·E = Q_bath (DHM Eq. A1)\n")
    rows = []
    note("Grid: 64 k_y points, h ≤ 5e-4, half width W = 8 (the Born self-energy's spectral tails reach beyond ±4: at W = 4 the "
         "energy flux through the window's edges leaves J·E − Q_bath at 1e-5 … 5e-5), fixed-point tolerance 1e-11.")
    for u, fields in [(2.5, "0.02:0.3:8"), (1.0, "0.02:0.3:8")]:
        text = run("dmft", "ness-branch", "-u", str(u), "--self-energy", "born", "--branch", "metal", "--fields", fields,
                   "--print-closure", "--tolerance", "1e-11", *PAPER, "--k-points", "64", "--spacing", "5e-4", "--width", "8",
                   "--quiet", allow_fail=True)
        pts = points(text)
        np.savetxt(os.path.join(OUT, f"born_U{u}.txt"), [r for r in pts if r], header="E J Teff rho0 balance iterations closure (Born)")
        rows += [(u, r) for r in pts]
    ok = [r for _, r in rows if r]
    note(f"U = 1, 2.5 (Born), E = 0.02 … 0.3 (8 fields each): {len(ok)} of {len(rows)} points converged; max |J·E − Q_bath|/(J·E) = "
         f"{max(r[4] for r in ok):.2g}." if ok else "no converged Born point")
    check("Born: J·E = Q_bath on every converged point", f"max {max(r[4] for r in ok):.1e} over {len(ok)} points" if ok else "none",
          bool(ok) and max(r[4] for r in ok) < 1e-6, "< 1e-6")


def parallel(jobs, workers=3):
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(workers) as ex:
        return list(ex.map(lambda j: j[0](*j[1:]), jobs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer fields and interactions")
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: swift build -c release --product filament")
    os.makedirs(OUT, exist_ok=True)
    t0 = time.time()
    report.append("# Field-driven steady state of the dimer-Hubbard model: validation report\n")
    report.append("Generated by `python3 validation/dmft-ness/validate.py`. Solver grids for the DHM parameters: "
                  "64 k_y points, frequency spacing ≤ 5e-4 (metal branches: 128 k_y points), half width 4 "
                  "(docs/kernels.md §10 gives the grid study).")
    u0 = u0_study(a.quick)
    eq, ins, met, pm, pi, gap = fig4_fig5()
    # Branches (DHM Figs. 7–9) and the phase diagram / Eq. 14 (Figs. 6, 10).
    metal_grid = ["--k-points", "128", "--spacing", "5e-4"]
    teq = {}
    for line in run("dmft", "tsweep", "--lattice", "square", "--tperp", "0.3", "--gamma", "7.5e-4",
                    "--interactions", "2.3,2.4,2.5,2.6,2.8,3.0,3.2,3.25,3.3,3.4", "--t-min", "0.0025", "--t-max", "0.05",
                    "--t-step", "0.0025").splitlines():
        f = line.split()
        teq[float(f[0])] = (float(f[1]) if f[1] != "nan" else None, float(f[2]) if f[2] != "nan" else None)
    imt_us = [2.4, 2.5, 2.6, 2.8, 3.0] if a.quick else [2.3, 2.4, 2.5, 2.6, 2.8, 3.0]
    mit_us = [3.25, 3.3] if a.quick else [3.2, 3.25, 3.3, 3.4]

    def ins_branch(u):
        return u, branch(u, "insulator", "0:0.3:16", down=(u == 2.5))

    def met_branch(u):
        args = ["dmft", "ness-branch", "-u", str(u), "--branch", "metal", "--fields", "0:0.004:9", "--max-iterations", "250", "--print-closure",
                *PAPER, "--k-points", "128", "--spacing", "5e-4", "--width", "4", "--quiet"]
        if u == 3.25:
            args.append("--down")
        text = run(*args, allow_fail=True)
        up, dn, cur = [], [], None
        cur = up
        for line in text.splitlines():
            if line.startswith("# down"):
                cur = dn
                continue
            cur.extend(points(line))
        return u, (up, dn)

    results = parallel([(ins_branch, u) for u in imt_us] + [(met_branch, u) for u in mit_us])
    ins_res = {u: r for u, r in results[:len(imt_us)]}
    met_res = {u: r for u, r in results[len(imt_us):]}
    note("\n## DHM Figs. 6–10: branches in E, transitions, and Eq. 14\n")
    note("Insulator branches start at E = 0 from the dimer-limit seed and are followed up to E = 0.3 in steps of 0.02 "
         "(64 k_y points, h ≤ 5e-4); metal branches start from the E = 0 metal (128 k_y points, h ≤ 5e-4).")
    rows = []
    for u, (up, dn) in sorted(ins_res.items()):
        np.savetxt(os.path.join(OUT, f"branch_insulator_U{u}.txt"), [r for r in up if r], header="E J Teff rho0 balance iterations closure (up)")
        if dn:
            np.savetxt(os.path.join(OUT, f"branch_insulator_U{u}_down.txt"), [r for r in dn if r], header="E J Teff rho0 balance iterations closure (down)")
        tr = transition(up)
        t_eq = teq.get(u, (None, None))[0]
        rows.append(("IMT", u, tr, t_eq, sum(r is None for r in up)))
    for u, (up, dn) in sorted(met_res.items()):
        np.savetxt(os.path.join(OUT, f"branch_metal_U{u}.txt"), [r for r in up if r], header="E J Teff rho0 balance iterations closure (up)")
        if dn:
            np.savetxt(os.path.join(OUT, f"branch_metal_U{u}_down.txt"), [r for r in dn if r], header="E J Teff rho0 balance iterations closure (down)")
        tr = transition(up)
        t_eq = teq.get(u, (None, None))[1]
        rows.append(("MIT", u, tr, t_eq, sum(r is None for r in up)))
    note("| transition | U | E before → after | T_eff before | T_eq (Matsubara, same Γ) | ratio | failed fields |")
    note("|---|---|---|---|---|---|---|")
    agree = 0
    for kind, u, tr, t_eq, bad in rows:
        if tr and t_eq:
            ratio = tr[2] / t_eq
            agree += abs(ratio - 1) < 0.3
            note(f"| {kind} | {u} | {tr[0]:.4g} → {tr[1]:.4g} | {tr[2]:.4g} | {t_eq:.4g} | {ratio:.2f} | {bad} |")
        else:
            note(f"| {kind} | {u} | {'none found' if not tr else f'{tr[0]:.4g} → {tr[1]:.4g}'} | {tr[2] if tr else '–'} | {t_eq} | – | {bad} |")
    check("Eq. 14: T_eff at the transition within 30% of the equilibrium T_IMT / T_MIT", f"{agree} of {len(rows)} points",
          agree >= 5, "at least 5 points")
    up25 = ins_res.get(2.5, ([], []))[0]
    tr = transition(up25)
    if tr:
        before = [r for r in up25 if r and r[0] == tr[0]][0]
        after = [r for r in up25 if r and r[0] == tr[1]][0]
        check("Fig. 7: rho_loc(0) jump at the IMT (U = 2.5)", f"{after[3] / before[3]:.3g}x at E = {tr[1]}", after[3] / before[3] > 100, "> 100x")
    eimt = [t[2][1] for t in rows if t[0] == "IMT" and t[2]]
    emit = [t[2][1] for t in rows if t[0] == "MIT" and t[2]]
    if eimt and emit:
        check("Fig. 6: E_IMT >> E_MIT", f"min E_IMT {min(eimt)}, max E_MIT {max(emit)}", min(eimt) > 10 * max(emit), "factor > 10")
    allpts = [r for _, (up, dn) in list(ins_res.items()) + list(met_res.items()) for r in up + dn if r]
    nfail = sum(1 for _, (up, dn) in list(ins_res.items()) + list(met_res.items()) for r in up + dn if r is None)
    note(f"\n{len(allpts)} converged IPT points, {nfail} failed (reported as failed by the solver).")
    check("IPT branches: closure J·E = Q_bath + Q_U on every converged point", f"max {max(r[6] for r in allpts):.1e}",
          max(r[6] for r in allpts) < 1e-4, "< 1e-4 (gates convergence)")
    bal = [r[4] for r in allpts if r[0] > 0]
    note(f"IPT: J·E against the bath heat Q (DHM Eq. A1), relative mismatch per point in the branch files (column 5): "
         f"{min(bal):.2g} … {max(bal):.2g}, median {np.median(bal):.2g}. IPT built from the Weiss field is not Φ-derivable and "
         "exchanges energy with the site (Q_U); the conserving Born self-energy below closes the balance.")
    note(f"IPT points with |J·E − Q_bath|/(J·E) ≤ 1e-6: {sum(b < 1e-6 for b in bal)} of {len(bal)} (DHM Eq. A1 is not met by IPT).")
    born_study()
    plots(u0, eq, ins, met, pm, pi, ins_res, met_res, rows, teq)
    note(f"\nWall time {time.time() - t0:.0f} s.")
    failed = [n for n, ok in checks if not ok]
    report.append(f"\n**{len(checks) - len(failed)} of {len(checks)} checks passed.**")
    with open(os.path.join(OUT, "report.md"), "w") as f:
        f.write("\n".join(report) + "\n")
    sys.exit(1 if failed else 0)


def plots(u0, eq, ins, met, pm, pi, ins_res, met_res, rows, teq):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        note("matplotlib not available: no plots")
        return
    u0 = np.array(u0)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.loglog(u0[:, 0], u0[:, 1], "o-", label="semi-infinite chains (filament)")
    ax.loglog(u0[:, 0], u0[:, 2], "x--", label="finite chain (numpy)")
    ax.axvline(0.2, color="gray", ls=":", label="E = 2Γ")
    ax.set_xlabel("E (D/ea)"); ax.set_ylabel("J (per bond, orbital, spin)"); ax.legend(fontsize=7); ax.set_title("U = 0, T = 0.05, Γ = 0.1")
    fig.tight_layout(); fig.savefig(os.path.join(OUT, "u0_current.png"), dpi=120); plt.close(fig)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.semilogy(eq[:, 0], eq[:, 1], "k--", label="E = 0 (equilibrium)")
    ax.semilogy(ins[:, 0], ins[:, 1], "b-", label="E = 0.1 (insulator)")
    ax.set_xlim(-0.6, 0.6); ax.set_ylim(1e-7, 1); ax.set_xlabel("ω"); ax.set_ylabel("ρ_loc(ω)"); ax.legend(fontsize=7)
    ax.set_title("DHM Fig. 4: U = 2.5, t⊥ = 0.3")
    fig.tight_layout(); fig.savefig(os.path.join(OUT, "fig4_sidebands.png"), dpi=120); plt.close(fig)
    fig, axs = plt.subplots(1, 2, figsize=(8, 3.5))
    for ax, d, p, name in [(axs[0], met, pm, "metal"), (axs[1], ins, pi, "insulator")]:
        if p is None:
            continue
        ax.plot(d[:, 0], d[:, 2], label=f"f_loc ({name})")
        ax.plot(d[:, 0], 1 / (1 + np.exp(np.clip(d[:, 0] / p[2], -700, 700))), "--", label=f"Fermi–Dirac, T = {p[2]:.3g}")
        ax.set_xlim(-1.5 if name == "metal" else -0.6, 1.5 if name == "metal" else 0.6); ax.set_xlabel("ω"); ax.legend(fontsize=7)
    fig.suptitle("DHM Fig. 5: E = 0.1, U = 2.5"); fig.tight_layout(); fig.savefig(os.path.join(OUT, "fig5_distribution.png"), dpi=120); plt.close(fig)
    fig, axs = plt.subplots(1, 3, figsize=(12, 3.5))
    for u, (up, dn) in sorted(ins_res.items()) + sorted(met_res.items()):
        for rr, style in [(up, "-o"), (dn, "--x")]:
            r = np.array([x for x in rr if x])
            if len(r) == 0:
                continue
            lab = f"U = {u} {'up' if rr is up else 'down'}"
            axs[0].semilogy(r[:, 0], np.abs(r[:, 1]) + 1e-14, style, ms=3, label=lab)
            axs[1].semilogy(r[:, 0], r[:, 3], style, ms=3, label=lab)
            axs[2].semilogy(r[:, 0], r[:, 2], style, ms=3, label=lab)
    axs[0].set_ylabel("J"); axs[1].set_ylabel("ρ_loc(0)"); axs[2].set_ylabel("T_eff")
    for ax in axs:
        ax.set_xscale("log"); ax.set_xlabel("E")
    axs[0].legend(fontsize=5)
    fig.suptitle("DHM Figs. 7–9: branches followed up (and down) in E"); fig.tight_layout()
    fig.savefig(os.path.join(OUT, "fig7to9_branches.png"), dpi=120); plt.close(fig)
    fig, axs = plt.subplots(1, 2, figsize=(9, 3.5))
    for kind, color in [("IMT", "b"), ("MIT", "g")]:
        pts = [(u, tr[1], tr[2], t) for k, u, tr, t, _ in rows if k == kind and tr]
        if pts:
            p = np.array([(a, b, c) for a, b, c, _ in pts])
            axs[0].semilogy(p[:, 0], p[:, 1], color + "o-", label=f"E_{kind}")
            axs[1].plot(p[:, 0], p[:, 2], color + "o", label=f"T_eff at {kind} (NESS)")
    us = sorted(teq)
    axs[1].plot([u for u in us if teq[u][0]], [teq[u][0] for u in us if teq[u][0]], "b-", label="T_IMT (equilibrium)")
    axs[1].plot([u for u in us if teq[u][1]], [teq[u][1] for u in us if teq[u][1]], "g-", label="T_MIT (equilibrium)")
    axs[0].set_xlabel("U"); axs[0].set_ylabel("E"); axs[0].legend(fontsize=7); axs[0].set_title("DHM Fig. 6")
    axs[1].set_xlabel("U"); axs[1].set_ylabel("T"); axs[1].legend(fontsize=7); axs[1].set_title("DHM Fig. 10 / Eq. 14")
    fig.tight_layout(); fig.savefig(os.path.join(OUT, "fig6_fig10_phase_diagram.png"), dpi=120); plt.close(fig)


if __name__ == "__main__":
    main()
