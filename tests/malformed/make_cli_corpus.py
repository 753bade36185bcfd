#!/usr/bin/env python3
"""Regenerates the command-line half of the malformed corpus: `cli-cases.json` (options out of
range, not finite, not numbers; output folders that cannot be written; solves that must fail
with a diagnosis) and the geometry files of `solve/` (valid files whose solve has no steady
state). tests/python/test_malformed_corpus.py runs every case with a time limit and checks the
exit code, that the message names the option or file and what is allowed, and that no output
folder is left partial.

Each case: name, args ({base} = base-valid.toml.txt, {solve}/NAME = a file of solve/, {out} =
a fresh output folder, {file} = an existing plain file), the exit code, substrings the error
must contain. Run from this directory: python3 make_cli_corpus.py
"""
import json
import pathlib

here = pathlib.Path(__file__).parent
BASE = (here / "base-valid.toml.txt").read_text()
REGION_BASE = (here / "region-base-valid.toml.txt").read_text()
# The VO2 bridge on sapphire, its source-voltage sweep replaced by a current drive.
BRIDGE = (here.parent.parent / "geometries" / "vo2-bridge-on-sapphire.toml").read_text()
BRIDGE = BRIDGE[:BRIDGE.index("[sweep]")].replace('source_voltage = "0 V"          # swept\nload_resistance = "5 kohm"', 'current = "1 mA"')

GEOMETRIES = here.parent.parent / "geometries"
# The PH slab with its [sweep] and [transient] on 10 cells (fast).
SLAB_SWEEP = (GEOMETRIES / "ph-slab-sweep.toml").read_text().replace("z = { cells = 100 }", "z = { cells = 10 }").replace("steps = 100 ", "steps = 4 ")
SLAB_PULSE = (GEOMETRIES / "ph-slab-pulse.toml").read_text().replace("z = { cells = 50 }", "z = { cells = 10 }")
assert SLAB_SWEEP.count("cells = 10 }") == 1 and "steps = 4 " in SLAB_SWEEP and SLAB_PULSE.count("cells = 10 }") == 1
PULSE_TABLE = SLAB_PULSE[SLAB_PULSE.index("[transient]"):]

SOLVE = {
    "slab-sweep.toml": SLAB_SWEEP,
    "slab-sweep-runaway.toml": SLAB_SWEEP.replace('peak = "32.863353 mA"', 'peak = "100 A"'),
    "slab-pulse.toml": SLAB_PULSE,
    "slab-constant-runaway.toml": SLAB_PULSE.replace(PULSE_TABLE, '[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1e5 A"\nend_time = "1 s"\n'),
    "slab-step-limit.toml": SLAB_PULSE.replace(PULSE_TABLE, '[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "10 s"\nmax_step = "1 s"\nmax_steps = 10\ninitial_step = "1 ms"\n'),

    # valid files whose solve must end in exit 3 with a diagnosis
    "runaway-1e6-volt.toml": BASE.replace('current = "5 mA"', 'potential = "1e6 V"'),
    "runaway-tiny-conductivity.toml": BASE.replace('thermal_conductivity = "1e-3 W/(cm*K)"', 'thermal_conductivity = "1e-32 W/(cm*K)"'),
    "runaway-huge-current.toml": BASE.replace('current = "5 mA"', 'current = "1e30 A"'),
    "one-iteration.toml": BASE + "\n[solver]\nmax_field_iterations = 1\n",
    "narrow-electrode.toml": BASE.replace('x = ["0 mm", "0.1 mm"]', 'x = ["0 mm", "1e-10 mm"]'),
    # a current forced through ρ = 1e30 Ω·m between copper (1e-8 Ω·m): exit 2 with a diagnosis
    "insulating-leg-current.toml": REGION_BASE.replace('resistivity = "1e-5 ohm*m"', 'resistivity = "1e30 ohm*m"'),
    "insulating-bridge-current.toml": BRIDGE.replace('resistivity = "1 ohm*cm"', 'resistivity = "1e30 ohm*m"', 1),
    "narrow-thermal-patch.toml": BASE.replace('temperature = "300 K"', 'temperature = "300 K"\nx = ["0.5 mm", "0.5000000001 mm"]'),
}

def case(name, args, code, *expect, out=False):
    return {"name": name, "args": args, "code": code, "expect": list(expect), "out": out}

