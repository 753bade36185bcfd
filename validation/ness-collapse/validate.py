#!/usr/bin/env python3
"""Transport-level collapse of the field-driven steady state onto equilibrium (DHM Eq. 14).

Usage:  swift build -c release --product filament && python3 validation/ness-collapse/validate.py [--quick]

For the dimer-Hubbard model of Díaz, Han & Aron ("Electrically driven insulator-to-metal transition
in a correlated insulator: electronic mechanism and thermal description", 2023; U = 2.5, t_perp = 0.3,
T = 2.5e-3, Gamma = 7.5e-4, square lattice) the driven resistivity rho_NESS(E) = E/J(E) of each branch
is compared with the equilibrium resistivity rho(T) of the same branch (same U, t_perp, Gamma; Kubo
bubble per orbital and spin, no asymmetry) at T = T_eff(E) (DHM Eq. 13), point by point, over the
field range of the NESS tables (E <= 0.2). Before that, the two conductivity formulas are checked
against each other as E -> 0 (linear response): J/E of the driven lattice must equal the equilibrium
sigma at the bath temperature.

Writes report.md, the CSV files and plots into validation/ness-collapse/out/ and exits 1 when a
check misses its tolerance.
"""
import argparse, csv, math, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("FILAMENT_BIN", os.path.join(ROOT, ".build", "release", "filament"))
OUT = os.path.join(ROOT, "validation", "ness-collapse", "out")
PAPER = ["--tperp", "0.3", "--temperature", "2.5e-3", "--gamma", "7.5e-4"]
# Linear response: |J/E - sigma_eq(T)| / sigma_eq(T) at the smallest field.
LINEAR_TOL = 0.03
# Collapse: |rho_NESS / rho_eq(T_eff) - 1| per point. T_eff itself locates the equilibrium
# transitions to 0-10 % (docs/kernels.md section 10); a resistivity that varies by decades over
# the branch is called collapsed when it agrees within 25 %.
COLLAPSE_TOL = 0.25
checks, report = [], []


def check(name, value, ok, tolerance):
    line = f"{'PASS' if ok else 'FAIL'}  {name}: {value}  ({tolerance})"
    print(line, flush=True)
    checks.append((name, ok))
    report.append("- " + line)


def note(text):
    print(text, flush=True)
    report.append(text)


def collapse(name, *args):
    path = os.path.join(OUT, name + ".csv")
    cmd = [BIN, "dmft", "ness-collapse", "--quiet", "--output", path, *args]
    note(f"    filament {' '.join(cmd[1:]).replace(ROOT + '/', '')}")
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{p.stderr}")
    with open(path) as f:
        return [dict((k, (v if k == "branch" else float(v))) for k, v in r.items()) for r in csv.DictReader(f)]


