#!/usr/bin/env python3
"""Regenerates the malformed-geometry corpus from one valid base file.

Each case is the base with one defect. Its first lines say what the reader must report:
`# expect-key: K` (a substring of the error's key) and `# expect: M` (a substring of the
message). IOTests/MalformedCorpusTests.swift checks every file here.
Run from this directory: python3 make_corpus.py
"""
import pathlib

BASE = '''[domain]
length = "1 mm"
width = "0.5 mm"
thickness = "0.2 mm"

[mesh]
x = { cells = 8 }
y = { cells = 3 }
z = { cells = 3 }

[material]
T_IMT = "360 K"
[material.insulator]
resistivity = "10 ohm*cm"
seebeck = "1000 uV/K"
thermal_conductivity = "1e-3 W/(cm*K)"
[material.metal]
resistivity = "1 ohm*cm"
thermal_conductivity = "1e-3 W/(cm*K)"

[[electrode]]
name = "negative"
face = "z_max"
x = ["0 mm", "0.1 mm"]
y = ["0.2 mm", "0.3 mm"]
role = "ground"

[[electrode]]
name = "positive"
face = "z_max"
x = ["0.9 mm", "1 mm"]
y = ["0.2 mm", "0.3 mm"]
current = "5 mA"

[[thermal]]
face = "z_min"
condition = "fixed_temperature"
temperature = "300 K"
'''

def sub(old, new, count=1):
    assert old in BASE, old
    return lambda text: text.replace(old, new, count)

def second(old, new):
    """Replace the second occurrence of `old`."""
    def f(text):
        i = text.index(old, text.index(old) + 1)
        return text[:i] + new + text[i + len(old):]
    return f

