"""factcheck: find where news sources disagree about the same event."""

__version__ = "0.2.0"
