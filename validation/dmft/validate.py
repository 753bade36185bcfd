#!/usr/bin/env python3
"""Regenerates the DMFT–IPT kernel numbers of docs/kernels.md and checks them.

Usage:  swift build -c release && python3 validation/dmft/validate.py [--quick] [--plots DIR]

Every check prints 'PASS'/'FAIL' with the measured value and the tolerance; the script exits
non-zero if any check fails. Paper numbers: DHM = M. I. Díaz, J. E. Han, C. Aron,
"Electrically driven insulator-to-metal transition in a correlated insulator" (2023); PH = G. Chiriacò,
A. J. Millis, "Polarity dependent heating at the phase interface in metal-insulator transitions"
(2022). See docs/kernels.md for the definitions.
"""
import argparse, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, ".build", "release", "filament")
failures = []


def run(*args):
    out = subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()


def check(name, value, ok, tolerance):
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}  ({tolerance})")
    if not ok:
        failures.append(name)


def num(s):
    return float("nan") if s == "nan" else float(s)


def coexistence(extra, temps):
    lines = run("dmft", "coexistence", "--temperatures", ",".join(map(str, temps)),
                "--u-min", "2.0", "--u-max", "3.6", "--step", "0.02", *extra)
    rows = [tuple(map(num, l.split())) for l in lines if not l.startswith("critical")]
    end = [l for l in lines if l.startswith("critical")][0].split()
    return rows, (num(end[1]), num(end[2]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer temperatures")
    ap.add_argument("--plots", default=None, help="directory for PNG plots (needs matplotlib)")
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: swift build -c release")
    temps = [0.01, 0.02, 0.03, 0.04, 0.05] if a.quick else [0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05]

    # SOHM coexistence (Bethe, D = 1, Γ = 7.5e-4): closed triangle, left-leaning U_c2.
    sohm, sohm_end = coexistence([], temps)
    inside = [r for r in sohm if r[1] == r[1]]
    check("SOHM U_c1 < U_c2 inside the region", [(r[0], r[1], r[2]) for r in inside],
          all(r[1] < r[2] for r in inside) and len(inside) >= 3, "at least 3 temperatures with U_c1 < U_c2")
    check("SOHM U_c2 decreases with T (MIT on heating, DHM Fig. 1a)", [r[2] for r in inside],
          all(x > y for x, y in zip([r[2] for r in inside], [r[2] for r in inside][1:])), "strictly decreasing")
    check("SOHM critical end point", sohm_end, 0.03 < sohm_end[0] < 0.06 and 2.3 < sohm_end[1] < 2.7,
          "T* in (0.03, 0.06), U* in (2.3, 2.7)")
    gm = run("dmft", "gimag", "-u", "2.8", "--beta", "50")[0].split()
    gi = run("dmft", "gimag", "-u", "2.8", "--beta", "50", "--branch", "insulator")[0].split()
    check("Im G(iw0) metal vs insulator at U=2.8, beta=50", (gm[2], gi[2]), float(gm[2]) < -1 < -0.2 < float(gi[2]),
          "metal < -1, insulator > -0.2")

    # DHM (square lattice, t⊥ = 0.3, Γ = 7.5e-4).
    dhm, dhm_end = coexistence(["--tperp", "0.3", "--lattice", "square"], temps)
    din = [r for r in dhm if r[1] == r[1]]
    check("DHM U_c1 increases with T (right-leaning, DHM Fig. 1b)", [r[1] for r in din],
          len(din) >= 3 and all(x < y for x, y in zip([r[1] for r in din], [r[1] for r in din][1:])), "strictly increasing")
    ts = run("dmft", "tsweep", "--tperp", "0.3", "--lattice", "square", "--interactions", "2.5,3.25", "--t-max", "0.06")
    t_imt = num(ts[0].split()[1]); t_mit = num(ts[1].split()[2])
    check("DHM T_IMT(U=2.5), insulator heated", t_imt, abs(t_imt - 0.023) < 0.1 * 0.023, "DHM 0.023, within 10%")
    check("DHM T_MIT(U=3.25), metal heated", t_mit, abs(t_mit - 0.017) < 0.1 * 0.017, "DHM 0.017, within 10%")
    gap = run("dmft", "gap")
    fit = gap[-1].split()
    check("DHM gap linear in t_perp (U=3.5, DHM Fig. 3b)", gap[-1], float(fit[3]) > 0.99, "R^2 > 0.99")
    d03 = float(run("dmft", "gap", "-u", "2.5", "--tperps", "0.3")[0].split()[1])
    check("DHM gap at U=2.5, t_perp=0.3 (DHM Fig. 4: ~0.5)", d03, abs(d03 - 0.5) < 0.1, "|Δ − 0.5| < 0.1")

    # Real axis vs Matsubara (the arbiter).
    cmp_line = run("dmft", "compare", "-u", "2.5", "--temperature", "0.0025", "--tperp", "0.3", "--lattice", "square",
                   "--branch", "insulator")[0]
    dev = float(cmp_line.split("maxdev")[1])
    check("DHM insulator real→Matsubara max|ΔG(iω_n)|", dev, dev < 1e-2, "< 1e-2 (Γ ≈ Δω bias)")

    # Table and speed.
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.json")
        t0 = time.time()
        run("tabulate", "--tperp", "0.3", "--lattice", "square", "-u", "2.5", "--tilt=-3.5", "-o", path)
        tab_s = time.time() - t0
        t = json.load(open(path))
        size = os.path.getsize(path)
    ins = t["insulator"]
    s300 = min(zip(ins["temperature_K"], ins["seebeck_V_per_K"]), key=lambda p: abs(p[0] - 300))[1] * 1e6
    check("table S_I near 300 K", f"{s300:.0f} uV/K", 100 < s300 < 1000, "a few hundred µV/K, > 0 (PH: 400–1000)")
    check("table T_MIT <= T_IMT", (t["T_MIT_K"], t["T_IMT_K"]), t["T_MIT_K"] <= t["T_IMT_K"], "ordering")
    check("table size", size, size < 200_000, "< 200 kB")
    check("tabulate wall time (40 T, 2 branches)", f"{tab_s:.1f} s", tab_s < 60, "< 60 s")
    bench = run("dmft", "bench")
    first = float(bench[0].split(": ")[1].split(" s")[0])
    check("bench: one converged 2^14 solve (metal)", bench[0], first < 1.0 and "converged yes" in bench[0], "< 1 s")

    if a.plots:
        plots(a.plots, sohm, dhm, t)
    print(f"\n{len(failures)} failure(s)" + (": " + ", ".join(failures) if failures else ""))
    sys.exit(1 if failures else 0)


def plots(directory, sohm, dhm, table):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(directory, exist_ok=True)
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    for ax, rows, title in [(axes[0], sohm, "SOHM (Bethe), Γ=7.5e-4"), (axes[1], dhm, "DHM t⊥=0.3 (square), Γ=7.5e-4")]:
        r = [x for x in rows if x[1] == x[1]]
        ax.plot([x[1] for x in r], [x[0] for x in r], "o-", label="U_c1")
        ax.plot([x[2] for x in r], [x[0] for x in r], "s-", label="U_c2")
        ax.set_xlabel("U"); ax.set_ylabel("T"); ax.set_title(title); ax.legend()
    fig.tight_layout(); fig.savefig(os.path.join(directory, "coexistence.png"), dpi=120)
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
    for ph in ["insulator", "metal"]:
        p = table[ph]
        axes[0].semilogy(p["temperature_K"], p["resistivity_ohm_m"], label=ph)
        axes[1].plot(p["temperature_K"], [s * 1e6 for s in p["seebeck_V_per_K"]], label=ph)
    axes[0].set_xlabel("T (K)"); axes[0].set_ylabel("ρ (Ω m)"); axes[1].set_xlabel("T (K)"); axes[1].set_ylabel("S (µV/K)")
    axes[0].legend(); fig.tight_layout(); fig.savefig(os.path.join(directory, "table.png"), dpi=120)
    print(f"plots written to {directory}")


if __name__ == "__main__":
    main()