CASES = {
    # name: (defect, expected key substring, expected message substring)
    "empty-file": (lambda t: "\n   \n", "[domain]", "empty"),
    "calibrate-fit-not-string": (lambda t: t + '\n[calibrate]\nfit = [5]\n', "calibrate.fit[1]", "expected a non-empty string"),
    "calibrate-unknown-key": (lambda t: t + '\n[calibrate]\ntarget = ["T_max=400±1 K"]\n', "calibrate.target", "unknown key"),
    "missing-length": (sub('length = "1 mm"\n', ""), "domain.length", "missing; expected a length"),
    "missing-material-table": (lambda t: t[:t.index("[material]")] + t[t.index("[[electrode]]"):], "[material]", "missing table"),
    "wrong-unit-length": (sub('length = "1 mm"', 'length = "1 mA"'), "domain.length", "expected a length"),
    "wrong-unit-resistivity": (sub('resistivity = "10 ohm*cm"', 'resistivity = "10 ohm"'), "material.insulator.resistivity", "expected a resistivity"),
    "wrong-unit-current": (sub('current = "5 mA"', 'current = "5 mV"'), "electrode[2].current", "expected a current"),
    "unknown-unit": (sub('seebeck = "1000 uV/K"', 'seebeck = "1000 uV/F"'), "material.insulator.seebeck", "unknown unit 'F'"),
    "number-without-unit": (sub('length = "1 mm"', 'length = 1.0'), "domain.length", "written as a string with its unit"),
    "non-numeric-value": (sub('width = "0.5 mm"', 'width = "wide mm"'), "domain.width", "expected a number first"),
    "negative-thickness": (sub('thickness = "0.2 mm"', 'thickness = "-0.2 mm"'), "domain.thickness", "out of range"),
    "negative-resistivity": (sub('resistivity = "1 ohm*cm"', 'resistivity = "-1 ohm*cm"'), "material.metal.resistivity", "out of range"),
    "zero-cells": (sub('x = { cells = 8 }', 'x = { cells = 0 }'), "mesh.x.cells", "allowed 1…4000"),
    "bad-grading": (sub('x = { cells = 8 }', 'x = { cells = 8, ratio = 1.1, toward = "middle" }'), "mesh.x.toward", "allowed: \"none\", \"lower\", \"upper\", \"both\""),
    "unknown-key": (sub('length = "1 mm"', 'lenght = "1 mm"\nlength = "1 mm"'), "domain.lenght", "unknown key; allowed here"),
    "unknown-table": (lambda t: t + '\n[outputs]\nfields = true\n', "outputs", "unknown key"),
    "toml-syntax": (sub('length = "1 mm"', 'length = "1 mm'), "line 4", "not valid TOML"),
    "tmit-above-timt": (sub('T_IMT = "360 K"', 'T_IMT = "360 K"\nT_MIT = "370 K"'), "material.T_MIT", "allowed T_MIT ≤ T_IMT"),
    "electrode-off-film": (sub('x = ["0.9 mm", "1 mm"]', 'x = ["0.9 mm", "1.2 mm"]'), "electrode[2].x", "lies off the film; allowed 0 … 1.0 mm"),
    "electrode-reversed-range": (sub('x = ["0 mm", "0.1 mm"]', 'x = ["0.1 mm", "0 mm"]'), "electrode[1].x", "start < end"),
    "overlapping-electrodes": (sub('x = ["0.9 mm", "1 mm"]', 'x = ["0.05 mm", "0.2 mm"]'), "electrode[2]", "overlaps electrode 'negative'"),
    "electrode-bad-face": (sub('face = "z_max"', 'face = "top"'), "electrode[1].face", "allowed: \"x_min\""),
    "electrode-normal-axis": (sub('y = ["0.2 mm", "0.3 mm"]\nrole', 'y = ["0.2 mm", "0.3 mm"]\nz = "0.1 mm"\nrole'), "electrode[1].z", "normal to z"),
    "electrode-two-drives": (sub('role = "ground"', 'role = "ground"\npotential = "1 V"'), "role/potential", "exactly one of"),
    "missing-ground": (sub('role = "ground"', 'current = "-5 mA"'), "[[electrode]]", "no electrode holds a potential"),
    "single-electrode": (lambda t: t[:t.index('[[electrode]]\nname = "positive"')] + t[t.index('[[thermal]]'):], "[[electrode]]", "at least two"),
    "zero-load-resistance": (sub('current = "5 mA"', 'source_voltage = "5 V"\nload_resistance = "0 kohm"'), "electrode[2].load_resistance", "out of range"),
    "no-heat-sink": (sub('condition = "fixed_temperature"\ntemperature = "300 K"', 'condition = "adiabatic"'), "[[thermal]]", "no heat sink"),
    "heat-transfer-missing-coefficient": (sub('condition = "fixed_temperature"\ntemperature = "300 K"', 'condition = "heat_transfer"\nsink_temperature = "300 K"'), "thermal[1].coefficient", "missing; expected a heat-transfer coefficient"),
    "substrate-cells-without-substrate": (sub('z = { cells = 3 }', 'z = { cells = 3 }\nsubstrate_cells = 2'), "mesh.substrate_cells", "without a [substrate]"),
    "material-table-missing": (sub('[material]\nT_IMT = "360 K"\n[material.insulator]\nresistivity = "10 ohm*cm"\nseebeck = "1000 uV/K"\nthermal_conductivity = "1e-3 W/(cm*K)"\n[material.metal]\nresistivity = "1 ohm*cm"\nthermal_conductivity = "1e-3 W/(cm*K)"\n', '[material]\ntable = "ca2ruo4-dmft.json"\n'), "material.table", "cannot be read"),
    "grid-levels-out-of-range": (lambda t: t + '\n[drive]\ngrid_levels = 9\n', "drive.grid_levels", "allowed 1…6"),
    "sweep-steps-zero": (lambda t: t + '\n[sweep]\nquantity = "current"\npeak = "10 mA"\nsteps = 0\n', "sweep.steps", "allowed 1…100000"),
    "sweep-steps-huge": (lambda t: t + '\n[sweep]\nquantity = "current"\npeak = "10 mA"\nsteps = 2000000000\n', "sweep.steps", "allowed 1…100000"),
    "sweep-peak-inf": (lambda t: t + '\n[sweep]\nquantity = "current"\npeak = "inf mA"\n', "sweep.peak", "expected a number first"),
    "sweep-peak-wrong-unit": (lambda t: t + '\n[sweep]\nquantity = "current"\npeak = "10 V"\n', "sweep.peak", "expected a current"),
    "sweep-quantity-power": (lambda t: t + '\n[sweep]\nquantity = "power"\npeak = "10 mA"\n', "sweep.quantity", "is not allowed"),
    "sweep-snapshot-every-negative": (lambda t: t + '\n[sweep]\nquantity = "current"\npeak = "10 mA"\nsnapshot_every = -1\n', "sweep.snapshot_every", "out of range"),
    "transient-end-time-zero": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "0 s"\n', "transient.end_time", "out of range"),
    "transient-scheme-rk4": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "1 s"\nscheme = "rk4"\n', "transient.scheme", "is not allowed"),
    "transient-waveform-square": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "square"\nend_time = "1 s"\n', "transient.waveform", "is not allowed"),
    "transient-min-step-above-initial": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "1 s"\ninitial_step = "1 ms"\nmin_step = "10 ms"\n', "transient.min_step", "out of range"),
    "transient-max-steps-zero": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "1 s"\nmax_steps = 0\n', "transient.max_steps", "out of range"),
    "transient-too-many-steps": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "1e7 s"\nmax_step = "1 s"\nmax_steps = 100\n', "transient.max_steps", "raise max_step or max_steps"),
    "transient-target-dT-zero": (lambda t: t + '\n[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "1 mA"\nend_time = "1 s"\ntarget_dT = "0 K"\n', "transient.target_dT", "out of range"),
    "sweep-no-driven-electrode": (lambda t: t + '\n[sweep]\nquantity = "potential"\npeak = "1 V"\n', "sweep.electrode", "no electrode has a potential drive"),
}

