"""Defaults the command line shows in its help and the library applies. Imports nothing, so
`factcheck --version` and `--help` load none of the extraction code."""

DEFAULT_MAX_BYTES = 5_000_000  # a source file larger than this is refused (--max-bytes)
ACCEPTED_FILE = "accepted.yaml"  # the accepted conflicts, in the claims directory
