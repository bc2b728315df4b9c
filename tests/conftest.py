import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch):
    """Tests use the repository's relative defaults (seeds/, claims/, reports/)."""
    monkeypatch.chdir(ROOT)


def pytest_configure(config):
    os.environ.setdefault("FACTCHECK_NO_PROGRESS", "1")
