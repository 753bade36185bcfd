"""Plots of the critical-radius study (PH Eqs. 13-14, 39-41) from the CSV files that
`filament validate rc` writes.
Usage: plot.py REPORT_DIR [FIGURE_DIR]
Writes rc_vs_current.png (r_c against |I|, log-log, with the Eq. 14 line, the ODE shooting
values, the Eqs. 37-38 shooting values and the fitted power law) and rc_profiles.png (metal
depth d(r): simulation against the interface ODE of Eq. 39 and of Eqs. 37-38, one colour per
current)."""
import csv
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def main(report, figures):
    figures.mkdir(parents=True, exist_ok=True)
    table = rows(report / "critical_radius.csv")
    fit = json.loads((report / "fit.json").read_text())
    current = np.array([float(r["I_total_A"]) for r in table]) * 1e3
    sim = np.array([float(r["rc_simulated_m"]) for r in table]) * 1e6
    eq14 = np.array([float(r["rc_eq14_m"]) for r in table]) * 1e6
    ode = np.array([float(r["rc_ode_m"]) for r in table]) * 1e6
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    line = np.geomspace(current.min() * 0.8, current.max() * 1.25, 50)
    ax.loglog(line, fit["eq14_prefactor_m_per_sqrtA"] * np.sqrt(line * 1e-3) * 1e6, "k-", label="PH Eq. 14")
    ax.loglog(current, ode, "s", mfc="none", label="interface ODE (Eq. 39), shooting")
    if "rc_eq37_38_m" in table[0]:
        full = np.array([float(r["rc_eq37_38_m"]) for r in table]) * 1e6
        ax.loglog(current, full, "D", mfc="none", label="Eqs. 37-38 (Joule + Peltier, -d/r), shooting")
    if "rc_edge_loss_m" in table[0]:
        edge = np.array([float(r["rc_edge_loss_m"]) for r in table]) * 1e6
        ax.loglog(current, edge, "^", mfc="none", label="Eq. 14 less the edge loss")
    ax.loglog(current, sim, "o", label="simulation")
    ax.loglog(line, fit["prefactor_m_per_A_pow_p"] * (line * 1e-3) ** fit["exponent"] * 1e6, "C1--",
              label=f"fit: p = {fit['exponent']:.3f}" + (f" (edge-loss estimate: {fit['edge_loss_exponent']:.3f})" if "edge_loss_exponent" in fit else ""))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())  # no overlapping minor labels
    ax.set_xlabel("total current |I| (mA)")
    ax.set_ylabel("critical radius r_c (µm)")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(figures / "rc_vs_current.png", dpi=130)
    plt.close(fig)
    simulated = rows(report / "profiles_simulated.csv")
    solved = rows(report / "profiles_ode.csv")
    full_path = report / "profiles_eq37_38.csv"
    full = rows(full_path) if full_path.exists() else []
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for n, i in enumerate(sorted({r["I_total_A"] for r in simulated}, key=float)):
        color = f"C{n}"
        s = [(float(r["r_m"]) * 1e6, float(r["d_simulated_m"]) * 1e6) for r in simulated if r["I_total_A"] == i]
        o = [(float(r["r_m"]) * 1e6, float(r["d_ode_m"]) * 1e6) for r in solved if r["I_total_A"] == i]
        ax.plot(*zip(*s), "o", ms=3, color=color, label=f"{float(i) * 1e3:.3g} mA simulated")
        if o:
            ax.plot(*zip(*o), "-", color=color, lw=1, label=f"{float(i) * 1e3:.3g} mA Eq. 39")
        f = [(float(r["r_m"]) * 1e6, float(r["d_eq37_38_m"]) * 1e6) for r in full if r["I_total_A"] == i]
        if f:
            ax.plot(*zip(*f), "--", color=color, lw=1, label=f"{float(i) * 1e3:.3g} mA Eqs. 37-38")
    ax.set_xscale("log")
    ax.set_xlabel("distance from the electrode r (µm)")
    ax.set_ylabel("metal depth d (µm)")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(figures / "rc_profiles.png", dpi=130)
    plt.close(fig)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else sys.argv[1]))
