"""Plots of the sweep validation (PH Eq. 11 / Fig. 1b; HF SI Eqs. 3-5 / Fig. S1) from the CSV
files that `filament sweep validate` writes; also plots the `iv.csv` of a `[sweep]` run by `filament run FILE`.
Usage: plot.py REPORT_DIR [FIGURE_DIR]      (validation study)
       plot.py --iv IV_CSV OUT_PNG          (one sweep)"""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def branch(table, name, x="current_A", y="sample_voltage_V"):
    sel = [r for r in table if r["branch"] == name]
    return [float(r[x]) * 1e3 for r in sel], [float(r[y]) for r in sel]


def plot_iv(ax, table, label=""):
    for name, style in (("up", "o-"), ("down", "s--")):
        i, v = branch(table, name)
        ax.plot(v, i, style, ms=2.5, lw=1, mfc="none", label=f"{label} {name}".strip())
    for r in table:
        if r["event"] == "jump":
            ax.plot(float(r["sample_voltage_V"]), float(r["current_A"]) * 1e3, "r*", ms=8)
    ax.set_xlabel("sample voltage $V_s$ (V)")
    ax.set_ylabel("current $I$ (mA)")


def study(report, figures):
    figures.mkdir(parents=True, exist_ok=True)
    ref = rows(report / "reference_eq11.csv")
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    ax = axes[0]
    ax.plot([float(r["sample_voltage_eq11_V"]) for r in ref], [float(r["current_A"]) * 1e3 for r in ref], "k-", lw=1.2, zorder=5, label="PH Eq. 11")
    for f in sorted(report.glob("current_sweep_dT*K.csv")):
        plot_iv(ax, rows(f), f.stem.replace("current_sweep_", ""))
    ax.set_xlim(0, None)
    ax.set_ylim(0, 40)
    ax.set_title("current sweeps: hysteresis vs $T_{IMT}-T_{MIT}$")
    ax.legend(fontsize=7)
    ax = axes[1]
    ax.plot([float(r["sample_voltage_eq11_V"]) for r in ref], [float(r["current_A"]) * 1e3 for r in ref], "k-", lw=1.2, zorder=5, label="PH Eq. 11")
    plot_iv(ax, rows(report / "voltage_sweep_load.csv"), "$R > R_{min}$")
    plot_iv(ax, rows(report / "voltage_sweep_R0.csv"), "$R = 0$")
    ax.set_xlim(0, 7)
    ax.set_ylim(0, 120)
    ax.set_title("source-voltage sweeps (stars: jumps)")
    ax.legend(fontsize=7)
    ax = axes[2]
    for name in ("robustness_slab.csv", "robustness_film.csv"):
        p = report / name
        if p.exists():
            plot_iv(ax, rows(p), name.replace("robustness_", "").replace(".csv", ""))
    ax.set_title("200-step sweeps (slab, film 20x20x5)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(figures / "sweeps_iv.png", dpi=130)
    print(f"wrote {figures / 'sweeps_iv.png'}")


def single(iv, out):
    fig, ax = plt.subplots(figsize=(6, 4.5))
    plot_iv(ax, rows(iv))
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--iv":
        single(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        study(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else Path(sys.argv[1]))