# Systematic defects of every dimensional value: not finite, the wrong sign, zero, a bare
# number, an array or a table instead of a string with its unit, a unit of another dimension.
QUANTITIES = {
    # key path in messages: (text in BASE, expected dimension name, sign rule)
    "domain.length": ('length = "1 mm"', "length", "positive"),
    "domain.width": ('width = "0.5 mm"', "length", "positive"),
    "domain.thickness": ('thickness = "0.2 mm"', "length", "positive"),
    "material.T_IMT": ('T_IMT = "360 K"', "temperature", "positive"),
    "material.insulator.resistivity": ('resistivity = "10 ohm*cm"', "resistivity", "positive"),
    "material.insulator.seebeck": ('seebeck = "1000 uV/K"', "Seebeck", "any"),
    "material.insulator.thermal_conductivity": ('thermal_conductivity = "1e-3 W/(cm*K)"', "thermal conductivity", "positive"),
    "electrode[2].current": ('current = "5 mA"', "current", "any"),
    "thermal[1].temperature": ('temperature = "300 K"', "temperature", "positive"),
}

def quantity_cases():
    cases = {}
    for key, (line, dimension, sign) in QUANTITIES.items():
        name, value = line.split(" = ")
        number, unit = value.strip('"').split(" ", 1)
        slug = key.replace("[", "").replace("]", "").replace(".", "-").replace("_", "-").lower()
        def with_value(v, line=line, name=name):
            return sub(line, f"{name} = {v}")
        cases[f"{slug}-inf"] = (with_value(f'"inf {unit}"'), key, "expected a number first")
        cases[f"{slug}-nan"] = (with_value(f'"nan {unit}"'), key, "expected a number first")
        cases[f"{slug}-overflow"] = (with_value(f'"1e999 {unit}"'), key, "finite")
        cases[f"{slug}-bare-number"] = (with_value(number), key, "written as a string with its unit")
        cases[f"{slug}-array"] = (with_value(f'["{number} {unit}"]'), key, "written as a string with its unit")
        cases[f"{slug}-inline-table"] = (with_value(f'{{ value = "{number} {unit}" }}'), key, "written as a string with its unit")
        cases[f"{slug}-boolean"] = (with_value("true"), key, "written as a string with its unit")
        cases[f"{slug}-no-number"] = (with_value(f'"{unit}"'), key, "expected")
        cases[f"{slug}-wrong-dimension"] = (with_value('"3 s"'), key, "expected")
        if sign == "positive":
            cases[f"{slug}-zero"] = (with_value(f'"0 {unit}"'), key, "out of range")
            cases[f"{slug}-negative"] = (with_value(f'"-{number} {unit}"'), key, "out of range")
    return cases

CASES.update(quantity_cases())

