"""Language knowledge, no event knowledge: word lists, text folding, dates, counts, datelines."""
