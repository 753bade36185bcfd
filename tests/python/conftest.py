"""Shared by the Python tests: the `filament` executable under test and a runner for it."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def filament_executable():
    """$FILAMENT_BIN (set by scripts/test), or the newer of the release and debug builds."""
    if "FILAMENT_BIN" in os.environ:
        return os.environ["FILAMENT_BIN"]
    built = [p for p in (ROOT / ".build" / b / "filament" for b in ("release", "debug")) if p.exists()]
    if built:
        return str(max(built, key=lambda p: p.stat().st_mtime))
    pytest.fail("no filament executable: run `swift build` first or set FILAMENT_BIN")


def filament(*args, stderr_file=None, timeout=600):
    """Runs the executable; fails the test on a non-zero exit. Returns (stdout, stderr)."""
    command = [filament_executable(), *map(str, args)]
    if stderr_file is not None:
        with open(stderr_file, "w") as err:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=err, text=True, timeout=timeout)
        stderr = pathlib.Path(stderr_file).read_text()
    else:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        stderr = done.stderr
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{stderr}"
    return done.stdout, stderr
