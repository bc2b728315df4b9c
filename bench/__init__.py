"""Benchmark for factcheck: a synthetic corpus built from seeds/ and end-to-end measurements.

`python -m bench` prints the table; `python -m bench.corpus N DIR` only writes a corpus.
"""
