#!/usr/bin/env python3
"""Two-temperature model (PH Eqs. 5-6) against its closed forms, and against one temperature.

1. Refinement: a 100 nm Ca2RuO4-like film (kappa = 0.11 W/(m K) split 1 : 10, gamma = 1e13 W/(m^3 K),
   electron-lattice length 30 nm) carrying a uniform current, on 10 ... 160 cells across the film,
   against the closed-form electron and lattice profiles (closed_form.py; docs/model.md, Two
   temperatures). Passes when the finest grid is within 1e-3 K, the observed order of the last
   refinement is >= 1.8 and every energy balance is <= 1e-8.
2. Film thickness h = 10 nm ... 10 um at the same parameters (PH's Ca2RuO4 estimate: rho = 10 ohm cm,
   kappa_l = 1e-3 W/(cm K), kappa_e = kappa_l/10, gamma = 1e7 W/(cm^3 K)), each film driven so that
   the one-temperature model heats its top by 15 K: the one- and two-temperature runs side by side
   (top lattice rise, largest electron rise, and the switching current on the electron temperature
   relative to the one-temperature j_cr of PH Eq. 9). Passes when every two-temperature run matches
   the closed form within 0.5 % of its rise and every energy balance is <= 1e-8.
Usage: study.py FILAMENT_BINARY [REPORT_DIR FIGURE_DIR]; exits non-zero when a tolerance is missed.
"""
import csv, json, math, pathlib, subprocess, sys, tempfile
import closed_form as cf

root = pathlib.Path(__file__).resolve().parents[2]
binary = sys.argv[1]
report_dir = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else root / "validation/reports/two-temperature")
figure_dir = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else root / "docs/figures")
report_dir.mkdir(parents=True, exist_ok=True)
figure_dir.mkdir(parents=True, exist_ok=True)
work = pathlib.Path(tempfile.mkdtemp(prefix="two-temperature-"))
failures, lines = [], []

RHO, KAPPA, FRACTION, GAMMA, T0 = 0.1, 0.11, 1 / 11, 1e13, 300.0
KE, KL = FRACTION * KAPPA, (1 - FRACTION) * KAPPA
LENGTH = 1e-6 / math.sqrt(GAMMA * KAPPA / (KE * KL)) * 1e6  # 1/alpha in m


def geometry(h, current, mesh, two):
    text = f'''title = "two-temperature film, h = {h:g} m"
[domain]
length = "{10 * h:g} m"
width = "{10 * h:g} m"
thickness = "{h:g} m"
[mesh]
x = {{ cells = 2 }}
y = {{ cells = 1 }}
z = {mesh}
[material]
T_IMT = "5000 K"
[material.insulator]
resistivity = "{RHO:g} ohm*m"
seebeck = "0 uV/K"
thermal_conductivity = "{KAPPA:g} W/(m*K)"
[material.metal]
resistivity = "{RHO / 10:g} ohm*m"
seebeck = "0 uV/K"
thermal_conductivity = "{KAPPA:g} W/(m*K)"
[[electrode]]
name = "negative"
face = "x_min"
role = "ground"
[[electrode]]
name = "positive"
face = "x_max"
current = "{current:.17g} A"
[[thermal]]
name = "substrate"
face = "z_min"
condition = "fixed_temperature"
temperature = "{T0:g} K"
'''
    if two:
        text += f'[two_temperature]\nelectron_lattice_coupling = "{GAMMA:g} W/(m^3*K)"\nelectron_conductivity_fraction = {FRACTION!r}\n'
    return text


def run(text, name):
    path = work / f"{name}.toml"
    path.write_text(text)
    out = work / name
    r = subprocess.run([binary, "run", str(path), "--out", str(out), "--quiet"], capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"{name}: exit {r.returncode}: {r.stderr.strip()}")
        return None, None
    rows = list(csv.DictReader(open(out / "slice_xz.csv")))
    first_x = float(rows[0]["x [m]"])  # one column of cells: the profile depends on z only
    rows = [row for row in rows if float(row["x [m]"]) == first_x]
    return json.load(open(out / "summary.json")), rows


def current_for(h, rise):
    """Current through the W x h cross-section (W = 10 h) that heats the one-temperature top by `rise`."""
    j = math.sqrt(2 * rise * KAPPA / (RHO * h * h))
    return j * 10 * h * h, j


