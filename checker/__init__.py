"""reportlint: a linter for report documents (import package ``checker``)."""

__version__ = "0.1.0"
