"""The command line end to end: run, re-run, kill -9 and resume, extract, export, stats."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsevents.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TABLES = ("articles", "timexes", "mentions", "quotes", "events", "ingest_log", "sources_done")

# Sentences written for these tests; articles are random draws so no two are near-duplicates.
SENTENCES = [
    "The finance minister of Ghana met union leaders in Accra on Monday to discuss wages.",
    "Police in Lima arrested twelve people after a protest outside the congress building.",
    "Chile's president said the government would send a bill on pensions to parliament.",
    "Rebels in the north of Mali attacked a military convoy, the army said in a statement.",
    "Norway pledged new aid for refugees in Lebanon during a visit by its foreign minister.",
    "The opposition in Georgia called for fresh elections after weeks of street protests.",
    "Officials from India and Nepal signed an agreement to build a new power line.",
    "A court in Kenya suspended the deployment of police officers to Haiti last year.",
    "Thailand's election commission said the vote would take place in May.",
    "Farmers blocked roads across Poland to protest against grain imports.",
    "The central bank of Turkey raised interest rates for the third month in a row.",
    "Canada expelled a diplomat over claims of interference in its elections.",
    "Argentina's economy minister announced cuts to energy subsidies on Friday.",
    "The African Union suspended Niger after soldiers seized power in the capital.",
    "Hospital workers in Nigeria began a strike over unpaid salaries.",
    "Vietnam and the Philippines agreed to hold coast guard talks next month.",
    "A drone strike hit a fuel depot near the border, local officials said.",
    "Mexico's foreign ministry summoned the ambassador of Ecuador after the raid.",
    "Sweden's parliament approved a law that tightens rules for asylum seekers.",
    "Students in Serbia marched to the education ministry for the second day.",
    "Pakistan closed a border crossing with Afghanistan after clashes overnight.",
    "The mayor of Istanbul was detained on Wednesday, his party said.",
    "Egypt offered to host new talks between the warring parties in Sudan.",
    "South Africa's ruling party lost its majority for the first time since 1994.",
    "Japan lodged a protest after a ship entered waters it claims near the islands.",
    "Ethiopia and Somalia traded accusations over a port deal with Somaliland.",
    "The United Nations warned that funding for food aid would run out by June.",
    "Bolivia's army chief was arrested after troops surrounded the presidential palace.",
    "Hungary blocked a joint statement of European ministers on the conflict.",
    "Colombia's government resumed peace talks with a rebel group in Caracas.",
]


def _write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        body = " ".join(rng.sample(SENTENCES, 6))
        path = folder / f"story_{i:03d}.txt"
        path.write_text(
            f"---\ntitle: Test story {i}\npublished: 2024-0{1 + i % 9}-1{i % 10}\n---\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def _newsevents(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsevents.cli", *args],
        capture_output=True, text=True, cwd=REPO, timeout=600, **kw,
    )


def test_help_explains_every_command():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "extract", "watch", "export", "stats"):
        assert command in result.output


def test_run_examples_then_rerun_adds_no_rows(tmp_path):
    db = tmp_path / "ex.duckdb"
    first = _newsevents("run", str(EXAMPLES), "--db", str(db))
    assert first.returncode == 0, first.stderr
    counts = _counts(db)
    # 7 example files, one JSONL with 2 records: 8 inputs; 07-b is a syndicated copy of 02.
    assert counts["sources_done"] == 8
    assert counts["articles"] == 7
    assert counts["events"] > 0 and counts["mentions"] > 0
    second = _newsevents("run", str(EXAMPLES), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert _counts(db) == counts
    forced = _newsevents("run", str(EXAMPLES), "--db", str(db), "--force")
    assert forced.returncode == 0, forced.stderr
    assert _counts(db) == counts


def test_bad_inputs_are_logged_and_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write_corpus(folder, 3)
    (folder / "empty.txt").write_text("")
    (folder / "junk.html").write_bytes(bytes(range(256)) * 50)
    (folder / "broken.jsonl").write_text('{"id": "x", "text": "unterminated\n')
    db = tmp_path / "bad.duckdb"
    result = _newsevents("run", str(folder), "--db", str(db))
    assert result.returncode == 0, result.stderr
    counts = _counts(db)
    assert counts["articles"] == 3
    assert counts["ingest_log"] == 3
    strict = _newsevents("run", str(folder), "--db", str(tmp_path / "strict.duckdb"), "--strict")
    assert strict.returncode != 0
    assert "empty" in strict.stderr or "broken" in strict.stderr or "junk" in strict.stderr


# A run that reports each processed article on stdout, so the test can kill it mid-write.
# It is what `newsevents run` does (the CLI only adds the progress bar around run_sources).
_CHILD = """
import sys
from newsevents.config import load_config
from newsevents.runner import run_sources
from newsevents.store import Store

cfg = load_config(sys.argv[3])
with Store(sys.argv[2], config=cfg) as store:
    run_sources([sys.argv[1]], store, config=cfg,
                on_progress=lambda s: print(s.stored, flush=True))
