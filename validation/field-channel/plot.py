"""Plots of the field-channel on/off sweep from the CSV files that
`filament validate field-channel FILE --sweep-peak V --out REPORT_DIR` writes.
Usage: plot.py REPORT_DIR [FIGURE_DIR]
Writes field_channel_iv.png: the sample voltage against the current (left) and the
largest lattice temperature against the source voltage (right), channel off and on, up and down
branches."""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def main(report, figures):
    figures.mkdir(parents=True, exist_ok=True)
    fig, (ax_iv, ax_t) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, colour in (("off", "tab:blue"), ("on", "tab:red")):
        path = report / f"sweep_channel_{name}.csv"
        if not path.exists():  # that sweep stopped; report.md says where
            continue
        table = rows(path)
        for branch, style in (("up", "-"), ("down", "--")):
            part = [r for r in table if r["branch"] == branch]
            current = [abs(float(r["current_A"])) * 1e6 for r in part]
            sample = [float(r["sample_voltage_V"]) for r in part]
            source = [float(r["source_voltage_V"]) for r in part]
            tmax = [float(r["T_max_K"]) for r in part]
            label = f"channel {name}, {branch}"
            ax_iv.plot(current, sample, style, color=colour, marker=".", label=label)
            ax_t.plot(source, tmax, style, color=colour, marker=".", label=label)
    ax_iv.set_xlabel("current |I| (µA)")
    ax_iv.set_ylabel("sample voltage V_s (V)")
    ax_t.set_xlabel("source voltage V_t (V)")
    ax_t.set_ylabel("largest lattice temperature (K)")
    for ax in (ax_iv, ax_t):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figures / "field_channel_iv.png", dpi=130)


if __name__ == "__main__":
    report = Path(sys.argv[1])
    main(report, Path(sys.argv[2]) if len(sys.argv) > 2 else report)