# 1. Refinement on the 100 nm film.
h = 100e-9
current, j = current_for(h, 15.0)
p = RHO * j * j
lines += ["## Closed-form profiles (100 nm film, 1/alpha = %.1f nm)" % (LENGTH * 1e9), "",
          "| cells across h | max abs(T - T_exact) (K) | max abs(T_l - T_l,exact) (K) | order | energy balance |",
          "|---|---|---|---|---|"]
errors, profile = [], None
for n in [10, 20, 40, 80, 160]:
    summary, rows = run(geometry(h, current, f"{{ cells = {n} }}", True), f"refine-{n}")
    if summary is None:
        continue
    ee = el = 0.0
    for row in rows:
        te, tl = cf.profiles(float(row["z [m]"]), h, p, KE, KL, GAMMA, T0)
        ee = max(ee, abs(float(row["T_electron [K]"]) - te))
        el = max(el, abs(float(row["T_lattice [K]"]) - tl))
    errors.append((n, max(ee, el)))
    order = math.log2(errors[-2][1] / errors[-1][1]) if len(errors) > 1 else float("nan")
    balance = summary["energy_balance_rel_error"]
    lines.append(f"| {n} | {ee:.3e} | {el:.3e} | {order:.2f} | {balance:.1e} |")
    if balance > 1e-8:
        failures.append(f"refinement {n} cells: energy balance {balance:.2g} > 1e-8")
    if n == 20:
        profile = [(float(r["z [m]"]), float(r["T_electron [K]"]), float(r["T_lattice [K]"])) for r in rows]
if len(errors) == 5:
    final_order = math.log2(errors[-2][1] / errors[-1][1])
    if errors[-1][1] > 1e-3 or final_order < 1.8:
        failures.append(f"refinement: finest error {errors[-1][1]:.3g} K (<= 1e-3), last order {final_order:.2f} (>= 1.8)")
with open(report_dir / "refinement.csv", "w") as f:
    f.write("cells,max_error_K\n" + "".join(f"{n},{e!r}\n" for n, e in errors))

# 2. Film thickness: one against two temperatures.
lines += ["", "## One against two temperatures, film thickness 10 nm ... 10 um (one-temperature top rise 15 K)", "",
          "| h | alpha h | top rise, one T (K) | top lattice rise, two T (K) | largest electron rise (K) | at | j_cr(two T)/j_cr(one T) | closed form | solver vs closed form | energy balance |",
          "|---|---|---|---|---|---|---|---|---|---|"]
thickness_rows = []
for h in [10e-9, 20e-9, 50e-9, 100e-9, 200e-9, 500e-9, 1e-6, 2e-6, 5e-6, 10e-6]:
    current, j = current_for(h, 15.0)
    p = RHO * j * j
    # Films thicker than 200 nm: cells graded toward the substrate, where the electrons hand their
    # heat over to the lattice within 1/alpha.
    cells = 40 if h <= 1e-6 else 80
    mesh = f"{{ cells = {cells} }}" if h <= 200e-9 else f'{{ cells = {cells}, ratio = 1.08, toward = "lower" }}'
    one, rows1 = run(geometry(h, current, mesh, False), f"one-{h:g}")
    two, rows2 = run(geometry(h, current, mesh, True), f"two-{h:g}")
    if one is None or two is None:
        continue
    top1 = max(float(r["T [K]"]) for r in rows1) - T0
    tl = [float(r["T_lattice [K]"]) for r in rows2]
    te = [float(r["T_electron [K]"]) for r in rows2]
    zs = [float(r["z [m]"]) for r in rows2]
    top2, e_rise = max(tl) - T0, max(te) - T0
    where = "top" if te.index(max(te)) > len(te) // 2 else "substrate"
    # Closed form at the same cell centres.
    exact = [cf.profiles(z, h, p, KE, KL, GAMMA, T0) for z in zs]
    e_rise_exact = max(e for e, _ in exact) - T0
    mismatch = max(max(abs(a - e), abs(b - l)) for a, b, (e, l) in zip(te, tl, exact)) / e_rise_exact
    ratio_jcr = math.sqrt(top1 / e_rise)
    ratio_exact = math.sqrt(15.0 / (max(cf.profiles(z, h, p, KE, KL, GAMMA, T0)[0] for z in [0.0, h]) - T0))
    balance = max(one["energy_balance_rel_error"], two["energy_balance_rel_error"])
    alpha_h = h / LENGTH
    lines.append(f"| {h * 1e9:g} nm | {alpha_h:.3g} | {top1:.3f} | {top2:.3f} | {e_rise:.3f} | {where} | {ratio_jcr:.4f} | {ratio_exact:.4f} | {mismatch:.1e} | {balance:.1e} |")
    thickness_rows.append((h, alpha_h, top1, top2, e_rise, ratio_jcr, ratio_exact, mismatch))
    if mismatch > 5e-3:
        failures.append(f"h = {h:g} m: two-temperature run differs from the closed form by {mismatch:.2g} of the rise (> 0.5 %)")
    if balance > 1e-8:
        failures.append(f"h = {h:g} m: energy balance {balance:.2g} > 1e-8")
