"""Run the benchmarks (``make bench``): throughput and memory on the shared corpora."""
from __future__ import annotations

import sys

from .throughput import main

if __name__ == "__main__":
    args = sys.argv[1:]
    for corpus in ("cnn", "reuters"):
        print(f"== {corpus} ==", flush=True)
        main([*args, "--corpus", corpus])