MESH = 'x = { cells = 8 }'
CASES.update({
    "mesh-cells-negative": (sub(MESH, 'x = { cells = -3 }'), "mesh.x.cells", "allowed 1…4000"),
    "mesh-cells-too-many": (sub(MESH, 'x = { cells = 4001 }'), "mesh.x.cells", "allowed 1…4000"),
    "mesh-cells-int64-max": (sub(MESH, 'x = { cells = 9223372036854775807 }'), "mesh.x.cells", "allowed 1…4000"),
    "mesh-cells-fraction": (sub(MESH, 'x = { cells = 8.5 }'), "mesh.x.cells", "expected an integer"),
    "mesh-cells-string": (sub(MESH, 'x = { cells = "8" }'), "mesh.x.cells", "expected an integer"),
    "mesh-cells-missing": (sub(MESH, 'x = { ratio = 1.1 }'), "mesh.x.cells", "missing"),
    "mesh-axis-missing": (sub(MESH + "\n", ""), "mesh.x", "missing"),
    "mesh-axis-not-table": (sub(MESH, 'x = 8'), "mesh.x", "expected a table"),
    "mesh-ratio-below-one": (sub(MESH, 'x = { cells = 8, ratio = 0.5, toward = "both" }'), "mesh.x.ratio", "out of range"),
    "mesh-ratio-huge": (sub(MESH, 'x = { cells = 8, ratio = 1e9, toward = "both" }'), "mesh.x.ratio", "out of range"),
    "mesh-ratio-inf": (sub(MESH, 'x = { cells = 8, ratio = inf, toward = "both" }'), "mesh.x.ratio", "finite"),
    "mesh-ratio-nan": (sub(MESH, 'x = { cells = 8, ratio = nan, toward = "both" }'), "mesh.x.ratio", "finite"),
    "mesh-unknown-key": (sub(MESH, 'x = { cells = 8, cell = 9 }'), "mesh.x.cell", "unknown key"),
    "mesh-too-many-cells": (sub('x = { cells = 8 }\ny = { cells = 3 }\nz = { cells = 3 }',
                                'x = { cells = 4000 }\ny = { cells = 4000 }\nz = { cells = 4000 }'), "[mesh]", "more than the allowed 20,000,000"),
    "mesh-memory-exceeds-machine": (sub('x = { cells = 8 }\ny = { cells = 3 }\nz = { cells = 3 }',
                                        'x = { cells = 4000 }\ny = { cells = 1000 }\nz = { cells = 5 }'), "[mesh]", "of memory; this machine has"),
    "drive-ramp-steps-zero": (lambda t: t + '\n[drive]\nramp_steps = 0\n', "drive.ramp_steps", "allowed 1…10000"),
    "drive-ramp-steps-huge": (lambda t: t + '\n[drive]\nramp_steps = 2000000000\n', "drive.ramp_steps", "allowed 1…10000"),
    "drive-unknown-key": (lambda t: t + '\n[drive]\nramp_step = 4\n', "drive.ramp_step", "unknown key"),
    "solver-max-iterations-zero": (lambda t: t + '\n[solver]\nmax_field_iterations = 0\n', "solver.max_field_iterations", "allowed 1…1000000"),
    "solver-max-iterations-huge": (lambda t: t + '\n[solver]\nmax_field_iterations = 9000000000\n', "solver.max_field_iterations", "allowed 1…1000000"),
    "solver-field-tolerance-zero": (lambda t: t + '\n[solver]\nfield_tolerance = 0.0\n', "solver.field_tolerance", "out of range"),
    "solver-field-tolerance-nan": (lambda t: t + '\n[solver]\nfield_tolerance = nan\n', "solver.field_tolerance", "finite"),
    "solver-anderson-negative": (lambda t: t + '\n[solver]\nanderson_depth = -1\n', "solver.anderson_depth", "allowed 0…50"),
    "solver-bad-coupling": (lambda t: t + '\n[solver]\npeltier_coupling = "explicit"\n', "solver.peltier_coupling", "allowed"),
    "solver-misspelt-key": (lambda t: t + '\n[solver]\nfield_tolerence = 1e-10\n', "solver.field_tolerence", "unknown key"),
    "output-not-boolean": (lambda t: t + '\n[output]\nfields = "yes"\n', "output.fields", "expected true or false"),
    "output-misspelt-key": (lambda t: t + '\n[output]\nslice = false\n', "output.slice", "unknown key"),
    "title-not-string": (lambda t: "title = 3\n" + t, "title", "expected a string"),
    "material-misspelt-key": (sub('[material.metal]\n', '[material.metal]\nresistivty = "1 ohm*cm"\n'), "material.metal.resistivty", "unknown key"),
    "material-missing-metal": (sub('[material.metal]\nresistivity = "1 ohm*cm"\nthermal_conductivity = "1e-3 W/(cm*K)"\n', ''), "material.metal", "missing"),
    "material-seebeck-huge": (sub('seebeck = "1000 uV/K"', 'seebeck = "5 V/K"'), "material.insulator.seebeck", "out of range"),
    "material-timt-huge": (sub('T_IMT = "360 K"', 'T_IMT = "1e9 K"'), "material.T_IMT", "out of range"),
    "material-table-not-string": (sub('[material]\nT_IMT = "360 K"\n[material.insulator]\nresistivity = "10 ohm*cm"\nseebeck = "1000 uV/K"\nthermal_conductivity = "1e-3 W/(cm*K)"\n[material.metal]\nresistivity = "1 ohm*cm"\nthermal_conductivity = "1e-3 W/(cm*K)"\n', '[material]\ntable = 5\n'), "material.table", "expected a string"),
    "electrode-shorted": (sub('current = "5 mA"', 'role = "ground"'), "[[electrode]]", "the electrodes are shorted"),
    "electrode-same-potential": (sub('role = "ground"', 'potential = "2 V"') if False else (lambda t: t.replace('role = "ground"', 'potential = "2 V"').replace('current = "5 mA"', 'potential = "2 V"')), "[[electrode]]", "the electrodes are shorted"),
    "electrode-no-drive": (sub('current = "5 mA"\n', ''), "electrode[2]", "exactly one of"),
    "electrode-missing-face": (sub('face = "z_max"\n', ''), "electrode[1].face", "missing"),
    "electrode-range-three-values": (sub('x = ["0 mm", "0.1 mm"]', 'x = ["0 mm", "0.05 mm", "0.1 mm"]'), "electrode[1].x", "two lengths"),
    "electrode-range-numbers": (sub('x = ["0 mm", "0.1 mm"]', 'x = [0, 0.1]'), "electrode[1].x", "expected"),
    "electrode-range-inf": (sub('x = ["0 mm", "0.1 mm"]', 'x = ["0 mm", "inf mm"]'), "electrode[1].x", "expected a number first"),
    "electrode-zero-width": (sub('x = ["0 mm", "0.1 mm"]', 'x = ["0.1 mm", "0.1 mm"]'), "electrode[1].x", "start < end"),
    "electrode-off-film-negative": (sub('x = ["0 mm", "0.1 mm"]', 'x = ["-0.1 mm", "0.1 mm"]'), "electrode[1].x", "lies off the film"),
    "electrode-wrong-unit-range": (sub('x = ["0 mm", "0.1 mm"]', 'x = ["0 K", "0.1 K"]'), "electrode[1].x", "expected a length"),
    "electrode-unknown-role": (sub('role = "ground"', 'role = "earth"'), "electrode[1].role", "allowed"),
    "electrode-misspelt-key": (sub('name = "negative"', 'nmae = "negative"'), "electrode[1].nmae", "unknown key"),
    "electrode-not-array-of-tables": (lambda t: t.replace('[[electrode]]\nname = "negative"', '[electrode]\nname = "negative"', 1).replace('[[electrode]]\nname = "positive"', '[electrode2]\nname = "positive"', 1), "electrode", "expected an array of tables"),
    "electrode-source-without-load": (sub('current = "5 mA"', 'source_voltage = "5 V"'), "electrode[2].load_resistance", "missing; expected a resistance"),
    "electrode-load-negative": (sub('current = "5 mA"', 'source_voltage = "5 V"\nload_resistance = "-1 kohm"'), "electrode[2].load_resistance", "out of range"),
    "thermal-bad-condition": (sub('condition = "fixed_temperature"', 'condition = "fixed"'), "thermal[1].condition", "allowed"),
    "thermal-missing-temperature": (sub('temperature = "300 K"\n', ''), "thermal[1].temperature", "missing"),
    "thermal-bad-face": (sub('face = "z_min"', 'face = "bottom"'), "thermal[1].face", "allowed"),
    "thermal-coefficient-zero": (sub('condition = "fixed_temperature"\ntemperature = "300 K"', 'condition = "heat_transfer"\ncoefficient = "0 W/(m^2*K)"\nsink_temperature = "300 K"'), "thermal[1].coefficient", "out of range"),
    "thermal-misspelt-key": (sub('temperature = "300 K"', 'temprature = "300 K"\ntemperature = "300 K"'), "thermal[1].temprature", "unknown key"),
    "substrate-zero-thickness": (lambda t: t + '\n[substrate]\nthickness = "0 mm"\nthermal_conductivity = "1 W/(m*K)"\n', "substrate.thickness", "out of range"),
    "substrate-missing-conductivity": (lambda t: t + '\n[substrate]\nthickness = "0.1 mm"\n', "substrate.thermal_conductivity", "missing"),
    "domain-initial-temperature-zero": (sub('length = "1 mm"', 'length = "1 mm"\ninitial_temperature = "0 K"'), "domain.initial_temperature", "out of range"),
    "domain-huge-length": (sub('length = "1 mm"', 'length = "5 m"'), "domain.length", "out of range"),
    "toml-duplicate-key": (sub('length = "1 mm"', 'length = "1 mm"\nlength = "2 mm"'), "line", "not valid TOML"),
    "toml-duplicate-table": (lambda t: t + '\n[domain]\nlength = "1 mm"\n', "line", "not valid TOML"),
    "toml-unterminated-table": (sub('[domain]', '[domain'), "line", "not valid TOML"),
    "toml-bare-word": (sub('length = "1 mm"', 'length = 1 mm'), "line", "not valid TOML"),
    "toml-comments-only": (lambda t: "# nothing here\n# at all\n", "[domain]", "empty"),
    "field-channel-missing-table": (lambda t: t + '\n[field_channel]\ntable = "no-such-teff.json"\n', "field_channel.table", "allowed"),
    "two-temperature-negative-coupling": (lambda t: t + '\n[two_temperature]\nelectron_lattice_coupling = "-1e13 W/(m^3*K)"\nelectron_conductivity_fraction = 0.1\n', "two_temperature.electron_lattice_coupling", "out of range"),
    "two-temperature-coupling-per-area": (lambda t: t + '\n[two_temperature]\nelectron_lattice_coupling = "1e13 W/(m^2*K)"\nelectron_conductivity_fraction = 0.1\n', "two_temperature.electron_lattice_coupling", "heat exchange rate per volume"),
    "two-temperature-missing-split": (lambda t: t + '\n[two_temperature]\nelectron_lattice_coupling = "1e13 W/(m^3*K)"\n', "two_temperature.electron_conductivity_fraction", "missing"),
    "two-temperature-split-one": (lambda t: t + '\n[two_temperature]\nelectron_lattice_coupling = "1e13 W/(m^3*K)"\nelectron_conductivity_fraction = 1\n', "two_temperature.electron_conductivity_fraction", "out of range"),
})

