"""sitrep: news text about wars and geopolitics -> validated event warehouse."""

__version__ = "0.1.0"
