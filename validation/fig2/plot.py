"""Plots of the PH Fig. 2 study from the CSV files that `filament validate fig2` writes.
Usage: plot.py REPORT_DIR [FIGURE_DIR]
Writes fig2_xz.png (T(x, z)/T0 at y = W/2 with the phase boundary phi = 1/2 for the main
cases), fig2_top.png (top-surface T(x, y)/T0) and fig2e_boundaries.png (top-surface phase
boundaries of the W = L/2 film at three currents)."""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

T0 = 300.0
T_SWITCH = 360.0


def grid(path, a, b):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    xs = sorted({float(r[a]) for r in rows})
    ys = sorted({float(r[b]) for r in rows})
    T = np.zeros((len(ys), len(xs)))
    phi = np.zeros_like(T)
    ix = {x: i for i, x in enumerate(xs)}
    iy = {y: j for j, y in enumerate(ys)}
    for r in rows:
        i, j = ix[float(r[a])], iy[float(r[b])]
        T[j, i] = float(r["T_K"])
        phi[j, i] = float(r["metal_fraction"])
    return np.array(xs) * 1e3, np.array(ys) * 1e3, T, phi


def panel(ax, path, a, b, title, length_mm=1.0):
    x, y, T, phi = grid(path, a, b)
    m = ax.pcolormesh(x / length_mm, y / length_mm, T / T0, shading="nearest", cmap="inferno")
    if phi.max() > 0.5 > phi.min():
        ax.contour(x / length_mm, y / length_mm, phi, levels=[0.5], colors="cyan", linewidths=1.2)
    if T.max() > T_SWITCH > T.min():
        ax.contour(x / length_mm, y / length_mm, T, levels=[T_SWITCH], colors="white", linestyles="dashed", linewidths=0.8)
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("x / L")
    ax.set_ylabel(("z" if b == "z_m" else "y") + " / L")
    ax.set_aspect("equal")
    plt.colorbar(m, ax=ax, label="T / T0", shrink=0.8)


def main(report, figures):
    figures.mkdir(parents=True, exist_ok=True)
    cases = [("fig2a", "2a: self-consistent"), ("fig2a-reversed", "2a at -I"),
             ("fig2a-trial", "2a: prescribed trial boundary"), ("fig2c", "2c: weak Seebeck")]
    present = [(c, t) for c, t in cases if (report / f"{c}_xz.csv").exists()]
    if present:
        fig, axes = plt.subplots(len(present), 1, figsize=(7, 2.2 * len(present)), squeeze=False)
        for ax, (c, t) in zip(axes[:, 0], present):
            panel(ax, report / f"{c}_xz.csv", "x_m", "z_m", f"{t}: T(x, z)/T0 at y = W/2 (cyan: phase boundary, white dashed: T = T_MIT)")
        fig.tight_layout()
        fig.savefig(figures / "fig2_xz.png", dpi=130)
        plt.close(fig)
        fig, axes = plt.subplots(1, len(present), figsize=(4.2 * len(present), 4), squeeze=False)
        for ax, (c, t) in zip(axes[0], present):
            panel(ax, report / f"{c}_top.csv", "x_m", "y_m", f"{t}: top T(x, y)/T0")
        fig.tight_layout()
        fig.savefig(figures / "fig2_top.png", dpi=130)
        plt.close(fig)
    currents = [("fig2e-0.5", "0.5 I_a (PH 5 mA)"), ("fig2e-1.0", "I_a (PH 10 mA)"), ("fig2e-2.5", "2.5 I_a (PH 25 mA)")]
    present = [(c, t) for c, t in currents if (report / f"{c}_top.csv").exists()]
    if present:
        fig, axes = plt.subplots(1, 2, figsize=(12, 3.6))
        for (c, t), color in zip(present, ["tab:blue", "tab:orange", "tab:red"]):
            x, y, T, phi = grid(report / f"{c}_top.csv", "x_m", "y_m")
            if phi.max() > 0.5 > phi.min():
                axes[0].contour(x, y, phi, levels=[0.5], colors=color)
            axes[0].plot([], [], color=color, label=t)
            j = len(y) // 2
            axes[1].plot(x, T[j] / T0, "o-", ms=3, color=color, label=t)
        axes[0].set_aspect("equal")
        axes[0].set_xlabel("x (mm)")
        axes[0].set_ylabel("y (mm)")
        axes[0].set_title("W = L/2: top-surface phase boundary (phi = 1/2)")
        axes[0].legend(fontsize=8)
        axes[1].axhline(T_SWITCH / T0, color="k", ls="--", lw=0.8, label="T_MIT")
        axes[1].set_xlabel("x (mm)")
        axes[1].set_ylabel("T(x, W/2, top) / T0")
        axes[1].legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(figures / "fig2e_boundaries.png", dpi=130)
        plt.close(fig)


def scan(report, figures):
    path = report / "fig2a_current_scan.csv"
    if not path.exists():
        return
    with open(path) as f:
        table = list(csv.DictReader(f))
    ratio = [float(r["current_over_Ia"]) for r in table]
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    axes[0].plot(ratio, [float(r["reach_from_x0_over_L"]) for r in table], "o-", label="simulated")
    axes[0].axhline(0.3, color="k", ls="--", lw=0.8, label="PH Fig. 2a (at I_a)")
    axes[0].set_ylabel("metal reach on the top row (x/L)")
    axes[1].plot(ratio, [float(r["T_mean_over_T0"]) for r in table], "o-", label="mean T / T0")
    axes[1].plot(ratio, [float(r["T_top_mean_over_T0"]) for r in table], "s-", label="top-surface mean T / T0")
    axes[1].axhline(1.05, color="C0", ls="--", lw=0.8, label="PH: 1.05")
    axes[1].axhline(1.07, color="C1", ls="--", lw=0.8, label="PH: 1.07")
    for ax in axes:
        ax.set_xlabel("I / I_a (I_a = 7.746 mA: the Fig. 2a groups)")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figures / "fig2a_current_scan.png", dpi=130)
    plt.close(fig)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else sys.argv[1]))
    scan(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else sys.argv[1]))