def table(rows):
    report.append("| branch | E | T_eff | rho_NESS = E/J | rho_eq(T_eff) | ratio | rho_loc(0) NESS | rho_loc(0) eq | within tol |")
    report.append("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ok = abs(r["ratio"] - 1) <= COLLAPSE_TOL
        report.append(f"| {r['branch']} | {r['E']:.4g} | {r['T_eff']:.4g} | {r['rho_ness']:.4g} | {r['rho_eq']:.4g} | "
                      f"{r['ratio']:.3f} | {r['rho0_ness']:.3g} | {r['rho0_eq']:.3g} | {'yes' if ok else 'NO'} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer fields (about a third of the time)")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    report.append("# NESS transport collapse: rho_NESS(E) = E/J against rho_eq(T_eff(E))\n")
    report.append("Model units D = hbar = k_B = e = a = 1; rho per orbital and spin in hbar a/e^2.\n")

    # 1. Linear response: the two conductivity formulas at E -> 0.
    note("## 1. Consistency of the conductivity formulas as E -> 0\n")
    lin = collapse("linear_u0", "-u", "0", "--tperp", "0.3", "--temperature", "0.02", "--gamma", "0.05",
                   "--metal-fields", "0.0005,0.001", "--insulator-fields", "", "--k-points", "128")
    r = lin[0]
    check("U = 0, Gamma = 0.05, T = 0.02, E = 5e-4: J/E vs equilibrium Kubo sigma", f"ratio rho_NESS/rho_eq = {r['ratio']:.5f}",
          abs(r["ratio"] - 1) <= LINEAR_TOL, f"|ratio - 1| <= {LINEAR_TOL}")
    lin2 = collapse("linear_u25", "-u", "2.5", "--tperp", "0.3", "--temperature", "0.02", "--gamma", "0.05",
                    "--metal-fields", "0.0005,0.001", "--insulator-fields", "", "--k-points", "128")
    r = lin2[0]
    check("U = 2.5, Gamma = 0.05, T = 0.02, E = 5e-4 (T_eff - T = %.1e): J/E vs equilibrium Kubo sigma" % (r["T_eff"] - 0.02),
          f"ratio = {r['ratio']:.5f}", abs(r["ratio"] - 1) <= LINEAR_TOL, f"|ratio - 1| <= {LINEAR_TOL}")

    # 2. The collapse over the tables' field range, both branches.
    note("\n## 2. Collapse at finite field, both branches (U = 2.5, DHM parameters)\n")
    metal = "0,0.001,0.005,0.02,0.05,0.1,0.2" if a.quick else "0,0.0005,0.001,0.002,0.005,0.01,0.02,0.03,0.05,0.07,0.1,0.15,0.2"
    ins = "0.06:0.14:3" if a.quick else "0.06:0.14:5"
    rows = collapse("collapse_u25", "-u", "2.5", *PAPER, "--metal-fields", metal, "--insulator-fields", ins,
                    "--k-points", "64", "--spacing", "5e-4")
    table(rows)
    for br in ("metal", "insulator"):
        sel = [x for x in rows if x["branch"] == br]
        if not sel:
            check(f"{br} branch", "no converged driven points", False, "at least one")
            continue
        neq = [x for x in sel if not x["eq_converged"]]
        check(f"{br}: equilibrium solutions at T_eff converged", f"{len(sel) - len(neq)}/{len(sel)}"
              + "".join(f"; not at T_eff = {x['T_eff']:.4g} (E = {x['E']:.3g})" for x in neq), not neq, "all")
        sel = [x for x in sel if x["eq_converged"]]
        if not sel:
            continue
        bad = [x for x in sel if abs(x["ratio"] - 1) > COLLAPSE_TOL]
        worst = max(sel, key=lambda x: abs(math.log(x["ratio"])))
        check(f"{br}: collapse rho_NESS = rho_eq(T_eff) at {len(sel)} fields E = {sel[0]['E']:.3g}…{sel[-1]['E']:.3g}",
              f"{len(sel) - len(bad)}/{len(sel)} within; worst ratio {worst['ratio']:.3f} at E = {worst['E']:.3g}",
              not bad, f"|ratio - 1| <= {COLLAPSE_TOL} at every point with a converged equilibrium solution")
    plot(rows)
    with open(os.path.join(OUT, "report.md"), "w") as f:
        f.write("\n".join(report) + "\n")
    failed = [n for n, ok in checks if not ok]
    print(f"\n{len(checks) - len(failed)}/{len(checks)} checks passed; report in {OUT}/report.md")
    sys.exit(1 if failed else 0)


def plot(rows):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        note("(matplotlib missing: no plots)")
        return
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.2))
    for br, c in (("metal", "tab:red"), ("insulator", "tab:blue")):
        sel = [x for x in rows if x["branch"] == br]
        if not sel:
            continue
        e = [x["E"] for x in sel]
        ax[0].loglog(e, [x["rho_ness"] for x in sel], "o", color=c, label=f"{br}: E/J (NESS)")
        ax[0].loglog(e, [x["rho_eq"] for x in sel], "-", color=c, label=f"{br}: equilibrium rho(T_eff(E))")
        ax[1].loglog(e, [x["ratio"] for x in sel], "-", color=c, lw=0.8)
        ok = [x for x in sel if x["eq_converged"]]
        ax[1].loglog([x["E"] for x in ok], [x["ratio"] for x in ok], "o", color=c, label=br)
        nok = [x for x in sel if not x["eq_converged"]]
        if nok:
            ax[1].loglog([x["E"] for x in nok], [x["ratio"] for x in nok], "o", mfc="none", color=c,
                         label=f"{br}: equilibrium not converged")
    ax[0].set_xlabel("E (D/ea)"); ax[0].set_ylabel("rho per orbital and spin (hbar a/e^2)"); ax[0].legend(fontsize=8)
    ax[1].axhspan(1 - COLLAPSE_TOL, 1 + COLLAPSE_TOL, color="0.9")
    ax[1].axhline(1, color="k", lw=0.5)
    ax[1].set_xlabel("E (D/ea)"); ax[1].set_ylabel("rho_NESS / rho_eq(T_eff)"); ax[1].legend(fontsize=8)
    ax[0].set_title("U = 2.5, t_perp = 0.3, T = 2.5e-3, Gamma = 7.5e-4")
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "collapse.png"), dpi=120)
    report.append("\n![collapse](collapse.png)")


if __name__ == "__main__":
    main()
