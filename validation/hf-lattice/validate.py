"""Finite-lattice Hartree–Fock study (HF = Li, Aron, Kotliar, Han, Nano Lett. 17, 2994 (2017)).

Checks with tolerances (exit 1 when one is missed):
  1. limit: the centre of a long, transversely periodic, clean sample reproduces the infinite
     uniform lattice (`filament hf scan` / `hf state`, an independent Wannier–Stark chain solver)
     within 1 % in Δ, J and T_eff;
  2. every steady state of the study conserves the current at every site to 1e-8 of I and puts
     the source power Σ μ_r·inflow_r into the reservoirs as heat to 1e-8.
Figures (scaled-down samples, see docs/kernels-hf.md §6; no tolerance against the paper):
  fig2 — 5×5 island, (11) vs (10) cut, maps side by side and a filament measure;
  fig3 — I–V loops (V_t up and down, R in series) for several impurity concentrations,
         I(V_t), I(V_s) and the sample-mean T_eff; fig5 — maps on the way down.
Optional: --bench times one HF iteration on HF's 1200-site sample.

Usage: python3 validation/hf-lattice/validate.py [--bin PATH] [--out DIR] [--reuse] [--bench]
"""
import argparse
import csv
import json
import os
import subprocess
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from plot_maps import draw, read_sites  # noqa: E402

COMMON = ["--u", "4", "--temperature", "0.3", "--gamma", "0.05"]
FIG2 = {"11": ["--cut", "11", "--length", "30", "--width", "8"],
        "10": ["--cut", "10", "--length", "20", "--width", "12"]}
FIELD_FIG2 = 0.34  # E/Δ0 = 0.252 with Δ0 = 1.35 (HF Fig. 2)
IV_SAMPLE = ["--cut", "11", "--length", "16", "--width", "6"]
IV_RESISTANCE = 1.2
FIGURES = "docs/figures"


def run(cmd, log=None):
    print("+", " ".join(cmd), flush=True)
    res = subprocess.run(cmd, capture_output=True, text=True)
    if log:
        with open(log, "w") as fh:
            fh.write(res.stdout + res.stderr)
    return res


def rows(path):
    with open(path) as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def summary(directory):
    with open(os.path.join(directory, "summary.json")) as fh:
        return json.load(fh)


def check_balance(name, directory, failures):
    s = summary(directory)
    ok_c = s["conservation_residual"] < 1e-8
    ok_e = abs(s["heat_into_reservoirs"] - s["electrical_power"]) <= 1e-8 * max(abs(s["electrical_power"]), 1e-12)
    if not (ok_c and ok_e and s["converged"]):
        failures.append(f"{name}: converged={s['converged']} conservation={s['conservation_residual']:.1e} "
                        f"heat={s['heat_into_reservoirs']:.6e} power={s['electrical_power']:.6e}")
    return s


