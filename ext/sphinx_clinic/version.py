"""The package's version, at the bottom so that every layer (feeds name it) may read it."""

__version__ = "0.1.0"
