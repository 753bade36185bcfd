#!/usr/bin/env python3
"""Filaments in wide channels (docs/model.md section 8; report in validation/reports/filament,
figures in docs/figures).

1. Wall: geometries/vo2-wide-channel-wall.toml (one metal-insulator wall across a 40 um VO2
   channel, current drive, no hysteresis) on 20 ... 320 cells across the width against the
   closed form. A wall at a cell edge is pinned over a band of fields of width ~ (dy/2)|T'|
   (first order in dy), so: the field V/L within 2 % of the thin-film E_h (g = h/t) on the
   meshes with dy <= l/15 (320 and 640 cells); the field error and the temperature profile's
   error against the closed-form wall (with the one-cell film's heat loss
   g = h/(t (1 + h t/(2 kappa)))) fall on every refinement, with a least-squares order >= 0.8.
2. Filament sweep: geometries/vo2-wide-channel-filament.toml (40 um wide, defect strip, V_t
   through 4 kOhm, 0 -> 30 V -> 0) by `filament validate filament`: on each branch the metal
   width against the current is a straight line (r^2 >= 0.999 over the points from the first
   move of a wall on the branch with both walls at least 2 thermal lengths from the edges and
   the width at least 4 thermal lengths), its
   slope within 3 % of 1/(t E_h (sigma_M - sigma_I)) and the sample voltage within 3 % of
   V_h = E_h L, with the wall at T_IMT going up and at T_MIT going down; the current density
   in the filament within 3 % of sigma_M E_h.
3. Narrow channel: the same film 1.5 um wide (below the thermal length) through 100 kOhm: the
   temperature across the width within 10 % of the rise above T0 at every point, and on the
   negative-differential-resistance branch the power V I that of a uniform film between T_MIT
   and T_IMT, g (T - T0) W L t, from 3 % below P(T_MIT) to 1 % above P(T_IMT).
4. Relaxation (geometries/vo2-wide-channel-relaxation.toml): from an all-metal start with a
   1 K transverse modulation, the transient ends at a sample voltage within the sustaining band
   E_h(T_MIT) L ... E_h(T_IMT) L (1 % below to 3 % above); a steady solve from the same start
   is reported beside it.
5. The symmetric path (no defect, no seed): the uniform branch and the verdict of
   StabilityAnalysis on it (reported, not checked).
Maps of T and metal fraction at chosen points of the loop. Exits non-zero when a check fails.
Usage: study.py FILAMENT_BINARY [REPORT_DIR FIGURE_DIR]
"""
import csv, json, math, pathlib, subprocess, sys, tempfile
import closed_form

root = pathlib.Path(__file__).resolve().parents[2]
binary = sys.argv[1]
report_dir = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else root / "validation/reports/filament")
figure_dir = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else root / "docs/figures")
report_dir.mkdir(parents=True, exist_ok=True)
figure_dir.mkdir(parents=True, exist_ok=True)
work = pathlib.Path(tempfile.mkdtemp(prefix="filament-"))
failures, lines = [], ["# Filaments in wide channels", ""]

H, T, T0 = 1e5, 100e-9, 300.0
SIGMA_I, SIGMA_M, KAPPA_I, KAPPA_M = 100.0, 1e5, 3.5, 6.0


def wall(ts, series_fraction):
    g_i = closed_form.film_heat_loss(H, T, KAPPA_I, series_fraction)
    g_m = closed_form.film_heat_loss(H, T, KAPPA_M, series_fraction)
    return closed_form.Wall(SIGMA_I, SIGMA_M, KAPPA_I, KAPPA_M, g_i, g_m, T0, ts)