C = []
# --- run / check: the mesh override and grid levels
for cells, why in [("9223372036854775807,1,1", "allowed 1…4000 per axis"), ("100000,1,1", "allowed 1…4000 per axis"),
                   ("3000000000,4,4", "allowed 1…4000 per axis"), ("0,4,4", "allowed 1…4000 per axis"),
                   ("-3,4,4", "allowed 1…4000 per axis"), ("4000,4000,2", "more than the allowed 20,000,000"),
                   ("a,b,c", "three integers"), ("4,4", "three integers"), ("4,4,4,4", "three integers"),
                   ("4.5,4,4", "three integers"), ("", "Missing value"), ("4000,4000,1", "of memory; this machine has")]:
    C.append(case(f"run-cells-{cells or 'empty'}", ["run", "{base}", f"--cells={cells}", "--out", "{out}", "--quiet"],
                  64 if "memory" not in why else 2, "--cells", why))
C.append(case("check-cells-huge", ["check", "{base}", "--cells", "100000,1,1"], 64, "--cells", "allowed 1…4000"))
for levels in ["0", "7", "-1", "99999999999999999999"]:
    C.append(case(f"run-grid-levels-{levels}", ["run", "{base}", "--grid-levels", levels, "--out", "{out}"], 64, "--grid-levels"))
C.append(case("run-missing-file", ["run", "no-such-file.toml", "--out", "{out}"], 2, "no-such-file.toml", "cannot read"))
C.append(case("run-directory-as-file", ["run", ".", "--out", "{out}"], 2, "cannot read"))
C.append(case("check-missing-file", ["check", "no-such-file.toml"], 2, "no-such-file.toml", "cannot read"))
# --- numbers that are not finite, for any option
for option, value, command in [("--t-max", "inf", "tabulate"), ("-u", "nan", "tabulate"), ("--t-min", "-inf", "tabulate"),
                               ("--width", "1e999", "tabulate"), ("--tilt", "NaN", "tabulate"),
                               ("--max-wall-seconds", "inf", "run"), ("--max-wall-seconds", "nan", "run")]:
    args = [command, option, value] + (["{base}"] if command == "run" else [])
    C.append(case(f"{command}{option}-{value}", args + ["--out", "{out}"] if command != "tabulate" else args + ["-o", "{out}/t.json"],
                  64, option, "not a finite number"))
C.append(case("option-equals-inf", ["run", "{base}", "--max-wall-seconds=inf", "--out", "{out}"], 64, "--max-wall-seconds", "not a finite number"))
# --- the study commands of older versions: a sweep or transient is a table of the file
for args, expect in ((["sweep", "run", "--study", "slab"], "[sweep] table"), (["sweep", "--study", "slab"], "--study"),
                     (["transient", "--waveform", "constant:1e-3", "--end-time", "1"], "[transient] table")):
    C.append(case("retired-" + "-".join(a.strip("-") for a in args[:2]), args + ["--out", "{out}"], 64, expect, "filament run FILE" if "table" in expect else expect))
for option, value, allowed in [("--count", "0", "allowed 4…10000"), ("--count", "2000000000", "allowed 4…10000"),
                               ("--width", "0", "allowed > 0"), ("--width", "-2", "allowed > 0"),
                               ("--log2-n", "40", "--log2-n"), ("--log2-n", "-1", "--log2-n"), ("--kappa", "0", "calibration"),
                               ("--tilt", "1000", "out of range")]:
    C.append(case(f"tabulate{option}-{value}", ["tabulate", f"{option}={value}", "-o", "{out}/t.json"], 64, option if option != "--kappa" else "calibration", allowed))
# --- kernel commands: counts and non-finite values
C.append(case("hf-state-nodes-huge", ["hf", "state", "--nodes=999999999"], 64, "--nodes", "allowed 1…65536"))
C.append(case("hf-scan-points-huge", ["hf", "scan", "--points=2000000000"], 64, "--points", "allowed 2…100000"))
C.append(case("hf-gap-curve-huge", ["hf", "gap", "--curve=2000000000"], 64, "--curve", "allowed 0…100000"))
C.append(case("hf-branch-fields-count-huge", ["hf", "branch", "--fields=0.1:0.2:2000000000"], 64, "--fields", "is invalid"))
C.append(case("avalanche-sweep-values-count-huge", ["avalanche", "sweep", "--values=0.001:0.002:3000000000"], 64, "--values", "is invalid"))
for args in (["dmft", "ipt", "-u", "nan"], ["hf", "state", "--u=inf"], ["hf", "state", "--field", "-inf"],
             ["hf", "gap", "--u", "1e999"], ["avalanche", "--gamma", "nan"]):
    C.append(case("kernel-" + "-".join(a.strip("-").replace("=", "-") for a in args), args, 64, "not a finite number"))
