"""Help for pack authors: rule examples, starter packs, sentence-by-sentence explanations."""