# Devices from regions: a Cu | Bi2Te3 | Cu leg (docs/geometry-format.md, Devices from regions).
REGION_BASE = '''[domain]
length = "4 mm"
width = "1 mm"
height = "1 mm"

[mesh]
x = { cells = 8 }
y = { cells = 1 }
z = { cells = 1 }

[materials.copper]
resistivity = "1.7e-8 ohm*m"
seebeck = "1.8 uV/K"
thermal_conductivity = "400 W/(m*K)"

[materials.bi2te3]
resistivity = "1e-5 ohm*m"
seebeck = "200 uV/K"
thermal_conductivity = "1.5 W/(m*K)"

[[region]]
name = "hot"
material = "copper"
x = ["0 mm", "1 mm"]

[[region]]
name = "leg"
material = "bi2te3"
x = ["1 mm", "3 mm"]

[[region]]
name = "cold"
material = "copper"
x = ["3 mm", "4 mm"]

[[electrode]]
name = "in"
region = "hot"
face = "x_min"
current = "0.5 A"

[[electrode]]
name = "out"
region = "cold"
face = "x_max"
role = "ground"

[[thermal]]
face = "x_max"
condition = "fixed_temperature"
temperature = "300 K"
'''

def rsub(old, new, count=1):
    assert old in REGION_BASE, old
    return lambda text: text.replace(old, new, count)

