"""Scale: the Ray Data runner and the import of its Parquet shards.

    from newsevents.scale import run_ray, import_shards
    summary = run_ray(["corpus/"], "shards/", workers=4)   # needs newsevents[ray]
    with Store("newsevents.duckdb") as store:
        import_shards("shards/", store)                    # needs no Ray

Importing this package does not import Ray; ``run_ray`` does, and raises NewsEventsError
naming the extra to install when it is missing.
"""
from __future__ import annotations

from .ray_runner import RaySummary, run_ray
from .shards import SHARD_SCHEMA, import_shards, plan_units, read_unit

__all__ = ["SHARD_SCHEMA", "RaySummary", "import_shards", "plan_units", "read_unit", "run_ray"]
