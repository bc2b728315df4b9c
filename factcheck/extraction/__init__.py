"""Mentions tagged in a sentence, and frames binding them to a pack's topics as claims."""