"""


@pytest.mark.slow
def test_kill_minus_nine_five_times_then_resume_stores_each_article_once(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    n = 120
    _write_corpus(folder, n)
    db = tmp_path / "kill.duckdb"
    config = tmp_path / "small_batches.toml"
    config.write_text("[nlp]\nbatch_size = 4\n[store]\nbatch_size = 4\n")  # continuous writes
    cmd = [sys.executable, "-c", _CHILD, str(folder), str(db), str(config)]
    rng = random.Random(11)
    kills = mid_run = 0
    while kills < 5:
        remaining = n - (_counts(db)["sources_done"] if db.exists() else 0)
        target = rng.randint(1, max(1, remaining - 1))  # kill after this many more articles
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        for line in proc.stdout:
            if int(line) >= target:
                break
        time.sleep(rng.uniform(0.0, 0.5))
        if proc.poll() is not None:  # finished before the kill: nothing left to interrupt
            break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        kills += 1
        done = _counts(db)["sources_done"] if db.exists() else 0
        mid_run += 0 < done < n
    assert mid_run >= 1, "no kill landed while articles were being written"
    final = _newsevents("run", str(folder), "--db", str(db))
    assert final.returncode == 0, final.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        sources = con.execute("select source from sources_done").fetchall()
        assert len(sources) == n == len(set(sources))
        stored = con.execute("select count(*), count(distinct id) from articles").fetchone()
        rejected = con.execute("select count(*) from ingest_log").fetchone()[0]
        assert stored[0] == stored[1]
        assert stored[0] + rejected == n
        # no article is half-written: every stored article has its mentions
        orphans = con.execute(
            "select count(*) from articles a where not exists "
            "(select 1 from mentions m where m.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0


def test_extract_writes_valid_output_contract(tmp_path):
    from newsevents.schema import validate_result

    out = tmp_path / "out.jsonl"
    result = _newsevents("extract", str(EXAMPLES / "01_border_talks.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    validate_result(data)
    assert data["article"]["published"] == "2024-03-16"
    assert data["article"]["text"].startswith("Kenya and Somalia agree")


def test_extract_reads_stdin():
    text = "Officials in Ghana said on Monday that talks with unions would resume next week."
    result = _newsevents("extract", "-", input=text * 2)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["article"]["text"].startswith("Officials in Ghana")


def test_export_and_stats(tmp_path):
    db = tmp_path / "x.duckdb"
    assert _newsevents("run", str(EXAMPLES), "--db", str(db)).returncode == 0
    parquet = tmp_path / "events.parquet"
    exported = _newsevents("export", str(parquet), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == _counts(db)["events"]
    stats = _newsevents("stats", "--db", str(db))
    assert stats.returncode == 0 and "articles" in stats.stdout


def test_missing_input_is_a_clear_error(tmp_path):
    db = tmp_path / "m.duckdb"
    result = _newsevents("run", str(tmp_path / "nope.txt"), "--db", str(db))
    assert result.returncode == 0
    with duckdb.connect(str(db), read_only=True) as con:
        (reason, message) = con.execute("select reason, message from ingest_log").fetchone()
    assert reason == "unreadable" and "nope.txt" in message


def test_actors_unknown_lists_frequent_unlinked_names(tmp_path):
    from newsevents.records import ActorRef, Article, Mention, Result
    from newsevents.store import Store

    text = "The Zemblan Liberation Front attacked a post. The Zemblan Liberation Front fled."
    mentions = [
        Mention(4, 28, "Zemblan Liberation Front", "ORG", None),
        Mention(50, 74, "Zemblan Liberation Front", "ORG", None),
        Mention(0, 0, "Kenya", "GPE", ActorRef("KEN", "Kenya", "KEN", None)),  # linked
    ]
    db = tmp_path / "u.duckdb"
    with Store(db) as store:
        store.write(Result(article=Article(id="z", text=text, source="z"), mentions=mentions))
    result = CliRunner().invoke(app, ["actors", "--unknown", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Zemblan Liberation Front" in result.output and "2" in result.output
    assert "Kenya" not in result.output


@pytest.mark.slow
def test_ray_engine_then_import_equals_a_local_run(tmp_path):
    pytest.importorskip("ray.data", reason="needs Ray Data: pip install 'newsevents[ray]'")
    shards = tmp_path / "shards"
    ray_run = _newsevents("run", str(EXAMPLES), "--engine", "ray", "--workers", "1",
                          "--out", str(shards))
    assert ray_run.returncode == 0, ray_run.stderr
    imported, local = tmp_path / "imported.duckdb", tmp_path / "local.duckdb"
    first = _newsevents("import", str(shards), "--db", str(imported))
    assert first.returncode == 0, first.stderr
    assert _newsevents("run", str(EXAMPLES), "--db", str(local)).returncode == 0
    assert _counts(imported) == _counts(local)
    again = _newsevents("import", str(shards), "--db", str(imported))
    assert again.returncode == 0, again.stderr
    assert _counts(imported) == _counts(local)
    missing = _newsevents("import", str(tmp_path / "nope"), "--db", str(imported))
    assert missing.returncode == 2 and "nope" in missing.stderr