with open(report_dir / "thickness.csv", "w") as f:
    f.write("h_m,alpha_h,top_rise_one_T_K,top_lattice_rise_two_T_K,max_electron_rise_K,jcr_ratio,jcr_ratio_closed_form,rel_mismatch_closed_form\n")
    for row in thickness_rows:
        f.write(",".join(repr(x) for x in row) + "\n")

# Plots.
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.3))
    ax = axes[0]
    if profile:
        zz = [i * 100e-9 / 400 for i in range(401)]
        current, j = current_for(100e-9, 15.0)
        p = RHO * j * j
        ax.plot([z * 1e9 for z in zz], [cf.profiles(z, 100e-9, p, KE, KL, GAMMA, T0)[0] for z in zz], "C3-", label="electrons, closed form")
        ax.plot([z * 1e9 for z in zz], [cf.profiles(z, 100e-9, p, KE, KL, GAMMA, T0)[1] for z in zz], "C0-", label="lattice, closed form")
        ax.plot([z * 1e9 for z in zz], [cf.single(z, 100e-9, p, KAPPA, T0) for z in zz], "k--", label="one temperature (PH Eq. 8)")
        ax.plot([z * 1e9 for z, _, _ in profile], [t for _, t, _ in profile], "C3o", ms=4, label="solver, 20 cells")
        ax.plot([z * 1e9 for z, _, _ in profile], [t for _, _, t in profile], "C0s", ms=4)
    ax.set_xlabel("height above the substrate z (nm)")
    ax.set_ylabel("temperature (K)")
    ax.set_title("100 nm film, 1/alpha = 30 nm")
    ax.legend(fontsize=8)
    ax = axes[1]
    ax.loglog([n for n, _ in errors], [e for _, e in errors], "o-", label="max error (both fields)")
    if errors:
        n0, e0 = errors[0]
        ax.loglog([n for n, _ in errors], [e0 * (n0 / n) ** 2 for n, _ in errors], "k:", label="second order")
    ax.set_xlabel("cells across the film")
    ax.set_ylabel("max |T - T_exact| (K)")
    ax.set_title("refinement against the closed form")
    ax.legend(fontsize=8)
    ax = axes[2]
    hs = [r[0] * 1e6 for r in thickness_rows]
    ax.semilogx(hs, [r[4] / r[2] for r in thickness_rows], "C3o-", label="largest electron rise / one-T rise")
    ax.semilogx(hs, [r[3] / r[2] for r in thickness_rows], "C0s-", label="top lattice rise / one-T rise")
    ax.semilogx(hs, [1 / r[5] ** 2 for r in thickness_rows], "k.", ms=3)
    ax.axvline(LENGTH * 1e6, color="grey", ls=":", label="1/alpha")
    ax.set_yscale("log")
    ax.set_xlabel("film thickness h (um)")
    ax.set_ylabel("ratio (two-temperature / one-temperature)")
    ax.set_title("Ca2RuO4 parameters, same current")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figure_dir / "two-temperature.png", dpi=110)
except ImportError:
    failures.append("matplotlib is not installed: no plot")

lines += [""] + ([f"FAILED: {f}" for f in failures] if failures else ["All checks passed."])
(report_dir / "report.md").write_text("# Two-temperature model\n\n" + "\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(1 if failures else 0)
