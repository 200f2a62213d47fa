"""The ``newsevents`` command line. Each command parses options, calls one library
function, and renders its result; anything a command does, ``import newsevents`` can do."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .config import Config, load_config
from .errors import NewsEventsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "newsevents turns news articles into political event data: who did or said what to "
        "whom, when, where, and according to whom.\n\n"
        "Typical use: `newsevents run examples/` (process into the DuckDB store), "
        "`newsevents extract article.html` (JSON Lines to stdout, no store), "
        "`newsevents serve` (browse the store)."
    ),
)
console = Console(stderr=True)
out = Console()

ConfigOpt = typer.Option(None, "--config", "-c", help="TOML file overriding config defaults.")
DbOpt = typer.Option(None, "--db", help="DuckDB store file (default: [store] path in config).")


def _config(path: Optional[Path], **overrides) -> Config:
    return load_config(path, **{k: v for k, v in overrides.items() if v})


def _db_path(db: Optional[Path], cfg: Config) -> Path:
    return Path(db) if db else Path(cfg["store"]["path"])


def _fail(error: Exception) -> None:
    # Plain text, never re-wrapped: users grep these messages for paths and codes.
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        out.print(f"newsevents {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _progress_bar():
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[stats]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _render_summary(summary, db: Path) -> None:
    table = Table(title=f"newsevents run → {db}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("articles stored", summary.stored),
        ("already done (skipped)", summary.skipped),
        ("rejected", sum(summary.rejected.values())),
        ("events", summary.events),
        ("distinct stories in store", summary.stories),
        ("quotes", summary.quotes),
        ("actor mentions", summary.mentions),
        ("time expressions", summary.timexes),
        ("articles / second", f"{summary.articles_per_second:.2f}"),
        ("elapsed", f"{summary.elapsed:.1f} s"),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    console.print(table)
    if summary.rejections:
        rejected = Table(title="rejected inputs (all are in ingest_log)")
        for col in ("source", "reason", "message"):
            rejected.add_column(col, overflow="fold")
        for r in summary.rejections:
            rejected.add_row(r.source, r.reason, r.message)
        console.print(rejected)


def _run_with_progress(work, db: Path, description: str):
    with _progress_bar() as bar:
        task = bar.add_task(description, total=None, stats="")

        def on_progress(summary) -> None:
            bar.update(
                task,
                completed=summary.stored,
                stats=(
                    f"{summary.stored} stored, {sum(summary.rejected.values())} rejected, "
                    f"{summary.events} events, {summary.articles_per_second:.1f} articles/s"
                ),
            )

        summary = work(on_progress)
    _render_summary(summary, db)
    return summary


@app.command()
def run(
    sources: list[str] = typer.Argument(
        ..., help="Files, directories (recursive), http(s) URLs, or - for stdin."
    ),
    db: Optional[Path] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    n_process: int = typer.Option(0, "--n-process", "-n", help="spaCy worker processes."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first rejected input."),
    force: bool = typer.Option(
        False, "--force", help="Re-process inputs this store has already finished."
    ),
    engine: str = typer.Option(
        "local", "--engine", "-e",
        help="local: process on this machine into the store. ray: process on Ray (needs "
        "newsevents[ray]) into Parquet shards in --out; load them with `newsevents import`.",
    ),
    out_dir: Optional[Path] = typer.Option(
        None, "--out", "-o", help="Folder for the Parquet shards of --engine ray (new or empty)."
    ),
    address: Optional[str] = typer.Option(
        None, "--address",
        help="Ray cluster to join with --engine ray (auto, ray://HOST:10001); default: "
        "start a local Ray.",
    ),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w",
        help="Pipeline workers for --engine ray, one model each (default: [scale] workers; "
        "0 = one per CPU).",
    ),
) -> None:
    """Ingest SOURCES, extract events and store everything in the DuckDB store.

    Re-running on the same inputs adds nothing; a killed run, started again, resumes.
    With --engine ray the articles are processed on Ray into Parquet shards instead, which
    `newsevents import DIR` loads into the store."""
    from .errors import ConfigError

    try:
        if engine not in ENGINES:
            raise ConfigError(f"[E815] Unknown --engine {engine!r}. Available: "
                              f"{', '.join(ENGINES)}")
        cfg = _config(config, nlp={"n_process": n_process} if n_process else None)
        if engine == "ray":
            _run_ray(sources, cfg, out_dir=out_dir, address=address, workers=workers,
                     strict=strict, force=force, db=db)
            return
        if out_dir or address or workers is not None:
            raise ConfigError("[E816] --out, --address and --workers belong to --engine ray")
        from .runner import run_sources
        from .store import Store

        path = _db_path(db, cfg)
        with Store(path, config=cfg) as store:
            _run_with_progress(
                lambda cb: run_sources(
                    sources, store, config=cfg, strict=strict, force=force, on_progress=cb
                ),
                path,
                "processing",
            )
    except NewsEventsError as e:
        _fail(e)


ENGINES = ("local", "ray")


def _run_ray(sources, cfg: Config, *, out_dir, address, workers, strict, force, db) -> None:
    from .errors import ConfigError
    from .scale import run_ray

    if out_dir is None:
        raise ConfigError("[E817] --engine ray writes Parquet shards: give --out DIR "
                          "(then `newsevents import DIR` loads them into the store)")
    if strict or force or db:
        raise ConfigError("[E818] --strict, --force and --db apply to the store: with "
                          "--engine ray give --db and --force to `newsevents import`")
    console.print(f"processing on Ray into {out_dir} ...")
    summary = run_ray(sources, out_dir, workers=workers, address=address, config=cfg)
    table = Table(title=f"newsevents run --engine ray → {out_dir}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in (
        ("articles processed", summary.articles),
        ("rejected", sum(summary.rejected.values())),
        ("events", summary.events),
        ("workers", summary.workers),
        ("shards", summary.shards),
        ("articles / second", f"{summary.articles_per_second:.2f}"),
        ("words / second", f"{summary.words_per_second:.0f}"),
        ("elapsed", f"{summary.elapsed:.1f} s"),
    ):
        table.add_row(name, str(value))
    for reason, count in sorted(summary.rejected.items()):
        table.add_row(f"  rejected: {reason}", str(count))
    console.print(table)
    console.print(f"load into the store with: newsevents import {out_dir}")


@app.command(name="import")
def import_(
    folder: Path = typer.Argument(..., help="The --out folder of `newsevents run --engine ray`."),
    db: Optional[Path] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    force: bool = typer.Option(
        False, "--force", help="Re-import sources this store has already finished."
    ),
) -> None:
    """Load the Parquet shards of a Ray run into the store.

    Duplicates are dropped and rejections logged as in a single-process run; importing the
    same shards again adds nothing."""
    from .scale import import_shards
    from .store import Store

    try:
        cfg = _config(config)
        path = _db_path(db, cfg)
        with Store(path, config=cfg) as store:
            _run_with_progress(
                lambda cb: import_shards(folder, store, config=cfg, force=force, on_progress=cb),
                path,
                "importing",
            )
    except NewsEventsError as e:
        _fail(e)


@app.command()
def extract(
    sources: list[str] = typer.Argument(..., help="Files, directories, URLs, or - for stdin."),
    output: Optional[Path] = typer.Option(
        None, "--out", "-o", help="Write JSON Lines here instead of stdout."
    ),
    config: Optional[Path] = ConfigOpt,
    strict: bool = typer.Option(False, "--strict", help="Stop at the first rejected input."),
) -> None:
    """Print one JSON object per article (the output contract), no store needed.

    Rejected inputs are reported on stderr."""
    from .ingest import read_inputs
    from .pipeline import process
    from .records import Article

    try:
        cfg = _config(config)
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
        rejected = 0

        def report(rejection) -> None:
            nonlocal rejected
            if strict:
                raise NewsEventsError(f"{rejection.source}: {rejection.reason}: {rejection.message}")
            rejected += 1
            console.print(f"[yellow]rejected[/] {rejection.source}: {rejection.reason}: {rejection.message}")

        def articles():
            for item in read_inputs(sources, config=cfg, strict=strict):
                if isinstance(item, Article):
                    yield item
                else:
                    report(item)

        try:
            for result in process(articles(), config=cfg, on_error=report):
                handle.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                handle.flush()
        finally:
            if output:
                handle.close()
    except NewsEventsError as e:
        _fail(e)


@app.command()
def watch(
    feeds: list[str] = typer.Argument(..., help="RSS or Atom feed URLs."),
    db: Optional[Path] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    polls: int = typer.Option(0, "--polls", help="Stop after this many rounds (0: forever)."),
) -> None:
    """Poll FEEDS, fetch new article pages politely (robots.txt, per-host delay, size cap)
    and process them into the store as they arrive. Already-seen URLs are not fetched again."""
    from .ingest import watch as watch_feeds
    from .runner import run as run_items
    from .store import Store

    try:
        cfg = _config(config)
        path = _db_path(db, cfg)
        with Store(path, config=cfg) as store:
            seen = store.seen_urls()
            items = watch_feeds(feeds, config=cfg, seen=seen, polls=polls or None)
            _run_with_progress(
                lambda cb: run_items(items, store, config=cfg, on_progress=cb), path, "watching"
            )
    except KeyboardInterrupt:
        console.print("stopped")
    except NewsEventsError as e:
        _fail(e)


@app.command()
def export(
    output: Path = typer.Argument(..., help="File to write."),
    db: Optional[Path] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    format: str = typer.Option("parquet", "--format", "-f", help="parquet, jsonl, csv or icews."),
    table: str = typer.Option(
        "events", "--table", "-t", help="events, articles, mentions, quotes, timexes, "
        "actors, ingest_log, or results (whole articles, jsonl only)."
    ),
) -> None:
    """Export a table of the store (default: events as Parquet)."""
    from .store import Store
    from .store import export as export_table

    try:
        cfg = _config(config)
        with Store(_db_path(db, cfg), read_only=True, config=cfg) as store:
            n = export_table(store, output, format=format, table=table)
        console.print(f"wrote {n} rows to {output}")
    except NewsEventsError as e:
        _fail(e)


@app.command()
def stats(db: Optional[Path] = DbOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Show what the store holds: counts per table, events by type, rejections by reason."""
    from .store import Store

    try:
        cfg = _config(config)
        path = _db_path(db, cfg)
        with Store(path, read_only=True, config=cfg) as store:
            data = store.stats()
    except NewsEventsError as e:
        _fail(e)
    for name, value in data.items():
        if isinstance(value, dict):
            table = Table(title=name)
            table.add_column(name)
            table.add_column("count", justify="right")
            for key, count in value.items():
                table.add_row(str(key), str(count))
            out.print(table)
        else:
            out.print(f"{name}: {value}")


