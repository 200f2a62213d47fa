"""Run the benchmarks (``make bench``): pipeline throughput and memory on the shared
corpora, then the explorer API latency on a 100,000-event store."""
from __future__ import annotations

import sys

from . import api, throughput

if __name__ == "__main__":
    args = sys.argv[1:]
    for corpus in ("cnn", "reuters"):
        print(f"== pipeline throughput: {corpus} ==", flush=True)
        throughput.main([*args, "--corpus", corpus])
    print("== explorer API latency ==", flush=True)
    api.main([])
