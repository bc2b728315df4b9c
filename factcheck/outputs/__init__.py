"""The report in its formats: markdown and JSON."""
