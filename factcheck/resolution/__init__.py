"""Claims made absolute: dates anchored to the source's reference date, values derived from others."""
