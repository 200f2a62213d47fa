"""Run every scorer against ../shared/data and print their figures (``make eval``)."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

#: scorer module -> keyword sets to run it with (one line of output each).
SCORERS: dict[str, list[dict]] = {
    "eval.extraction": [{}],
    "eval.timeml": [{"corpus": "platinum"}, {"corpus": "meantime"}],
    "eval.actors": [{}],
    "eval.quotes": [{"split": "test"}],
    "eval.events": [{}],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--only", help="comma-separated scorer modules, e.g. eval.timeml")
    args = parser.parse_args(argv)
    shared = args.shared.resolve()
    if not shared.is_dir():
        print(f"error: shared data folder {shared} not found (use --shared)", file=sys.stderr)
        return 2
    wanted = set(args.only.split(",")) if args.only else set(SCORERS)
    failures = 0
    for module_name, option_sets in SCORERS.items():
        if module_name not in wanted:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            print(f"{module_name}: not available ({e})")
            continue
        for options in option_sets:
            started = time.perf_counter()
            try:
                figures = module.run(shared, **options)
            except Exception as e:  # noqa: BLE001 - report and go on to the next scorer
                failures += 1
                print(f"{module_name} {options}: FAILED {type(e).__name__}: {e}")
                continue
            took = time.perf_counter() - started
            print(f"{module_name} {options} ({took:.0f} s): {json.dumps(figures, default=str)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
