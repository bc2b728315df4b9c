import os
from pathlib import Path

import pytest
from hypothesis import settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fixture_event(monkeypatch):
    """Tests run the relative defaults (seeds/, claims/, reports/) on the frozen event in
    tests/fixtures/, so replacing the repository's own event leaves them green."""
    monkeypatch.chdir(FIXTURES)


@pytest.fixture(autouse=True)
def _state_home(monkeypatch, tmp_path_factory):
    """The cache's signing key (run/signing.py) is made under a temporary state directory, never in
    the home of whoever runs the tests; one per test process, as a user has one."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.getbasetemp() / "state"))


def pytest_configure(config):
    os.environ.setdefault("FACTCHECK_NO_PROGRESS", "1")


# Two shared cores make wall-clock deadlines flaky; the fuzz tests check behaviour, not speed.
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")
