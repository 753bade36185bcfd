"""The outputs of every command as a Python user reads them: `fields.vtu` with meshio and
pyvista (checked against VTK's own reader of `fields.vtr`), the `.pvd` series of a ramp, a sweep
and a transient (t = 0 first), `summary.json` with its provenance, and the progress lines."""
import json
import re

import meshio
import numpy as np
import pytest
import pyvista as pv
import vtk
from vtk.util.numpy_support import vtk_to_numpy

from conftest import ROOT, filament, slab_transient, study_file

GEOMETRY = ROOT / "geometries" / "ca2ruo4-fig2a-square.toml"
CELLS = "9,5,4"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    filament("run", GEOMETRY, "--cells", CELLS, "--out", out, "--quiet")
    return out


def test_meshio_and_pyvista_read_the_same_arrays_as_vtk(run):
    reader = vtk.vtkXMLRectilinearGridReader()
    reader.SetFileName(str(run / "fields.vtr"))
    reader.Update()
    reference = reader.GetOutput().GetCellData()
    mesh = meshio.read(run / "fields.vtu")
    assert [block.type for block in mesh.cells] == ["hexahedron"]
    grid = pv.read(run / "fields.vtu")
    rectilinear = pv.read(run / "fields.vtr")
    assert grid.n_cells == rectilinear.n_cells == 9 * 5 * 4
    for k in range(reference.GetNumberOfArrays()):
        name = reference.GetArrayName(k)
        expected = vtk_to_numpy(reference.GetArray(k))
        np.testing.assert_array_equal(mesh.cell_data[name][0].reshape(expected.shape), expected, err_msg=name)
        np.testing.assert_array_equal(grid.cell_data[name], expected, err_msg=name)
    # The hexahedra are the cells of the rectilinear grid, in the same order.
    np.testing.assert_allclose(grid.cell_centers().points, rectilinear.cell_centers().points, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grid.volume, rectilinear.volume, rtol=1e-12)


def test_ramp_series_starts_at_zero_drive_and_ends_at_the_run(run):
    series = pv.PVDReader(run / "ramp.pvd")
    times = series.time_values
    assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
    series.set_active_time_value(0)
    first = series.read()[0]
    assert np.all(first.cell_data["metal_fraction [1]"] == 0)
    assert first.field_data["current [A]"][0] == 0
    series.set_active_time_value(1)
    last = series.read()[0]
    final = pv.read(run / "fields.vtu")
    np.testing.assert_array_equal(last.cell_data["T [K]"], final.cell_data["T [K]"])


def test_sweep_and_transient_write_series_and_summaries(tmp_path):
    sweep = tmp_path / "sweep"
    slab = study_file(tmp_path, "ph-slab-sweep.toml", [("z = { cells = 100 }", "z = { cells = 8 }"),
                                                       ("steps = 100 ", "steps = 6 \nsnapshot_every = 2 ")])
    filament("run", slab, "--out", sweep, "--quiet")
    summary = json.loads((sweep / "summary.json").read_text())
    assert summary["points"] >= 13 and summary["provenance"]["input_sha256"]
    points = pv.PVDReader(sweep / "points.pvd")
    assert points.time_values[0] == 0 and len(points.time_values) == summary["field_snapshots"]
    transient = tmp_path / "transient"
    pulse = study_file(tmp_path, "ph-slab-pulse.toml", [("z = { cells = 50 }", "z = { cells = 6 }")],
                       study=slab_transient(0.02, 0.05, extra="snapshot_every = 2\n"))
    filament("run", pulse, "--out", transient, "--quiet")
    summary = json.loads((transient / "summary.json").read_text())
    assert summary["accepted_steps"] > 0 and summary["energy_balance_rel_error"] < 1e-6
    snapshots = pv.PVDReader(transient / "snapshots.pvd")
    times = snapshots.time_values
    assert times[0] == 0 and times[-1] == pytest.approx(0.05) and len(times) == summary["snapshots"]
    for name in ("T [K]", "metal_fraction [1]"):
        assert name in snapshots.read()[0].cell_data


def test_summaries_differ_exactly_where_the_material_differs(tmp_path):
    text = GEOMETRY.read_text()
    changed = tmp_path / "changed.toml"
    changed.write_text(text.replace('seebeck = "2582 uV/K"', 'seebeck = "2500 uV/K"'))
    assert changed.read_text() != text
    summaries = []
    for name, geometry in (("a", GEOMETRY), ("b", changed)):
        filament("run", geometry, "--cells", "5,3,2", "--out", tmp_path / name, "--quiet")
        summaries.append(json.loads((tmp_path / name / "summary.json").read_text())["provenance"])
    a, b = summaries
    assert a["material"]["insulator"]["seebeckVoltPerKelvin"] == pytest.approx(2582e-6)
    assert b["material"]["insulator"]["seebeckVoltPerKelvin"] == pytest.approx(2500e-6)
    a["material"]["insulator"].pop("seebeckVoltPerKelvin")
    b["material"]["insulator"].pop("seebeckVoltPerKelvin")
    assert a["material"] == b["material"] and a["solver_settings"] == b["solver_settings"]
    assert a["input_sha256"] != b["input_sha256"]
    for p in summaries:
        assert p["version"] and p["command_line"][1] == "run"
        assert p["machine"]["cores"] >= 1 and "blas_threads" in p["machine"]
        assert p["wall_time_s"] > 0


STEP_LINE = re.compile(r"^\[ *\d{1,3}\.\d%\] .+ \| \d+(\.\d)? (s|min \d\d s)(, about \d+(\.\d)? (s|min \d\d s) left)?$")


def test_default_run_progress_is_short_and_in_the_pinned_format(tmp_path):
    stderr_file = tmp_path / "stderr.txt"
    _, stderr = filament("run", "--out", tmp_path / "default", stderr_file=stderr_file)
    lines = stderr.splitlines()
    assert 0 < len(lines) <= 20, stderr
    steps = [line for line in lines if line.startswith("[")]
    assert len(steps) >= 8, "one line per ramp step"
    for line in steps:
        assert STEP_LINE.match(line), line
    assert steps[-1].startswith("[100.0%]")
    assert "\r" not in stderr, "plain lines when stderr is a file"


def test_hf_lattice_sites_are_a_point_cloud_that_meshio_and_pyvista_read(tmp_path):
    out = tmp_path / "lattice"
    filament("hf", "lattice", "--cut", "11", "--length", "6", "--width", "4", "--gamma", "0.05",
             "--temperature", "0.3", "--field", "0.1", "--out", out, "--quiet")
    sites = np.genfromtxt(out / "sites.csv", delimiter=",", names=True, skip_header=1)
    mesh = meshio.read(out / "sites.vtu")
    assert [block.type for block in mesh.cells] == ["vertex"]
    np.testing.assert_allclose(mesh.points[:, 0], sites["x"], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(mesh.points[:, 1], sites["y"], rtol=1e-8, atol=1e-12)
    cloud = pv.read(out / "sites.vtu")
    assert cloud.n_cells == len(sites)
    np.testing.assert_allclose(cloud.cell_data["delta [t]"], sites["delta"], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(cloud.cell_data["current [t/hbar]"][:, 1], sites["jy"], rtol=1e-8, atol=1e-12)
