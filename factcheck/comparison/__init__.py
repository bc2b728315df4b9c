"""Claims compared per topic by type, and reprints counted once."""
