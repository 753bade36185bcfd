"""Reads `fields.vtr` back with VTK's own XML reader (independent of the Swift writer) and
checks it against the CSV slices and summary.json written by the same run.

meshio cannot read RectilinearGrid (.vtr) files, so the reader is the `vtk` wheel from PyPI
(`pip install vtk pytest`); test_outputs.py reads `fields.vtu` with meshio and pyvista. The executable is $FILAMENT_BIN, or the more recently built of
.build/release/filament and .build/debug/filament.
"""
import csv
import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import vtk  # a missing reader must fail the run, not skip it (scripts/setup installs it)
from vtk.util.numpy_support import vtk_to_numpy

ROOT = pathlib.Path(__file__).resolve().parents[2]
CELLS = (9, 5, 4)  # odd ny: y = W/2 is a cell centre


def executable():
    if "FILAMENT_BIN" in os.environ:
        return os.environ["FILAMENT_BIN"]
    built = [p for p in (ROOT / ".build" / b / "filament" for b in ("release", "debug")) if p.exists()]
    if built:
        return str(max(built, key=lambda p: p.stat().st_mtime))  # the most recent build
    pytest.fail("no filament executable: run `swift build` first or set FILAMENT_BIN")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("fields")
    geometry = ROOT / "geometries" / "ca2ruo4-fig2a-square.toml"
    cells = ",".join(map(str, CELLS))
    done = subprocess.run([executable(), "run", str(geometry), "--cells", cells, "--out", str(out), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    reader = vtk.vtkXMLRectilinearGridReader()
    reader.SetFileName(str(out / "fields.vtr"))
    reader.Update()
    grid = reader.GetOutput()
    with open(out / "summary.json") as f:
        summary = json.load(f)
    return out, grid, summary


def cell_array(grid, name):
    array = grid.GetCellData().GetArray(name)
    assert array is not None, f"missing cell array {name}"
    return vtk_to_numpy(array)


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], np.array(rows[1:], dtype=float)


def coordinates(grid):
    return [vtk_to_numpy(a) for a in (grid.GetXCoordinates(), grid.GetYCoordinates(), grid.GetZCoordinates())]


def test_grid_shape_and_arrays(run):
    _, grid, summary = run
    nx, ny, nz = CELLS
    assert grid.GetDimensions() == (nx + 1, ny + 1, nz + 1)
    assert summary["cells"] == list(CELLS)
    n = nx * ny * nz
    assert grid.GetNumberOfCells() == n
    for name in ["T [K]", "Phi [V]", "metal_fraction [1]", "|j| [A/m^2]",
                 "joule_heat_density [W/m^3]", "peltier_heat_density [W/m^3]"]:
        assert cell_array(grid, name).shape == (n,)
    assert grid.GetCellData().GetScalars().GetName() == "metal_fraction [1]", "the metal fraction is the active field"
    j = cell_array(grid, "j [A/m^2]")
    assert j.shape == (n, 3)
    np.testing.assert_allclose(np.linalg.norm(j, axis=1), cell_array(grid, "|j| [A/m^2]"), rtol=1e-12)
    phase = cell_array(grid, "phase [0=insulator,1=holds metal]")
    np.testing.assert_array_equal(phase, (cell_array(grid, "metal_fraction [1]") > 1e-9).astype(np.uint8))
    assert phase.sum() == summary["cells_with_metal"] > 0, "phase 1 marks the cells the summary counts as metallic"
    np.testing.assert_array_equal(cell_array(grid, "region [0=substrate,1=film]"), np.ones(n))
    x, y, z = coordinates(grid)
    assert x[0] == 0 and y[0] == 0 and z[0] == 0
    assert x[-1] == pytest.approx(1e-3) and y[-1] == pytest.approx(1e-3) and z[-1] == pytest.approx(2e-4)
    assert np.all(np.diff(x) > 0) and np.all(np.diff(y) > 0) and np.all(np.diff(z) > 0)


def test_summary_matches_fields(run):
    _, grid, summary = run
    x, y, z = coordinates(grid)
    nx, ny, nz = CELLS
    volume = np.einsum("k,j,i->kji", np.diff(z), np.diff(y), np.diff(x)).ravel()  # x fastest
    t = cell_array(grid, "T [K]")
    assert summary["T_max_K"] == pytest.approx(t.max(), rel=1e-14)
    assert summary["T_mean_K"] == pytest.approx((t * volume).sum() / volume.sum(), rel=1e-12)
    phi = cell_array(grid, "metal_fraction [1]")
    assert summary["metal_fraction"] == pytest.approx((phi * volume).sum() / volume.sum(), rel=1e-12, abs=1e-15)
    field = grid.GetFieldData()
    assert vtk_to_numpy(field.GetArray("current [A]"))[0] == pytest.approx(summary["current_A"], rel=1e-15)
    assert vtk_to_numpy(field.GetArray("voltage [V]"))[0] == pytest.approx(summary["voltage_V"], rel=1e-15)
    assert summary["converged"] is True
    assert summary["energy_balance_rel_error"] < 1e-8
    # Joule heat integrates to the electrical power minus the Peltier part.
    joule = (cell_array(grid, "joule_heat_density [W/m^3]") * volume).sum()
    peltier = (cell_array(grid, "peltier_heat_density [W/m^3]") * volume).sum()
    assert joule + peltier == pytest.approx(summary["heat_out_W"] + summary["lead_peltier_inflow_W"], rel=1e-6)


def test_xz_slice_matches_fields(run):
    out, grid, _ = run
    header, rows = read_csv(out / "slice_xz.csv")
    x, y, z = coordinates(grid)
    nx, ny, nz = CELLS
    assert rows.shape[0] == nx * nz
    xc, yc, zc = (x[1:] + x[:-1]) / 2, (y[1:] + y[:-1]) / 2, (z[1:] + z[:-1]) / 2
    j = ny // 2
    assert rows[0, 1] == pytest.approx(yc[j], rel=1e-12)  # y = W/2 is the middle cell's centre
    for name in ["T [K]", "Phi [V]", "metal_fraction [1]", "|j| [A/m^2]", "joule_heat_density [W/m^3]"]:
        values = cell_array(grid, name).reshape(nz, ny, nx)[:, j, :].ravel()
        np.testing.assert_allclose(rows[:, header.index(name)], values, rtol=1e-12, atol=1e-300, err_msg=name)
    jx = cell_array(grid, "j [A/m^2]")[:, 0].reshape(nz, ny, nx)[:, j, :].ravel()
    np.testing.assert_allclose(rows[:, header.index("j_x [A/m^2]")], jx, rtol=1e-12)
    np.testing.assert_allclose(rows[:, 0], np.tile(xc, nz), rtol=1e-12)
    np.testing.assert_allclose(rows[:, 2], np.repeat(zc, nx), rtol=1e-12)


def test_top_surface_matches_fields(run):
    out, grid, summary = run
    header, rows = read_csv(out / "surface_top.csv")
    x, y, z = coordinates(grid)
    nx, ny, nz = CELLS
    assert rows.shape[0] == nx * ny
    top = cell_array(grid, "T [K]").reshape(nz, ny, nx)[-1].ravel()
    np.testing.assert_allclose(rows[:, header.index("T [K] (top cell)")], top, rtol=1e-12)
    np.testing.assert_allclose(rows[:, 2], z[-1], rtol=1e-12)
    area = np.outer(np.diff(y), np.diff(x)).ravel()
    surface = rows[:, header.index("T_surface [K]")]
    assert summary["T_top_mean_K"] == pytest.approx((surface * area).sum() / area.sum(), rel=1e-12)
