/// The built-in case of `filament run` without a file: PH Fig. 2a–b (Ca2RuO4 film, W = L,
/// h = 0.2 L, electrodes along y = W/2 on the top surface, ρ_I I²/(κ L² T0) = 0.2,
/// I ΔS/(κ L) = −0.2) on a 20×9×4 mesh (a few seconds in a release build): the same case as
/// geometries/ca2ruo4-fig2a-square.toml.
enum DefaultCase {
    static let name = "built-in default case (Ca2RuO4, PH Fig. 2a)"

    static let toml = """
# Built-in default case: PH Fig. 2a-b, as geometries/ca2ruo4-fig2a-square.toml.
title = "Ca2RuO4 film, W = L, PH Fig. 2a-b (built-in default, coarse mesh)"

[domain]
length = "1 mm"
width = "1 mm"
thickness = "0.2 mm"

[mesh]
x = { cells = 20, ratio = 1.04, toward = "both" }  # finer at both electrode ends
y = { cells = 9 }                                  # odd: y = W/2 is a cell centre
z = { cells = 4, ratio = 1.15, toward = "upper" }  # finer at the top surface

[material]
name = "Ca2RuO4 (PH)"
T_IMT = "360 K"
T_MIT = "360 K"
[material.insulator]
resistivity = "10 ohm*cm"
seebeck = "2582 uV/K"
thermal_conductivity = "1e-3 W/(cm*K)"
[material.metal]
resistivity = "1 ohm*cm"        # rho_M / rho_I = 0.1
seebeck = "0 uV/K"
thermal_conductivity = "1e-3 W/(cm*K)"

[[electrode]]
name = "negative"
face = "z_max"
shape = "line"
x = ["0 mm", "0.1 mm"]
y = "0.5 mm"
role = "ground"

[[electrode]]
name = "positive"
face = "z_max"
shape = "line"
x = ["0.9 mm", "1 mm"]
y = "0.5 mm"
current = "7.746 mA"

[[thermal]]
name = "substrate"
face = "z_min"
condition = "fixed_temperature"
temperature = "300 K"

[drive]
ramp_steps = 8   # quasi-static ramp: a direct solve from the all-insulating state can land on another branch
"""
}
