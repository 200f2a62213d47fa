"""Scorers that compare newsevents output with the gold sets in ../shared/data.

Each module exposes ``run(shared: Path, **options) -> dict`` returning its figures, and can
be run alone (``python -m eval.<module> --shared ../shared``); ``python -m eval`` runs all.
"""