@app.command()
def actors(
    unknown: bool = typer.Option(
        True, "--unknown/--no-unknown",
        help="List the most frequent names that no knowledge-base actor covers.",
    ),
    top: int = typer.Option(50, "--top", help="How many names to list."),
    db: Optional[Path] = DbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Curate the actor knowledge base: the most frequent unlinked names in the store,
    to add to a dictionary file named in [actors] extra."""
    from .actors import load_kb, unknown_names
    from .store import Store

    try:
        cfg = _config(config)
        kb = load_kb(tuple(cfg["actors"]["extra"]) or None)
        with Store(_db_path(db, cfg), read_only=True, config=cfg) as store:
            names = unknown_names(store.iter_mentions(unlinked=True), top, kb=kb)
    except NewsEventsError as e:
        _fail(e)
    table = Table(title=f"most frequent unlinked names (top {top})")
    table.add_column("name")
    table.add_column("mentions", justify="right")
    for name, count in names:
        table.add_row(name, str(count))
    out.print(table)


@app.command()
def serve(
    db: Optional[Path] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest",
        help="Enable POST /api/articles (needs --token); opens the store for writing.",
    ),
    token: Optional[str] = typer.Option(
        None, "--token", envvar="NEWSEVENTS_TOKEN",
        help="Bearer token that ingest clients must send (or set NEWSEVENTS_TOKEN).",
    ),
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Let URL ingest fetch private, loopback and link-local addresses.",
    ),
) -> None:
    """Serve the explorer (JSON API and pages) over the store at http://HOST:PORT/.

    Read-only by default. The store is opened read-only, so a `newsevents run` or `watch`
    writing the same file must finish first (or serve a copy of the file)."""
    try:
        import uvicorn

        from .api import create_app
    except ImportError as e:
        _fail(NewsEventsError(
            f"The explorer needs the web extra: pip install 'newsevents[web]' ({e})"))
    try:
        cfg = _config(config)
        path = _db_path(db, cfg)
        explorer = create_app(path, allow_ingest=allow_ingest, token=token,
                              allow_private_urls=allow_private_urls, config=cfg)
    except NewsEventsError as e:
        _fail(e)
    mode = "ingest enabled" if allow_ingest else "read-only"
    console.print(f"newsevents explorer on http://{host}:{port}/ ({path}, {mode}); "
                  "Ctrl-C stops")
    uvicorn.run(explorer, host=host, port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