CASES["interface-in-film-file"] = (lambda t: t + '\n[[interface]]\nbetween = ["film", "substrate"]\nthermal_boundary_resistance = "1e-8 m^2*K/W"\n', "[[interface]]", "interfaces join regions")

REGION_CASES = {
    "region-empty": (rsub('name = "cold"\nmaterial = "copper"\nx = ["3 mm", "4 mm"]', 'name = "cold"\nmaterial = "copper"\nx = ["3 mm", "4 mm"]\n\n[[region]]\nname = "cover"\nmaterial = "copper"\nx = ["0 mm", "1 mm"]'), "region[1]", "has no cell on this mesh"),
    "region-outside-domain": (rsub('x = ["3 mm", "4 mm"]', 'x = ["3 mm", "5 mm"]'), "region[3].x", "lies outside the domain"),
    "region-uncovered-cells": (rsub('x = ["1 mm", "3 mm"]', 'x = ["1 mm", "2.5 mm"]'), "[[region]]", "lie in no region"),
    "region-undefined-material": (rsub('material = "bi2te3"', 'material = "steel"'), "region[2].material", "is not defined"),
    "region-electrode-no-face": (rsub('region = "hot"\nface = "x_min"', 'region = "leg"\nface = "x_min"'), "electrode[1].face", "region 'leg' has no face on x_min"),
    "region-electrode-on-fill": (lambda t: rsub('x = ["1 mm", "3 mm"]', 'x = ["1 mm", "3 mm"]\nz = ["0 mm", "0.5 mm"]')(t).replace('height = "1 mm"', 'height = "1 mm"\nfill = "copper"').replace('z = { cells = 1 }', 'z = { cells = 2 }').replace('region = "cold"\nface = "x_max"', 'face = "y_max"\nx = ["1.5 mm", "2.5 mm"]'), "electrode[2]", "fill material"),
    "region-material-missing-property": (rsub('resistivity = "1e-5 ohm*m"\nseebeck = "200 uV/K"\nthermal_conductivity = "1.5 W/(m*K)"', 'resistivity = "1e-5 ohm*m"\nseebeck = "200 uV/K"'), "materials.bi2te3.thermal_conductivity", "missing; a passive material needs"),
    "region-alpha-without-reference": (rsub('resistivity = "1.7e-8 ohm*m"', 'resistivity = "1.7e-8 ohm*m"\nresistivity_temperature_coefficient = "3.9e-3 K^-1"'), "materials.copper.reference_temperature", "missing"),
    "region-table-not-covering": (rsub('resistivity = "1e-5 ohm*m"\nseebeck = "200 uV/K"\nthermal_conductivity = "1.5 W/(m*K)"', 'table = "region-table-250-290K.csv"'), "materials.bi2te3.table", "lies outside it"),
    "interface-negative-resistance": (lambda t: t + '\n[[interface]]\nbetween = ["hot", "leg"]\nthermal_boundary_resistance = "-1e-8 m^2*K/W"\n', "interface[1].thermal_boundary_resistance", "out of range"),
    "interface-unknown-region": (lambda t: t + '\n[[interface]]\nbetween = ["hot", "substrate"]\nthermal_boundary_resistance = "1e-8 m^2*K/W"\n', "interface[1].between", "\"substrate\" is not a region"),
    "interface-wrong-unit": (lambda t: t + '\n[[interface]]\nbetween = ["hot", "leg"]\nthermal_boundary_resistance = "1e-8 K/W"\n', "interface[1].thermal_boundary_resistance", "expected a thermal boundary resistance"),
    "interface-not-touching": (lambda t: t + '\n[[interface]]\nbetween = ["hot", "cold"]\nthermal_boundary_resistance = "1e-8 m^2*K/W"\n', "interface[1].between", "share no cell face"),
    "interface-one-region": (lambda t: t + '\n[[interface]]\nbetween = ["leg"]\nthermal_boundary_resistance = "1e-8 m^2*K/W"\n', "interface[1].between", "expected an array of two region names"),
    "region-with-legacy-material": (lambda t: t + '\n[material]\nT_IMT = "360 K"\n', "[material]", "remove [material]"),
    "region-second-switching-material-mit-above-imt": (lambda t: t.replace('[materials.bi2te3]', '[materials.a]\nT_IMT = "340 K"\n[materials.a.insulator]\nresistivity = "1 ohm*m"\nthermal_conductivity = "1 W/(m*K)"\n[materials.a.metal]\nresistivity = "1e-3 ohm*m"\nthermal_conductivity = "1 W/(m*K)"\n\n[materials.b]\nT_IMT = "350 K"\nT_MIT = "355 K"\n[materials.b.insulator]\nresistivity = "1 ohm*m"\nthermal_conductivity = "1 W/(m*K)"\n[materials.b.metal]\nresistivity = "1e-3 ohm*m"\nthermal_conductivity = "1 W/(m*K)"\n\n[materials.bi2te3]').replace('name = "hot"\nmaterial = "copper"', 'name = "hot"\nmaterial = "a"').replace('name = "cold"\nmaterial = "copper"', 'name = "cold"\nmaterial = "b"'), "materials.b.T_MIT", "exceeds T_IMT = 350.0 K"),
}

