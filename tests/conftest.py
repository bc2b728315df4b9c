import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fixture_event(monkeypatch):
    """Tests run the relative defaults (seeds/, claims/, reports/) on the frozen event in
    tests/fixtures/, so replacing the repository's own event leaves them green."""
    monkeypatch.chdir(FIXTURES)


def pytest_configure(config):
    os.environ.setdefault("FACTCHECK_NO_PROGRESS", "1")
