"""Fault injection on the output folders of `filament run` (steady, [sweep] and [transient]): each
fault must end with either the complete new run or the untouched old one in the folder, never
a mix (docs/exit-codes.md, "Output folders").

- kill -9 at random moments of a run and of a sweep (25 trials each, tiny meshes);
- a full disk (a small tmpfs; skipped with a message where mounting is not allowed): refused
  before the solve when the free space is short of the estimate, and a write that fills the
  disk part-way leaves the old run;
- a read-only file system (a read-only tmpfs, likewise);
- two concurrent runs into one folder: the second is refused at once, the first completes.

Two inputs that differ in their drive (5 mA and 6 mA; sweep peaks 0.05 A and 0.06 A) make
the runs distinguishable: every file of the folder must come from one and the same run.
"""
import hashlib
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import time

import pytest

from conftest import filament_executable, slab_transient, study_file

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = (ROOT / "tests" / "malformed" / "base-valid.toml.txt").read_text()
TRIALS = 25
TIME_LIMIT = 120


def run(args, cwd, timeout=TIME_LIMIT):
    return subprocess.run([filament_executable()] + args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def fingerprint(folder):
    """Hashes of every file but summary.json (it holds the wall time) plus the input hash the
    summary names; None for a missing folder."""
    if not folder.exists():
        return None
    files = {}
    for p in sorted(q for q in folder.rglob("*") if q.is_file()):  # series live in subfolders
        name = str(p.relative_to(folder))
        if p.name == "summary.json":
            files[name] = json.loads(p.read_text())["input_sha256"]
        else:
            files[name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return files


def staging_left(parent):
    """Staging folders of runs that are no longer running."""
    return [p.name for p in parent.iterdir() if ".partial-" in p.name or ".old-" in p.name]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("inputs")
    a, b = d / "a.toml", d / "b.toml"
    a.write_text(BASE)
    b.write_text(BASE.replace('current = "5 mA"', 'current = "6 mA"'))
    return a, b


def kill_trials(tmp_path, commands, references):
    """Runs `commands` alternately into one folder, killing each at a random moment (uniform
    over 2 × its undisturbed duration); after each the folder must equal one reference."""
    out = tmp_path / "out"
    shutil.copytree(references[0][1], out, symlinks=True)
    rng = random.Random(2025)
    outcomes = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        k = (trial + 1) % 2
        args = [a.replace("{out}", str(out)) for a in commands[k]]
        before = fingerprint(out)
        process = subprocess.Popen([filament_executable()] + args, cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, 2.0 * references[k][2]))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=TIME_LIMIT)
        after = fingerprint(out)
        expected = fingerprint(references[k][1])
        assert after in (before, expected), f"trial {trial}: the folder is a mix: {after}"
        outcomes["new" if after == expected and after != before else "old"] += 1
    # the next run clears what the killed ones left and completes
    done = run([a.replace("{out}", str(out)) for a in commands[0]], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert fingerprint(out) == fingerprint(references[0][1])
    assert staging_left(out.parent) == []
    return outcomes


def reference(tmp_path, args, name):
    folder = tmp_path / name
    started = time.monotonic()
    done = run([a.replace("{out}", str(folder)) for a in args], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return args, folder, time.monotonic() - started


def test_kill_during_run(tmp_path, inputs):
    commands = [["run", str(f), "--cells", "16,6,4", "--out", "{out}", "--quiet"] for f in inputs]
    refs = [reference(tmp_path, c, f"ref{k}") for k, c in enumerate(commands)]
    outcomes = kill_trials(tmp_path, [c for c, _, _ in refs], refs)
    print(f"run: {outcomes} over {TRIALS} kills")


def test_kill_during_sweep(tmp_path):
    files = [study_file(tmp_path, "ph-slab-sweep.toml", [("z = { cells = 100 }", "z = { cells = 8 }"), ("steps = 100 ", "steps = 4 "),
                                                         ('peak = "32.863353 mA"', f'peak = "{peak} A"')])
             for peak in ("0.05", "0.06")]
    commands = [["run", str(f), "--out", "{out}", "--quiet"] for f in files]
    refs = [reference(tmp_path, c, f"ref{k}") for k, c in enumerate(commands)]
    assert fingerprint(refs[0][1]) != fingerprint(refs[1][1])
    outcomes = kill_trials(tmp_path, [c for c, _, _ in refs], refs)
    print(f"sweep: {outcomes} over {TRIALS} kills")


def mount_tmpfs(path, options):
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}); the full-disk and read-only tests need it")