def limit_check(b, out, reuse, failures, lines):
    u, gamma, field = "4", "0.1", "0.15"
    scan = run([b, "hf", "scan", "--u", u, "--gamma", gamma, "--field", field, "--direction", "10", "--points", "12"])
    gaps = [float(l.split("Delta=")[1].split()[0]) for l in scan.stdout.splitlines()
            if l.startswith("solution") and "unstable" not in l]
    gap = max(gaps)
    st = run([b, "hf", "state", "--u", u, "--gamma", gamma, "--field", field, "--direction", "10", "--delta", f"{gap:.7f}"])
    kv = dict(item.split("=") for item in st.stdout.split())
    ref = {"delta": gap, "J": float(kv["J"]), "teff": float(kv["Teff"])}
    d = os.path.join(out, "limit")
    length, width = 28, 8
    if not (reuse and os.path.exists(os.path.join(d, "summary.json"))):
        run([b, "hf", "lattice", "--cut", "10", "--periodic", "--length", str(length), "--width", str(width),
             "--u", u, "--gamma", gamma, "--field", field, "--start-gap", f"{gap:.6f}", "--tolerance", "1e-7",
             "--out", d, "--quiet"], log=os.path.join(out, "limit.log"))
    check_balance("limit", d, failures)
    sites = rows(os.path.join(d, "sites.csv"))
    centre = length // 2
    ring = [r for r in sites if int(r["slice"]) == centre]
    bonds = rows(os.path.join(d, "bonds.csv"))
    cross = sum(float(r["current"]) for r in bonds
                if int(r["from"]) // width == centre and int(r["to"]) // width == centre + 1)
    got = {"delta": sum(abs(float(r["delta"])) for r in ring) / width, "J": cross / width,
           "teff": sum(float(r["teff"]) for r in ring) / width}
    lines.append("## 1. Limit: long periodic (10) sample vs infinite lattice (U = 4, Γ = 0.1, T = 0, E = 0.15)\n")
    lines.append(f"Sample {length} × {width}, periodic across; centre slice {centre}. Tolerance 1 %.\n")
    lines.append("| quantity | infinite lattice | finite centre | deviation |\n|---|---|---|---|")
    for k in ("delta", "J", "teff"):
        dev = got[k] / ref[k] - 1
        lines.append(f"| {k} | {ref[k]:.6g} | {got[k]:.6g} | {100 * dev:+.2f} % |")
        if abs(dev) > 0.01:
            failures.append(f"limit {k}: {got[k]:.6g} vs {ref[k]:.6g} ({100 * dev:+.2f} %)")
    lines.append("")


def filament_measure(directory):
    """Current through the island's column (|x| ≤ 1.5a) over the whole cross-section, on the
    slice a quarter of the length from the lead, and mean |Δ| in that column vs elsewhere."""
    s = rows(os.path.join(directory, "sites.csv"))
    ys = sorted({float(r["y"]) for r in s})
    y0 = ys[len(ys) // 4]
    row = [r for r in s if abs(float(r["y"]) - y0) < 1e-9]
    total = sum(float(r["jy"]) for r in row)
    inside = sum(float(r["jy"]) for r in row if abs(float(r["x"])) <= 1.5)
    n_in = sum(1 for r in row if abs(float(r["x"])) <= 1.5)
    col = [abs(float(r["delta"])) for r in s if abs(float(r["x"])) <= 1.5 and float(r["site_energy"]) == 0]
    rest = [abs(float(r["delta"])) for r in s if abs(float(r["x"])) > 3]
    return inside / total, n_in / len(row), sum(col) / len(col), sum(rest) / len(rest)


def fig2(b, out, reuse, failures, lines):
    dirs = {}
    for cut, geo in FIG2.items():
        d = os.path.join(out, f"fig2-{cut}")
        dirs[cut] = d
        if not (reuse and os.path.exists(os.path.join(d, "summary.json"))):
            run([b, "hf", "lattice", *geo, *COMMON, "--island", "5", "--field", str(FIELD_FIG2),
                 "--probes", "0,0", "--out", d, "--quiet"], log=os.path.join(out, f"fig2-{cut}.log"))
        check_balance(f"fig2 ({cut})", d, failures)
    fig, axes = plt.subplots(1, 2, figsize=(9, 5.5))
    for ax, cut in zip(axes, ("10", "11")):
        s = summary(dirs[cut])
        sc = draw(ax, f"({cut}) cut, {s['length']}×{s['width']}, I = {s['current']:.3g}", dirs[cut], 1.4)
    fig.colorbar(sc, ax=list(axes), label="|Δ_r| (t)")
    fig.savefig(os.path.join(out, "fig2-island-maps.png"), dpi=120)
    fig.savefig(os.path.join(FIGURES, "hf-lattice-island-maps.png"), dpi=100)
    lines.append("## 2. HF Fig. 2, scaled: 5×5 island (Δε = 1.5), E = 0.34 (E/Δ0 = 0.252), Γ = 0.05, T_bath = 0.3\n")
    lines.append("| cut | sites | I | mean abs Δ | island-column share of current (share of sites) | abs Δ in column / elsewhere |")
    lines.append("|---|---|---|---|---|---|")
    for cut in ("10", "11"):
        s = summary(dirs[cut])
        share, sites, col, rest = filament_measure(dirs[cut])
        lines.append(f"| ({cut}) | {s['length']}×{s['width']} | {s['current']:.4g} | {s['mean_abs_delta']:.3f} | "
                     f"{share:.2f} ({sites:.2f}) | {col:.3f} / {rest:.3f} |")
    lines.append("\n![island maps](fig2-island-maps.png)\n")


def fig3(b, out, reuse, concentrations, vt, failures, lines):
    fig, (a1, a2, a3) = plt.subplots(1, 3, figsize=(14, 4.2))
    lines.append(f"## 3. HF Fig. 3, scaled: I–V loops, (11) 16×6 sample, R = {IV_RESISTANCE}, Γ = 0.05, T_bath = 0.3\n")
    lines.append("| c | converged points | failed steps | up-leg switch: V_t, E | down-leg switch: V_t, E |\n|---|---|---|---|---|")
    for c in concentrations:
        d = os.path.join(out, f"iv-c{c}")
        if not (reuse and os.path.exists(os.path.join(d, "iv.csv"))):
            run([b, "hf", "iv", *IV_SAMPLE, *COMMON, "--impurities", str(c), "--seed", "3", "--resistance",
                 str(IV_RESISTANCE), "--vt", vt, "--maps-at", "3,5", "--out", d, "--quiet"],
                log=os.path.join(out, f"iv-c{c}.log"))
        pts = [r for r in rows(os.path.join(d, "iv.csv")) if r["refinement"] == "0"]
        for leg, style in (("up", "-o"), ("down", "--s")):
            p = [r for r in pts if r["leg"] == leg]
            a1.plot([float(r["V_t"]) for r in p], [float(r["I"]) for r in p], style, ms=3, label=f"c={c} {leg}")
            a2.plot([float(r["V_s"]) for r in p], [float(r["I"]) for r in p], style, ms=3, label=f"c={c} {leg}")
            a3.plot([float(r["V_s"]) for r in p], [float(r["mean_teff"]) for r in p], style, ms=3, label=f"c={c} {leg}")
        ev = rows(os.path.join(d, "events.csv"))
        fails = rows(os.path.join(d, "failures.csv"))
        every = rows(os.path.join(d, "iv.csv"))
        desc = {}
        for leg in ("up", "down"):
            e = [r for r in ev if r["leg"] == leg]
            if not e:
                desc[leg] = "none"
                continue
            e.sort(key=lambda r: -abs(float(r["delta_before"]) - float(r["delta_after"])))  # the largest jump
            last = float(e[0]["last_old_V_t"])
            field = [float(r["E"]) for r in every if r["leg"] == leg and abs(float(r["V_t"]) - last) < 1e-9]
            desc[leg] = (f"({last:.4g}, {float(e[0]['first_new_V_t']):.4g}], E = {field[0]:.4g} "
                         f"(E/Δ0 = {field[0] / 1.35:.3f}) on the old branch" if field else "?")
        lines.append(f"| {c} | {len(pts)} | {len(fails)} | {desc['up']} | {desc['down']} |")
    a1.set_xlabel("V_t (t/e)"); a1.set_ylabel("I (e t/ħ)"); a1.legend(fontsize=7)
    a2.set_xlabel("V_s (t/e)"); a2.set_ylabel("I (e t/ħ)")
    a3.set_xlabel("V_s (t/e)"); a3.set_ylabel("sample-mean T_eff (t)")
    a3.axhline(0.7398, color="grey", lw=0.8, ls=":")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "fig3-iv-loops.png"), dpi=120)
    fig.savefig(os.path.join(FIGURES, "hf-lattice-iv-loops.png"), dpi=100)
    lines.append("\n![I–V loops](fig3-iv-loops.png)\n")