def run(geometry, cells, name):
    out = work / name
    r = subprocess.run([binary, "run", str(geometry), "--cells", cells, "--out", str(out), "--quiet"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return r, None, None
    rows = list(csv.DictReader(open(out / "surface_top.csv")))
    return r, json.load(open(out / "summary.json")), rows


def wall_position(ys, dys, phis):
    """Where the metal (at low y) ends: y_lower + phi dy in the partial column."""
    for i, (y, dy, phi) in enumerate(zip(ys, dys, phis)):
        if phi < 1 - 1e-9:
            return y - 0.5 * dy + phi * dy
    return None


# ---- 1. the wall -------------------------------------------------------------------------
thin, cell = wall(340.0, 0.0), wall(340.0, 0.5)
geometry = root / "geometries/vo2-wide-channel-wall.toml"
lines += ["## 1. A stationary wall against the closed form", "",
          f"Closed form: E_h = {thin.e_h:.5g} V/m with g = h/t (thin film), {cell.e_h:.5g} V/m with the one-cell "
          f"film's g = h/(t(1 + ht/2kappa)); thermal lengths {thin.l_i * 1e6:.3f} um (insulator), {thin.l_m * 1e6:.3f} um (metal); "
          f"T_I = {thin.t_i:.3f} K, T_M = {thin.t_m:.2f} K.", "",
          "| cells across | E = V/L (V/m) | E/E_h(thin) - 1 | E/E_h(one cell) - 1 | wall y (um) | max abs(T - T_wall) (K) | observed order |",
          "|---|---|---|---|---|---|---|"]
errors, profile_plot, field_errors = [], {}, []
for n in [20, 40, 80, 160, 320, 640]:
    r, summary, rows = run(geometry, f"1,{n},1", f"wall-{n}")
    if summary is None:
        failures.append(f"wall {n} cells: exit {r.returncode}: {r.stderr.strip()}")
        continue
    e = summary["voltage_V"] / 20e-6
    ys = [float(row["y [m]"]) for row in rows]
    ts = [float(row["T [K] (top cell)"]) for row in rows]
    phis = [float(row["metal_fraction [1] (top cell)"]) for row in rows]
    dys = [40e-6 / n] * n
    yw = wall_position(ys, dys, phis)
    err = max(abs(t - cell.temperature(y - yw)) for y, t in zip(ys, ts))
    order = math.log2(errors[-1][1] / err) if errors else None
    errors.append((n, err))
    profile_plot[n] = (ys, ts, yw)
    rel_thin, rel_cell = e / thin.e_h - 1, e / cell.e_h - 1
    lines.append(f"| {n} | {e:.6g} | {rel_thin:+.2e} | {rel_cell:+.2e} | {yw * 1e6:.4f} | {err:.3e} | "
                 + (f"{order:.2f} |" if order is not None else "- |"))
    field_errors.append((n, abs(rel_thin)))
    if n >= 320 and abs(rel_thin) > 0.02:
        failures.append(f"wall {n} cells: E/E_h - 1 = {rel_thin:+.3e} beyond 2 %")
for (n0, e0), (n1, e1) in zip(errors, errors[1:]):
    if not e1 < e0:
        failures.append(f"wall profile error does not fall from {n0} to {n1} cells ({e0:.3e} -> {e1:.3e} K)")
for (n0, e0), (n1, e1) in zip(field_errors, field_errors[1:]):
    if not e1 < e0:
        failures.append(f"field error does not fall from {n0} to {n1} cells ({e0:.3e} -> {e1:.3e})")


def ls_order(pairs):
    xs = [math.log(n) for n, _ in pairs]
    ys = [math.log(e) for _, e in pairs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return -sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


if len(errors) >= 3:
    p_order, f_order = ls_order(errors), ls_order(field_errors)
    lines += ["", f"Least-squares order over the meshes: profile {p_order:.2f}, field {f_order:.2f} (tolerance >= 0.8)."]
    if p_order < 0.8 or f_order < 0.8:
        failures.append(f"wall: least-squares order profile {p_order:.2f}, field {f_order:.2f} < 0.8")
lines.append("")

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for n, (ys, ts, yw) in sorted(profile_plot.items()):
        if n in (20, 80, 640):
            a.plot([(y - yw) * 1e6 for y in ys], ts, ".", ms=3, label=f"{n} cells")
    s = [x * 1e-7 for x in range(-150000, 150001, 500)]
    a.plot([x * 1e6 for x in s], [cell.temperature(x) for x in s], "k-", lw=1, label="closed form")
    a.axhline(340, color="grey", lw=0.5, ls=":")
    a.set_xlim(-15, 15)
    a.set_xlabel("distance from the wall into the insulator (um)")
    a.set_ylabel("T (K)")
    a.legend()
    ns = [n for n, _ in errors]
    b.loglog(ns, [e for _, e in errors], "o-", label="max abs(T - T_wall)")
    b.loglog(ns, [errors[0][1] * (ns[0] / n) for n in ns], "k--", lw=0.8, label="first order")
    b.loglog(ns, [errors[0][1] * (ns[0] / n) ** 2 for n in ns], "k:", lw=0.8, label="second order")
    b.set_xlabel("cells across the 40 um channel")
    b.set_ylabel("K")
    b.legend()
    fig.tight_layout()
    fig.savefig(figure_dir / "filament_wall.png", dpi=130)
    plt.close(fig)
except ImportError as exc:
    failures.append(f"matplotlib missing: {exc}")


# ---- 2. the filament sweep of a wide channel ----------------------------------------------
L, W = 20e-6, 40e-6


def sweep(geometry_text, name, extra=()):
    path = work / f"{name}.toml"
    path.write_text(geometry_text)
    out = report_dir / name
    r = subprocess.run([binary, "validate", "filament", str(path), "--out", str(out), "--quiet", *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"{name}: exit {r.returncode}: {r.stderr.strip()[-400:]}")
        return None
    rows = list(csv.DictReader(open(out / "filament.csv")))
    for row in rows:
        for k, v in row.items():
            if k not in ("branch", "walls_m", "stability"):
                row[k] = float(v) if v not in ("", None) else None
        row["walls"] = [float(x) for x in row["walls_m"].split(";")] if row["walls_m"] else []
    return rows, out


def fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    syy = sum((y - my) ** 2 for y in ys)
    slope = sxy / sxx
    return slope, my - slope * mx, sxy * sxy / (sxx * syy) if syy > 0 else 1.0


wide_text = (root / "geometries/vo2-wide-channel-filament.toml").read_text()
result = sweep(wide_text, "wide", ("--stability",))
lines += ["## 2. The filament of a wide channel (40 um, defect strip, V_t 0 -> 30 V -> 0 through 4 kOhm)", ""]
branch_fits = {}
if result:
    rows, wide_out = result
    up, down = wall(341.0, 0.5), wall(336.0, 0.5)
    lines += ["Closed form with the wall at T_IMT = 341 K (up) and T_MIT = 336 K (down), one-cell film heat loss:", "",
              f"- up: E_h = {up.e_h:.5g} V/m, V_h = {up.e_h * L:.4f} V, slope dw/dI = {1 / (T * up.e_h * (SIGMA_M - SIGMA_I)) * 1e3:.4f} um/mA, "
              f"intercept {(-SIGMA_I * W / (SIGMA_M - SIGMA_I)) * 1e6:.4f} um, j = sigma_M E_h = {SIGMA_M * up.e_h:.4g} A/m^2",
              f"- down: E_h = {down.e_h:.5g} V/m, V_h = {down.e_h * L:.4f} V, slope {1 / (T * down.e_h * (SIGMA_M - SIGMA_I)) * 1e3:.4f} um/mA", "",
              "| branch | points fitted | current range (mA) | slope (um/mA) | closed form | rel. | intercept (um) | closed form | r^2 | V_s mean (V) | V_h | rel. | V_s spread (V) | j in filament / sigma_M E_h - 1 |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    ell = max(up.l_i, up.l_m)
    for name, cf in (("up", up), ("down", down)):
        # moving walls only: from the first change of the metal width on the branch (after the
        # turn the walls stay pinned until the field has fallen from E_h(T_IMT) to E_h(T_MIT))
        branch_rows = [r for r in rows if r["branch"] == name]
        first = next((k for k, r in enumerate(branch_rows) if abs(r["metal_width_m"] - branch_rows[0]["metal_width_m"]) > 1e-9),
                     len(branch_rows))
        pts = [r for r in branch_rows[first:] if len(r["walls"]) == 2
               and min(r["walls"]) >= 2 * ell and max(r["walls"]) <= W - 2 * ell and r["metal_width_m"] >= 4 * ell]
        if len(pts) < 5:
            failures.append(f"{name} branch: only {len(pts)} filament points away from the edges")
            continue
        cur = [r["current_A"] for r in pts]
        wid = [r["metal_width_m"] for r in pts]
        slope, intercept, r2 = fit(cur, wid)
        slope_cf = 1 / (T * cf.e_h * (SIGMA_M - SIGMA_I))
        intercept_cf = -SIGMA_I * W / (SIGMA_M - SIGMA_I)
        v = [r["sample_voltage_V"] for r in pts]
        vmean = sum(v) / len(v)
        # j_x is negative (the current runs from the source at x = L to ground at x = 0)
        jrel = sum(abs(r["filament_current_density_A_per_m2"]) for r in pts) / len(pts) / (SIGMA_M * cf.e_h) - 1
        branch_fits[name] = (slope, intercept)
        lines.append(f"| {name} | {len(pts)} | {min(cur) * 1e3:.3f} - {max(cur) * 1e3:.3f} | {slope * 1e3:.4f} | {slope_cf * 1e3:.4f} | "
                     f"{slope / slope_cf - 1:+.2e} | {intercept * 1e6:+.3f} | {intercept_cf * 1e6:+.3f} | {r2:.6f} | {vmean:.4f} | "
                     f"{cf.e_h * L:.4f} | {vmean / (cf.e_h * L) - 1:+.2e} | {max(v) - min(v):.2e} | {jrel:+.2e} |")
        if r2 < 0.999:
            failures.append(f"{name}: width against current r^2 = {r2:.5f} < 0.999")
        if abs(slope / slope_cf - 1) > 0.03:
            failures.append(f"{name}: slope {slope:.4g} m/A vs closed form {slope_cf:.4g} beyond 3 %")
        if abs(vmean / (cf.e_h * L) - 1) > 0.03:
            failures.append(f"{name}: mean sample voltage {vmean:.4f} V vs V_h {cf.e_h * L:.4f} V beyond 3 %")
        if abs(jrel) > 0.03:
            failures.append(f"{name}: mean current density in the filament off sigma_M E_h by {jrel:+.2e}, beyond 3 %")
        if abs(intercept - intercept_cf) > 1e-6:
            failures.append(f"{name}: intercept {intercept * 1e6:.3f} um vs {intercept_cf * 1e6:.3f} um beyond 1 um")
    eig = [(r["leading_eigenvalue_per_s"], r["stability"], r["mode_transverse_share"]) for r in rows if r.get("stability")]
    if eig:
        verdicts = {v for _, v, _ in eig}
        values = [e for e, _, _ in eig if e is not None]
        lines += ["", f"Stability along the loop (`StabilityAnalysis`, every point): verdicts {sorted(verdicts)}; leading eigenvalue "
                  f"{min(values):.6g} ... {max(values):.6g} 1/s (g/C = {closed_form.film_heat_loss(H, T, KAPPA_I, 0.5) / 3.0e6:.6g} 1/s "
                  "for the uniform heat-loss mode)."]
    centroids = [r["metal_centroid_m"] for r in rows if r["metal_centroid_m"] is not None]
    lines += ["", f"Filament position (metal centroid): {min(centroids) * 1e6:.3f} ... {max(centroids) * 1e6:.3f} um "
              f"(the defect strip lies at 19 ... 21 um).", ""]

# ---- 3. a narrow channel ---------------------------------------------------------------------
WN = 1.5e-6
narrow_text = (wide_text.replace('width = "40 um"', 'width = "1.5 um"')
               .replace('y = { cells = 320 }', 'y = { cells = 15 }')
               .replace('y = ["19 um", "21 um"]', 'y = ["0.65 um", "0.85 um"]')
               .replace('load_resistance = "4 kohm"', 'load_resistance = "100 kohm"'))
result_n = sweep(narrow_text, "narrow", ("--stability",))
g_cell = closed_form.film_heat_loss(H, T, KAPPA_I, 0.5)
p_uniform = g_cell * (341.0 - T0) * WN * L * T
p_uniform_low = g_cell * (336.0 - T0) * WN * L * T
lines += ["## 3. A narrow channel (1.5 um, below the thermal length), same film and defect, 100 kOhm", "",
          "A channel narrower than the thermal length heats nearly uniformly: on its negative-differential-resistance "
          "branch the whole film sits between T_MIT and T_IMT and the power V I stays at the uniform state's heat loss "
          f"g (T - T0) W L t, {p_uniform_low * 1e3:.4g} ... {p_uniform * 1e3:.4g} mW (V falls as 1/I), where the wide channel holds V constant.", ""]
if result_n:
    rows_n, _ = result_n
    worst = max(r["T_spread_K"] / max(r["T_max_K"] - T0, 1e-9) for r in rows_n)
    ndr = [r for r in rows_n if r["branch"] == "up" and 0.1 * WN < r["metal_width_m"] < 0.9 * WN]
    power = [r["current_A"] * r["sample_voltage_V"] for r in ndr]
    volts = [r["sample_voltage_V"] for r in ndr]
    lines += [f"- largest temperature spread across the width over the rise above T0: {worst:.3e} (tolerance 0.10; "
              f"the wide channel's filament: T_M - T_I over T_M - T0 = 1)",
              f"- up-branch points with metal width 10-90 % of W: {len(ndr)}; sample voltage {min(volts) if volts else 0:.4f} ... "
              f"{max(volts) if volts else 0:.4f} V; V I = {min(power) * 1e3 if power else 0:.4g} ... {max(power) * 1e3 if power else 0:.4g} mW "
              f"(allowed {0.97 * p_uniform_low * 1e3:.4g} ... {1.01 * p_uniform * 1e3:.4g} mW)", ""]
    verdicts_n = sorted({r["stability"] for r in ndr if r.get("stability")})
    eig_n = [r["leading_eigenvalue_per_s"] for r in ndr if r.get("leading_eigenvalue_per_s") is not None]
    if eig_n:
        lines += [f"- `StabilityAnalysis` on those points: verdicts {verdicts_n}, leading eigenvalue {min(eig_n):.6g} ... {max(eig_n):.6g} 1/s", ""]
    if worst > 0.10:
        failures.append(f"narrow channel: temperature spread {worst:.3e} of the rise > 0.10")
    if len(ndr) < 5:
        failures.append(f"narrow channel: only {len(ndr)} points on the NDR branch")
    elif min(power) < 0.97 * p_uniform_low or max(power) > 1.01 * p_uniform:
        failures.append(f"narrow channel: power {min(power):.4g} ... {max(power):.4g} W outside the uniform state's band")

# ---- 4. symmetry breaking in time -------------------------------------------------------------
relax = root / "geometries/vo2-wide-channel-relaxation.toml"
lines += ["## 4. Relaxation from a perturbed start (no defect, 40 um, V_t = 20 V through 4 kOhm)", ""]
r = subprocess.run([binary, "run", str(relax), "--out", str(report_dir / "relaxation"), "--quiet"], capture_output=True, text=True)
steady_text = relax.read_text()
steady_text = steady_text[:steady_text.index("\n[transient]")].replace('source_voltage = "0 V"      # set by [transient]', 'source_voltage = "20 V"')
(work / "steady.toml").write_text(steady_text)
r2, summary_s, rows_s = run(work / "steady.toml", "1,160,1", "relaxation-steady")
if r.returncode != 0 or summary_s is None:
    failures.append(f"relaxation: exit {r.returncode} / {r2.returncode}: {r.stderr.strip()[-300:]} {r2.stderr.strip()[-300:]}")
else:
    last = list(csv.DictReader(open(report_dir / "relaxation/timeseries.csv")))[-1]
    i_t, v_t, phi_t = float(last["current_A"]), float(last["sample_voltage_V"]), float(last["metal_fraction"])
    w_t = phi_t * W
    lo, hi = wall(336.0, 0.5).e_h * L, wall(341.0, 0.5).e_h * L
    phis = [float(x["metal_fraction [1] (top cell)"]) for x in rows_s]
    lines += [f"- transient (160 cells across, {float(last['time_s']) * 1e6:.0f} us): V_s = {v_t:.4f} V (sustaining voltages "
              f"{lo:.4f} ... {hi:.4f} V; tolerance 1 % below to 3 % above), I = {i_t * 1e3:.4f} mA, metal width {w_t * 1e6:.3f} um, "
              f"T_max {float(last['T_max_K']):.2f} K",
              f"- steady solve from the same start: V_s = {summary_s['voltage_V']:.4f} V, metal fraction "
              f"{min(phis):.4f} ... {max(phis):.4f} in every cell: the uniform state, which the steady iteration "
              "reaches because it keeps the start's metal fraction but not its temperature", ""]
    if not lo * 0.99 <= v_t <= hi * 1.03:
        failures.append(f"relaxation: V_s {v_t:.4f} V outside the sustaining band {lo:.4f} ... {hi:.4f} V")

# ---- 5. the symmetric path: no defect, no seed ------------------------------------------------
uniform_text = wide_text[:wide_text.index('[[region]]\nname = "defect"')] + wide_text[wide_text.index("[[electrode]]"):]
result_u = sweep(uniform_text, "uniform", ("--stability", "--cells", "1,160,1"))
lines += ["## 5. The symmetric path (40 um, no defect, no seed; 160 cells across)", ""]
if result_u:
    rows_u, _ = result_u
    ndr_u = [r for r in rows_u if r["branch"] == "up" and r["metal_width_m"] > 0 and r["T_spread_K"] < 1e-6]
    if ndr_u:
        verdicts = sorted({r["stability"] for r in ndr_u})
        eig = [r["leading_eigenvalue_per_s"] for r in ndr_u if r["leading_eigenvalue_per_s"] is not None]
        lines += [f"From the uniform start the up branch switches the whole width at once: {len(ndr_u)} points with every cell "
                  f"partly metallic at one temperature (V_s {min(r['sample_voltage_V'] for r in ndr_u):.3f} ... "
                  f"{max(r['sample_voltage_V'] for r in ndr_u):.3f} V, falling with the current: the uniform "
                  "negative-differential-resistance branch that a symmetric steady solve finds). "
                  f"`StabilityAnalysis` verdicts there: {verdicts}, leading eigenvalue {min(eig):.6g} ... {max(eig):.6g} 1/s. "
                  "Expected: unstable with a transverse mode (the relaxation of part 4 leaves this state for a filament).", ""]
    else:
        lines += ["No uniform partly metallic points on the up branch.", ""]

# ---- plots: the loop, width against current, the profiles along the loop, maps ----------
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if result:
        rows, wide_out = result
        fig, axes = plt.subplots(2, 2, figsize=(11, 8))
        a = axes[0][0]
        for name, colour in (("up", "tab:red"), ("down", "tab:blue")):
            br = [r for r in rows if r["branch"] == name]
            a.plot([r["current_A"] * 1e3 for r in br], [r["sample_voltage_V"] for r in br], ".-", color=colour, ms=3, label=name)
        a.axhline(wall(341.0, 0.5).e_h * L, color="tab:red", ls=":", lw=0.8, label="V_h (wall at T_IMT)")
        a.axhline(wall(336.0, 0.5).e_h * L, color="tab:blue", ls=":", lw=0.8, label="V_h (wall at T_MIT)")
        a.set_yscale("log")
        a.set_xlabel("I (mA)")
        a.set_ylabel("sample voltage (V)")
        a.legend(fontsize=7)
        a.set_title("I-V loop")
        a = axes[0][1]
        for name, colour, ts in (("up", "tab:red", 341.0), ("down", "tab:blue", 336.0)):
            br = [r for r in rows if r["branch"] == name]
            a.plot([r["current_A"] * 1e3 for r in br], [r["metal_width_m"] * 1e6 for r in br], ".", color=colour, ms=4, label=f"{name}")
            cf = wall(ts, 0.5)
            cs = [i * 1e-4 for i in range(0, 110)]
            a.plot([c * 1e3 for c in cs], [max(0, min(W, cf.width(c, W, T))) * 1e6 for c in cs], "-", color=colour, lw=0.8,
                   label=f"closed form, T_s = {ts:g} K")
        a.set_xlabel("I (mA)")
        a.set_ylabel("metal width (um)")
        a.legend(fontsize=7)
        a.set_title("filament width")
        prof = list(csv.DictReader(open(wide_out / "profiles.csv")))
        npts = len(rows)
        ys = sorted({float(p["y_m"]) for p in prof})
        grid_phi = [[0.0] * npts for _ in ys]
        grid_t = [[0.0] * npts for _ in ys]
        index = {y: i for i, y in enumerate(ys)}
        for p_ in prof:
            i, j = index[float(p_["y_m"])], int(p_["point"])
            grid_phi[i][j] = float(p_["metal_fraction"])
            grid_t[i][j] = float(p_["T_K"])
        for a, g, label, cmap in ((axes[1][0], grid_phi, "metal fraction", "Blues"), (axes[1][1], grid_t, "T (K)", "inferno")):
            im = a.imshow(g, aspect="auto", origin="lower", cmap=cmap, extent=[-0.5, npts - 0.5, 0, W * 1e6])
            fig.colorbar(im, ax=a, label=label)
            a.set_xlabel("sweep point (up, then down)")
            a.set_ylabel("y across the channel (um)")
            a.set_title(f"{label} across the width along the loop")
        fig.tight_layout()
        fig.savefig(figure_dir / "filament_loop.png", dpi=130)
        plt.close(fig)
        if any(r.get("stability") for r in rows):
            fig, a = plt.subplots(figsize=(7, 3.5))
            for verdict, colour in (("stable", "tab:green"), ("unstable", "tab:red"), ("unknown", "grey")):
                pts = [r for r in rows if r["stability"] == verdict and r["leading_eigenvalue_per_s"] is not None]
                a.plot([int(r["point"]) for r in pts], [r["leading_eigenvalue_per_s"] for r in pts], ".", color=colour, ms=3, label=verdict)
            a.axhline(0, color="k", lw=0.5)
            a.set_xlabel("sweep point (up, then down)")
            a.set_ylabel("leading eigenvalue (1/s)")
            a.set_title("StabilityAnalysis along the loop of the 40 um channel")
            a.legend(fontsize=7)
            fig.tight_layout()
            fig.savefig(figure_dir / "filament_stability.png", dpi=130)
            plt.close(fig)
        # maps at chosen points: the largest filament on the way up, mid-way up and down
        up_rows = [r for r in rows if r["branch"] == "up"]
        down_rows = [r for r in rows if r["branch"] == "down"]
        chosen = []
        if up_rows:
            wmax = max(r["metal_width_m"] for r in up_rows)
            chosen.append(min(up_rows, key=lambda r: abs(r["metal_width_m"] - 0.4 * wmax)))
            chosen.append(max(up_rows, key=lambda r: r["metal_width_m"]))
        if down_rows:
            wmax = max(r["metal_width_m"] for r in down_rows)
            chosen.append(min(down_rows, key=lambda r: abs(r["metal_width_m"] - 0.4 * wmax)))
        maps = list(csv.DictReader(open(wide_out / "maps.csv")))
        fig, axes = plt.subplots(2, len(chosen), figsize=(4 * len(chosen), 6), squeeze=False)
        for k, r in enumerate(chosen):
            pts = [m for m in maps if int(m["point"]) == int(r["point"])]
            xs = sorted({float(m["x_m"]) for m in pts})
            yv = sorted({float(m["y_m"]) for m in pts})
            for row_, key, cmap, label in ((0, "T_K", "inferno", "T (K)"), (1, "metal_fraction", "Blues", "metal fraction")):
                a = axes[row_][k]
                image = [[0.0] * len(xs) for _ in yv]
                for m in pts:
                    image[yv.index(float(m["y_m"]))][xs.index(float(m["x_m"]))] = float(m[key])
                sc = a.imshow(image, origin="lower", aspect="auto", cmap=cmap, extent=[0, L * 1e6, 0, W * 1e6])
                fig.colorbar(sc, ax=a, label=label)
                a.set_xlabel("x (um)")
                a.set_ylabel("y (um)")
                a.set_title(f"{r['branch']}, V_t = {r['drive']:.2f} V, I = {r['current_A'] * 1e3:.2f} mA", fontsize=8)
        fig.tight_layout()
        fig.savefig(figure_dir / "filament_maps.png", dpi=130)
        plt.close(fig)
except ImportError as exc:
    failures.append(f"matplotlib missing: {exc}")

(report_dir / "report.md").write_text("\n".join(lines + ["## Checks", ""] + ([f"- FAILED: {f}" for f in failures] or ["- all passed"])) + "\n")
print("\n".join(lines))
if failures:
    print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
