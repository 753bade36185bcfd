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
    "sweep-reserved": (lambda t: t + '\n[sweep]\ncurrent = ["1 mA", "10 mA"]\n', "[sweep]", "reserved"),
}

here = pathlib.Path(__file__).parent
for old in here.glob("*.toml"):
    old.unlink()
(here / "base-valid.toml.txt").write_text(BASE)
for name, (defect, key, message) in CASES.items():
    text = defect(BASE)
    assert text != BASE, name
    (here / f"{name}.toml").write_text(f"# expect-key: {key}\n# expect: {message}\n{text}")
print(len(CASES), "cases")
