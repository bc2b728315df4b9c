"""Where the tests find their data: frozen fixtures, never the live seeds/, claims/ or reports/.

tests/fixtures/ holds one complete event (sources, pack, accepted conflicts and its committed
report), so a repository that replaces seeds/, claims/ and reports/ with another event keeps a
green test suite. The tool's own material (docs/, examples/) is read from the repository.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
