"""Shared by the Python tests: the `filament` executable under test."""
import os
import pathlib

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