@pytest.fixture
def tmpfs(tmp_path):
    mounted = []

    def make(name, options):
        path = tmp_path / name
        mount_tmpfs(path, options)
        mounted.append(path)
        return path
    yield make
    for path in mounted:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_full_disk_is_refused_before_the_solve_and_keeps_the_old_run(tmp_path, tmpfs, inputs):
    disk = tmpfs("disk", "size=256k")
    out = disk / "run"
    first = run(["run", str(inputs[0]), "--out", str(out), "--quiet"], cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    old = fingerprint(out)
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - 40_000))
    started = time.monotonic()
    second = run(["run", str(inputs[1]), "--out", str(out), "--quiet"], cwd=tmp_path)
    assert second.returncode == 4, second.stderr
    assert "MB free" in second.stderr and str(out) in second.stderr, second.stderr
    assert time.monotonic() - started < 10
    assert fingerprint(out) == old
    assert staging_left(disk) == []


def test_disk_filling_during_the_write_keeps_the_old_run(tmp_path, tmpfs):
    disk = tmpfs("disk", "size=3m")
    out = disk / "transient"
    def args(end):
        pulse = study_file(tmp_path, "ph-slab-pulse.toml", [("z = { cells = 50 }", "z = { cells = 100 }")],
                           study=slab_transient(0.05, end, extra='snapshot_every = 1\n'))
        return ["run", str(pulse), "--out", str(out), "--quiet"]
    first = run(args(0.01), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    old = fingerprint(out)
    # several MB of snapshots (about 30 kB each): passes the size estimate, then fills the disk
    second = run(args(60), cwd=tmp_path)
    assert second.returncode == 4, second.stderr
    assert "the disk is full" in second.stderr, second.stderr
    assert fingerprint(out) == old
    assert staging_left(disk) == []


def test_read_only_file_system(tmp_path, tmpfs, inputs):
    disk = tmpfs("readonly", "size=64k,ro")
    done = run(["run", str(inputs[0]), "--out", str(disk / "run"), "--quiet"], cwd=tmp_path)
    assert done.returncode == 4, done.stderr
    assert "read-only" in done.stderr and str(disk) in done.stderr, done.stderr
    assert not (disk / "run").exists()


def test_two_concurrent_runs_into_one_folder(tmp_path, inputs):
    out = tmp_path / "out"
    slow = subprocess.Popen([filament_executable(), "run", str(inputs[0]), "--cells", "32,10,5", "--out", str(out), "--quiet"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / ".out.lock"
    deadline = time.monotonic() + 30
    while not any(".partial-" in p.name for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    second = run(["run", str(inputs[1]), "--out", str(out), "--quiet"], cwd=tmp_path)
    first_out, first_err = slow.communicate(timeout=TIME_LIMIT)
    if slow.returncode == 0 and second.returncode == 0:
        pytest.fail("both runs wrote the folder")
    assert slow.returncode == 0, first_err
    assert second.returncode == 4, second.stderr
    assert "another filament run is writing this folder" in second.stderr, second.stderr
    assert lock.exists()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["input_sha256"] == hashlib.sha256(inputs[0].read_bytes()).hexdigest()
    assert staging_left(tmp_path) == []


def test_interrupted_transient_keeps_its_completed_steps(tmp_path):
    out = tmp_path / "out"
    pulse = study_file(tmp_path, "ph-slab-pulse.toml", [("z = { cells = 50 }", "z = { cells = 20 }")],
                       study=slab_transient(0.05, 1e4, extra='max_step = "1 s"\nsnapshot_every = 0\n'))
    process = subprocess.Popen([filament_executable(), "run", str(pulse), "--out", str(out)],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stderr.readline()  # the first progress line: the run is under way
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=TIME_LIMIT)
    assert process.returncode == 3, err
    assert "interrupted" in err, err
    status = json.loads((out / "status.json").read_text())
    assert status["status"] == "incomplete" and status["completed_steps"] > 0
    rows = (out / "timeseries.csv").read_text().strip().split("\n")
    assert len(rows) == status["completed_steps"] + 1
