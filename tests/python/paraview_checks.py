"""Run by pvpython from test_paraview.py: opens every kind of Filament output with ParaView's
own readers, checks the arrays, and renders the Fig. 2 film view.

    pvpython paraview_checks.py RUN SWEEP TRANSIENT PNG
"""
import json
import pathlib
import sys

from paraview import servermanager
from paraview.simple import OpenDataFile, PVDReader, UpdatePipeline

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "paraview"))
from fig2_film import film_view  # noqa: E402

run, sweep, transient, png = map(pathlib.Path, sys.argv[1:5])
NAMES = {"metal_fraction [1]", "phase [0=insulator,1=holds metal]", "region [0=substrate,1=film]", "T [K]",
         "Phi [V]", "j [A/m^2]", "|j| [A/m^2]", "joule_heat_density [W/m^3]", "peltier_heat_density [W/m^3]"}


def cell_arrays(source):
    info = source.GetCellDataInformation()
    return {info.GetArray(k).GetName() for k in range(info.GetNumberOfArrays())}


for path in (run / "fields.vtr", run / "fields.vtu"):
    reader = OpenDataFile(str(path))
    reader.UpdatePipeline()
    assert cell_arrays(reader) == NAMES, (path, cell_arrays(reader))
    metal_range = reader.GetCellDataInformation().GetArray("metal_fraction [1]").GetRange()
    assert metal_range[1] > 0, f"{path}: no metal"

for pvd, count in ((run / "ramp.pvd", None), (sweep / "points.pvd", None), (transient / "snapshots.pvd", None)):
    series = PVDReader(FileName=str(pvd))
    times = list(series.TimestepValues)
    assert times[0] == 0 and times == sorted(times), (pvd, times)
    for t in (times[0], times[-1]):
        UpdatePipeline(time=t, proxy=series)
        assert cell_arrays(series) == NAMES, (pvd, t)

summary = json.loads((run / "summary.json").read_text())
metal_cells, slice_cells = film_view(str(run), str(png), size=(800, 500))
assert metal_cells == summary["cells_with_metal"], (metal_cells, summary["cells_with_metal"])
assert slice_cells > 0
print(f"paraview checks passed: {metal_cells} metal cells, {slice_cells} slice cells")
