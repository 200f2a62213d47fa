"""Ingest: readers, extraction, cleaning, dedup."""