# --- option syntax
C.append(case("unknown-option", ["run", "{base}", "--cels", "4,4,4", "--out", "{out}"], 64, "--cels"))
C.append(case("option-not-a-number", ["run", "{base}", "--grid-levels", "ten", "--out", "{out}"], 64, "--grid-levels", "ten"))
C.append(case("option-missing-value", ["run", "{base}", "--grid-levels"], 64, "--grid-levels"))
C.append(case("unknown-command", ["simulate"], 64, "simulate"))
# --- output folders that cannot be written (exit 4, before the solve)
C.append(case("out-is-a-file", ["run", "{base}", "--out", "{file}", "--quiet"], 4, "is a file, not a folder"))
C.append(case("out-below-a-file", ["run", "{base}", "--out", "{file}/sub", "--quiet"], 4, "is a file, not a folder"))
C.append(case("out-foreign-folder", ["run", "{base}", "--out", "{foreign}", "--quiet"], 4, "holds files that filament did not write"))
C.append(case("out-root", ["run", "{base}", "--out", "/", "--quiet"], 4, "not a folder name filament can replace"))
C.append(case("sweep-out-is-a-file", ["run", "{solve}/slab-sweep.toml", "--out", "{file}", "--quiet"], 4, "is a file, not a folder"))
C.append(case("transient-out-is-a-file", ["run", "{solve}/slab-pulse.toml", "--out", "{file}", "--quiet"], 4, "is a file, not a folder"))
# --- solves that must fail with a diagnosis (exit 3), nothing written
for name, why in [("runaway-1e6-volt.toml", "thermal runaway"), ("runaway-tiny-conductivity.toml", "thermal runaway"),
                  ("one-iteration.toml", "did not converge")]:
    C.append(case(f"solve-{name}", ["run", "{solve}/" + name, "--out", "{out}", "--quiet"], 3, why, out=True))
C.append(case("file-current-1e30", ["run", "{solve}/runaway-huge-current.toml", "--out", "{out}", "--quiet"], 2, "electrode[2].current", "out of range"))
for name in ["insulating-leg-current.toml", "insulating-bridge-current.toml"]:
    C.append(case(f"solve-{name}", ["run", "{solve}/" + name, "--out", "{out}", "--quiet"], 2,
                  "cannot be solved in double precision", "1e+30 Ω·m", "drive a potential or a source voltage"))
C.append(case("solve-narrow-electrode", ["check", "{solve}/narrow-electrode.toml"], 0))
C.append(case("solve-narrow-thermal-patch", ["check", "{solve}/narrow-thermal-patch.toml"], 0))
C.append(case("sweep-runaway", ["run", "{solve}/slab-sweep-runaway.toml", "--out", "{out}", "--quiet"], 3,
              "thermal runaway", "marked incomplete", out=True))
C.append(case("sweep-wall-budget", ["run", "{solve}/slab-sweep.toml", "--max-wall-seconds", "1e-6", "--out", "{out}", "--quiet"], 3,
              "wall-clock budget", "marked incomplete", out=True))
C.append(case("transient-runaway", ["run", "{solve}/slab-constant-runaway.toml", "--out", "{out}", "--quiet"], 3,
              "thermal runaway", out=True))
C.append(case("transient-step-limit", ["run", "{solve}/slab-step-limit.toml", "--out", "{out}", "--quiet"], 3,
              "limit of 10 time steps", "marked incomplete", out=True))
C.append(case("transient-wall-budget", ["run", "{solve}/slab-pulse.toml", "--max-wall-seconds", "1e-6", "--out", "{out}", "--quiet"], 3,
              "wall-clock budget", out=True))
C.append(case("run-wall-budget", ["run", "{base}", "--cells", "60,30,10", "--max-wall-seconds", "0.2", "--out", "{out}", "--quiet"], 3,
              "wall-clock budget", "is unchanged", out=True))
C.append(case("run-wall-budget-zero", ["run", "{base}", "--max-wall-seconds=0", "--out", "{out}"], 64, "--max-wall-seconds", "allowed > 0"))
C.append(case("run-out-named-nan", ["run", "{base}", "--out", "nan", "--quiet"], 0))
C.append(case("run-ok", ["run", "{base}", "--out", "{out}", "--quiet"], 0, out=True))

for old in (here / "solve").glob("*.toml"):
    old.unlink()
for name, text in SOLVE.items():
    (here / "solve" / name).write_text(text)
names = [c["name"] for c in C]
assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
(here / "cli-cases.json").write_text(json.dumps(C, indent=1, ensure_ascii=False) + "\n")
print(len(C), "command-line cases,", len(SOLVE), "solve files")
