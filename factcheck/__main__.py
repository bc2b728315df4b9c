"""`python -m factcheck`: the same command line as the `factcheck` script."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
