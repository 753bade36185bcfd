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


def study_file(folder, name, replacements=(), study=None):
    """A copy of geometries/NAME in `folder` with text replacements and, when `study` is
    given, its [sweep] or [transient] table replaced by that text. Returns the path."""
    text = (ROOT / "geometries" / name).read_text()
    for old, new in replacements:
        assert old in text, f"{name} lacks {old!r}"
        text = text.replace(old, new)
    if study is not None:
        cut = min(i for i in (text.find("[sweep]"), text.find("[transient]")) if i >= 0)
        text = text[:cut] + study
    path = pathlib.Path(folder) / f"{pathlib.Path(name).stem}-{abs(hash((tuple(replacements), study))) % 10**8}.toml"
    path.write_text(text)
    return path


def slab_transient(current, end_time, cells=6, extra=""):
    """[transient] text: a constant current (A) on the PH slab until end_time (s)."""
    return (f'[transient]\nquantity = "current"\nwaveform = "constant"\nvalue = "{current} A"\n'
            f'end_time = "{end_time} s"\n{extra}')