here = pathlib.Path(__file__).parent
# Material tables (JSON) with one defect each, read through [material] table = "tables/…".
TABLE_SOURCE = here.parent.parent / "geometries" / "tables" / "ca2ruo4-like-dhm-u2.5.json"
MATERIAL_BLOCK = BASE[BASE.index("[material]"):BASE.index("[[electrode]]")]

def table_defects(text):
    return {
        "misspelt-top-key": (text.replace('"T_MIT_K"', '"T_MIT_k" : 300,\n  "T_MIT_K"', 1), "'T_MIT_k': is not a key of the table format"),
        "misspelt-phase-key": (text.replace('"seebeck_V_per_K"', '"seebek_V_per_K" : [1],\n    "seebeck_V_per_K"', 1), "'insulator.seebek_V_per_K': is not a key"),
        "missing-key": (text.replace('"T_MIT_K"', '"T_MIT_X"', 1), "'T_MIT_K': is missing"),
        "nul-byte": (text.replace('"format"', '"for\0mat"', 1), "NUL byte at line 4"),
        "truncated": (text[: len(text) // 2], "is not valid JSON"),
        "empty": ("", "is not valid JSON"),
        "wrong-type": (text.replace('"format_version" : 1', '"format_version" : "one"', 1).replace('"format_version": 1', '"format_version": "one"', 1), "wrong type"),
        "not-an-object": ("[1, 2, 3]", "(document)': has the wrong type (allowed: a JSON object"),
    }

(here / "tables").mkdir(exist_ok=True)
for old in (here / "tables").glob("*.json"):
    old.unlink()
for defect, (body, message) in table_defects(TABLE_SOURCE.read_text()).items():
    (here / "tables" / f"{defect}.json").write_bytes(body.encode())
    CASES[f"material-table-{defect}"] = (
        (lambda d: lambda t: t.replace(MATERIAL_BLOCK, f'[material]\ntable = "tables/{d}.json"\n\n'))(defect),
        "material.table", message)

for old in here.glob("*.toml"):
    old.unlink()
(here / "base-valid.toml.txt").write_text(BASE)
(here / "region-base-valid.toml.txt").write_text(REGION_BASE)
(here / "region-table-250-290K.csv").write_text(
    "temperature_K, resistivity_ohm_m, seebeck_V_per_K, thermal_conductivity_W_per_m_K\n"
    "250, 0.9e-5, 190e-6, 1.6\n290, 1.0e-5, 200e-6, 1.5\n")
for base, cases in [(BASE, CASES), (REGION_BASE, REGION_CASES)]:
    for name, (defect, key, message) in cases.items():
        text = defect(base)
        assert text != base, name
        (here / f"{name}.toml").write_text(f"# expect-key: {key}\n# expect: {message}\n{text}")
# Byte-level defects (written as bytes: the text cases above are UTF-8).
BYTE_CASES = {
    "nul-byte": (lambda b: b.replace(b'[material]', b'[material]\x00', 1), "line", "NUL byte"),
    "nul-byte-in-value": (lambda b: b.replace(b'"1 mm"', b'"1\x00 mm"', 1), "line", "NUL byte"),
    "not-utf8": (lambda b: b.replace(b'negative', b'neg\xff\xfeative', 1), "(file)", "not UTF-8"),
    "utf16-file": (lambda b: b.decode().encode("utf-16"), "(file)", "not UTF-8"),
}
for name, (defect, key, message) in BYTE_CASES.items():
    body = defect(BASE.encode())
    (here / f"{name}.toml").write_bytes(f"# expect-key: {key}\n# expect: {message}\n".encode() + body)
print(len(CASES) + len(REGION_CASES) + len(BYTE_CASES), "cases")
