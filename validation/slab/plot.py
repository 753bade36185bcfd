"""Plots of the slab validation (PH Eqs. 8 and 11) from the CSV files that
`filament validate slab` writes. Usage: plot.py REPORT_DIR [FIGURE_DIR]"""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def main():
    report = Path(sys.argv[1])
    figures = Path(sys.argv[2]) if len(sys.argv) > 2 else report
    figures.mkdir(parents=True, exist_ok=True)
    conv = rows(report / "profile_convergence.csv")
    finest = rows(report / "profile_finest.csv")
    layers = rows(report / "layer_thickness.csv")

    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    ax = axes[0]
    z = [float(r["z_m"]) * 1e3 for r in finest]
    ax.plot([float(r["T_eq8_K"]) for r in finest], z, "k-", label="PH Eq. 8")
    ax.plot([float(r["T_simulated_K"]) for r in finest], z, "o", ms=3, mfc="none", label="Filament (80 cells)")
    ax.set_xlabel("T (K)")
    ax.set_ylabel("z (mm), substrate at 0")
    ax.set_title("All-insulating profile, j0 = 0.8 j_cr")
    ax.legend()

    ax = axes[1]
    n = [int(r["cells"]) for r in conv]
    err = [float(r["max_abs_error_K"]) for r in conv]
    ax.loglog(n, err, "o-", label="max |T − Eq. 8|")
    ax.loglog(n, [err[0] * (n[0] / m) ** 2 for m in n], "k--", label="slope −2")
    ax.set_xlabel("cells across the thickness")
    ax.set_ylabel("error (K)")
    ax.set_title("Second-order convergence")
    ax.legend()

    ax = axes[2]
    ratio = [float(r["j0_over_jcr"]) for r in layers]
    exact = [float(r["d_over_h_eq11"]) for r in layers]
    sim = [float(r["d_over_h_simulated"]) for r in layers]
    # Eq. 11 evaluated independently here on a dense grid (rho_M/rho_I = 0.1, as in the study)
    r = 0.1
    dense = [1 + 2.2 * i / 200 for i in range(201)]
    eq11 = [r * (1 - 1 / x**2) ** 0.5 / (1 - (1 - r) * (1 - 1 / x**2) ** 0.5) for x in dense]
    ax.plot(dense, eq11, "k-", label="PH Eq. 11")
    ax.plot(ratio, exact, "k+", ms=10)
    ax.plot(ratio, sim, "o", label="Filament (100 cells)")
    ax.set_xlabel("j0 / j_cr")
    ax.set_ylabel("d / h")
    ax.set_title("Metal-layer thickness")
    ax.legend()
    fig.tight_layout()
    out = figures / "slab_validation.png"
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