def fig5(out, concentrations, lines):
    """Maps written by `hf iv --maps-at` on both legs: where the insulator returns on the way down."""
    panels = []
    for c in concentrations:
        for v in ("3", "5"):
            for leg in ("up", "down"):
                d = os.path.join(out, f"iv-c{c}", f"maps-{leg}-{v}")
                if os.path.exists(os.path.join(d, "sites.csv")):
                    panels.append((f"c={c}, V_t={v}, {leg}", d))
    if not panels:
        return
    fig, axes = plt.subplots(1, len(panels), figsize=(2.6 * len(panels), 4.6), squeeze=False)
    for ax, (title, d) in zip(axes[0], panels):
        sc = draw(ax, title, d, 1.4)
        ax.set_xlabel("x (a)")
        ax.set_ylabel("")
    fig.colorbar(sc, ax=axes[0].tolist(), label="|Δ_r| (t)")
    fig.savefig(os.path.join(out, "fig5-maps-along-loop.png"), dpi=110)
    lines.append("## 5. HF Fig. 5, scaled: maps on the up and down legs of the loops\n")
    lines.append("![maps along the loop](fig5-maps-along-loop.png)\n")


def bench(b, out, lines):
    res = run([b, "hf", "lattice-bench", "--temperature", "0.3", "--island", "5", "--field", "0.34"],
              log=os.path.join(out, "bench.log"))
    lines.append("## 4. Benchmark (release build)\n")
    lines.append("`filament hf lattice-bench --temperature 0.3 --island 5 --field 0.34` (HF's 1200-site (11) sample):\n")
    lines.append("```\n" + res.stdout.strip() + "\n```\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/release/filament")
    ap.add_argument("--out", default="validation/reports/hf-lattice")
    ap.add_argument("--reuse", action="store_true", help="keep outputs that exist already")
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--concentrations", default="0,0.08")
    ap.add_argument("--vt", default="0.5:7:14")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    failures, lines = [], ["# Finite-lattice Hartree–Fock study\n"]
    limit_check(args.bin, args.out, args.reuse, failures, lines)
    fig2(args.bin, args.out, args.reuse, failures, lines)
    fig3(args.bin, args.out, args.reuse, args.concentrations.split(","), args.vt, failures, lines)
    fig5(args.out, args.concentrations.split(","), lines)
    if args.bench:
        bench(args.bin, args.out, lines)
    lines.append("## Checks\n")
    lines.append("all passed" if not failures else "FAILED:\n" + "\n".join(f"- {f}" for f in failures))
    with open(os.path.join(args.out, "report.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
