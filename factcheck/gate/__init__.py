"""The CI gate: accepted conflicts, the check's outcome and its GitHub annotations."""
