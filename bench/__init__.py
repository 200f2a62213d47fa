"""Throughput and memory benchmarks (``python -m bench --shared ../shared``)."""
