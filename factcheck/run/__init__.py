"""Running the pipeline over a set of sources, with the per-source cache."""
