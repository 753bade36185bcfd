"""Site maps of a finite-lattice steady state: |Δ_r| (colour) and the site current (arrows).

Usage: python3 plot_maps.py OUT.png TITLE DIR [TITLE DIR ...]  (DIR written by `filament hf lattice --out`).
"""
import csv
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt


def read_sites(path):
    with open(path) as fh:
        rows = [r for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
    return {k: [float(r[k]) for r in rows] for k in rows[0]}


def draw(ax, title, directory, vmax):
    s = read_sites(f"{directory}/sites.csv")
    sc = ax.scatter(s["x"], s["y"], c=[abs(d) for d in s["delta"]], cmap="viridis", vmin=0, vmax=vmax,
                    s=60, marker="s")
    ax.quiver(s["x"], s["y"], s["jx"], s["jy"], color="white", scale_units="xy",
              scale=max(1e-12, max(abs(v) for v in s["jy"])) / 1.2, width=0.006)
    island = [(x, y) for x, y, e in zip(s["x"], s["y"], s["site_energy"]) if e != 0]
    if island:
        ax.scatter(*zip(*island), facecolors="none", edgecolors="red", s=60, marker="s", linewidths=0.6)
    ax.set_aspect("equal")
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("x across the field (a)")
    ax.set_ylabel("y along the field (a)")
    return sc


def main():
    out, pairs = sys.argv[1], sys.argv[2:]
    panels = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 5.5), squeeze=False)
    vmax = 1.4
    for ax, (title, directory) in zip(axes[0], panels):
        sc = draw(ax, title, directory, vmax)
    fig.colorbar(sc, ax=axes[0].tolist(), label="|Δ_r| (t)")
    fig.savefig(out, dpi=120)


if __name__ == "__main__":
    main()
