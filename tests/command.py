"""factcheck run as a user runs it: a fresh process, outside GitHub Actions unless a test says so."""

import os
import subprocess
import sys


def clean_env(**extra) -> dict:
    """The environment without the runner's GITHUB_* variables, plus `extra`."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    out.update(extra)
    return out


def factcheck(cwd, *args, env=None, timeout=180) -> subprocess.CompletedProcess:
    """`python -m factcheck ARGS` in `cwd`; output decoded strictly as UTF-8 (a raw byte of a file
    name printed unescaped fails here), and never a traceback."""
    p = subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True,
                       env=env if env is not None else clean_env(), timeout=timeout)
    out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    assert "Traceback" not in out + err, err
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)
