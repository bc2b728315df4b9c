"""Event packs: their schema, loading and the gazetteer of names they define."""
