"""Runs the README's Python snippet (the first ```python block) on a fresh run, as a user would
paste it, and checks that it drew the temperature on the slice."""
import os
import re
import subprocess
import sys

import matplotlib.image
import numpy as np

from conftest import ROOT, filament


def test_readme_snippet_plots_t_on_a_slice(tmp_path):
    readme = (ROOT / "README.md").read_text()
    snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    assert 'run = "out/default"' in snippet
    filament("run", "--out", tmp_path / "out" / "default", "--quiet")
    script = tmp_path / "snippet.py"
    script.write_text(snippet)
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    image = matplotlib.image.imread(tmp_path / "T-slice.png")
    colours = np.unique((image[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 30, "a filled contour plot, not an empty figure"
