"""ParaView's own Python (pvpython) opens every kind of output — fields.vtr, fields.vtu and the
ramp, sweep and transient series — thresholds on the metal fraction, slices, and writes a PNG
that must show a picture (many colours, not a blank view). Skipped, with a message, where
pvpython is missing (scripts/setup installs Debian's paraview); run under xvfb-run where there
is no display."""
import os
import pathlib
import shutil
import subprocess

import matplotlib.image
import numpy as np
import pytest

from conftest import ROOT, filament, slab_transient, study_file

PVPYTHON = shutil.which("pvpython")


@pytest.mark.skipif(PVPYTHON is None, reason="pvpython not installed (Debian: apt-get install paraview python3-paraview)")
def test_paraview_opens_every_output_and_renders_the_film(tmp_path):
    run, sweep, transient = tmp_path / "run", tmp_path / "sweep", tmp_path / "transient"
    filament("run", ROOT / "geometries" / "ca2ruo4-fig2a-square.toml", "--out", run, "--quiet")
    slab = study_file(tmp_path, "ph-slab-sweep.toml", [("z = { cells = 100 }", "z = { cells = 8 }"),
                                                       ("steps = 100 ", "steps = 4 \nsnapshot_every = 4 ")])
    filament("run", slab, "--out", sweep, "--quiet")
    pulse = study_file(tmp_path, "ph-slab-pulse.toml", [("z = { cells = 50 }", "z = { cells = 6 }")],
                       study=slab_transient(0.02, 0.02, extra="snapshot_every = 4\n"))
    filament("run", pulse, "--out", transient, "--quiet")
    png = tmp_path / "fig2a.png"
    command = [PVPYTHON, str(ROOT / "tests" / "python" / "paraview_checks.py"), str(run), str(sweep), str(transient), str(png)]
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        command = ["xvfb-run", "-a", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "paraview checks passed" in done.stdout, done.stdout + done.stderr
    image = matplotlib.image.imread(png)
    assert image.shape[:2] == (500, 800)
    colours = np.unique((image[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 50, "a rendered scene, not a blank view"
    assert image[..., :3].std() > 0.05
    if os.environ.get("FILAMENT_UPDATE_FIGURES"):
        shutil.copy(png, ROOT / "docs" / "figures" / "paraview-fig2a.png")
