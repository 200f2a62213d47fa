"""Input readers: every format, every rejection reason, stable source keys.

All fixtures are written here (short articles about an invented town) into tmp_path; URLs are
served from a local HTTP server on 127.0.0.1.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.config import load_config
from newsevents.errors import InputError
from newsevents.ingest import read_inputs
from newsevents.ingest.readers import sniff, source_kind, split_front_matter
from newsevents.records import Article, Rejection
from tests.ingest.httpserver import LocalServer, Route, clear_proxies

BUS = ("The city council of Northbridge voted on Tuesday to expand the bus network after "
       "months of debate. Council members said that the new routes would connect the eastern "
       "districts with the hospital and the university.\n\nThe mayor told reporters that the "
       "plan was paid for by a regional grant and would not raise local taxes.")
BRIDGE = ("Engineers in Northbridge closed the old river bridge on Friday after inspectors "
          "found cracks in two of its supports. The regional transport office said that the "
          "bridge would stay closed for at least a month while repairs are planned.\n\nDrivers "
          "were told to use the ring road, which the police expect to be busy.")
FRENCH = ("Le conseil municipal de la ville a voté mardi pour étendre le réseau de bus après "
          "des mois de débat. Les membres du conseil ont dit que les nouvelles lignes "
          "relieraient les quartiers de l'est avec l'hôpital et l'université, et le maire a "
          "déclaré que le projet était financé par une subvention régionale.")


def page(title: str, body: str, *, date: str | None = "2021-08-14") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    meta = f'<meta property="article:published_time" content="{date}T10:00:00Z">' if date else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Northbridge Chronicle">{meta}</head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>'
            "<footer>Northbridge Chronicle</footer></body></html>").encode()


BUS_PAGE = page("Northbridge expands bus network", BUS)
BRIDGE_PAGE = page("River bridge closed", BRIDGE)
EMPTY_PAGE = b"<html><head><script>var x = 1;</script></head><body></body></html>"


def cfg(**ingest):
    return load_config(ingest=ingest) if ingest else load_config()


def read(sources, **kwargs) -> list[Article | Rejection]:
    kwargs.setdefault("config", cfg())
    return list(read_inputs([str(s) if isinstance(s, Path) else s for s in sources], **kwargs))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def summary(items) -> list[tuple[str, str, str]]:
    """(kind, source, reason or first words) of each item, for compact assertions."""
    return [("article", i.source, i.text.split("\n")[0][:30]) if isinstance(i, Article)
            else ("rejection", i.source, i.reason) for i in items]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    clear_proxies(monkeypatch)


# -- formats ----------------------------------------------------------------------------


def test_text_with_front_matter(tmp_path):
    path = write(tmp_path / "bus.txt", (
        "---\nid: bus-1\ntitle: Buses: a new plan for Northbridge\nurl: https://example.org/a\n"
        "outlet: 'Northbridge Chronicle'\npublished: 2021-08-14\nsection: Local\n"
        "note: written by the newsevents authors\n---\n\n" + BUS))
    [article] = read([path])
    assert isinstance(article, Article)
    assert (article.id, article.title, article.url, article.outlet, article.section) == (
        "bus-1", "Buses: a new plan for Northbridge", "https://example.org/a",
        "Northbridge Chronicle", "Local")
    assert (article.published, article.published_source) == ("2021-08-14", "given")
    assert article.source == str(path)
    assert "---" not in article.text and "written by" not in article.text
    assert article.text.startswith("Buses: a new plan for Northbridge\n\nThe city council")


@pytest.mark.parametrize(
    "text, meta, rest",
    [
        ("---\ntitle: A\n---\nbody", {"title": "A"}, "body"),
        ("---\ntitle: \"A: B\"\nunknown: x\n---\nbody", {"title": "A: B"}, "body"),
        ("\ufeff---\nid: 7\n---\n\nbody", {"id": "7"}, "body"),
        # not front matter: no closing fence, a line without a key, no opening fence
        ("---\ntitle: A\nbody", {}, "---\ntitle: A\nbody"),
        ("---\njust some words\n---\nbody", {}, "---\njust some words\n---\nbody"),
        ("title: A\n---\nbody", {}, "title: A\n---\nbody"),
        ("", {}, ""),
    ],
)
def test_split_front_matter(text, meta, rest):
    assert split_front_matter(text) == (meta, rest)


@pytest.mark.parametrize("sidecar", ["bus.meta.json", "bus.json", "meta.json"])
def test_sidecar_metadata(tmp_path, sidecar):
    write(tmp_path / "bus.txt", BUS)
    write(tmp_path / sidecar, json.dumps({"id": "bus-2", "title": "Buses", "pub_date": "2020-01-05",
                                          "url": "https://example.org/b", "outlet": "NC"}))
    items = read([tmp_path])  # the folder: the sidecar is metadata, not an input
    assert [(i.id, i.title, i.published, i.url, i.outlet) for i in items] == [
        ("bus-2", "Buses", "2020-01-05", "https://example.org/b", "NC")]
    [direct] = read([tmp_path / "bus.txt"])  # the file alone finds it too
    assert direct.id == "bus-2"


def test_folder_meta_json_needs_a_single_text_file(tmp_path):
    write(tmp_path / "bus.txt", BUS)
    write(tmp_path / "bridge.txt", BRIDGE)
    write(tmp_path / "meta.json", json.dumps({"id": "only-one", "text": BUS}))
    items = read([tmp_path])
    assert [i.id for i in items if isinstance(i, Article)].count("only-one") == 1  # meta.json
    assert {i.source for i in items} == {str(tmp_path / n) for n in ("bridge.txt", "bus.txt")} | {
        f"{tmp_path / 'meta.json'}#L1"}  # ... read as an input of its own, not as a sidecar


def test_front_matter_beats_sidecar(tmp_path):
    write(tmp_path / "bus.txt", "---\ntitle: From the file\n---\n" + BUS)
    write(tmp_path / "bus.meta.json", json.dumps({"id": "s", "title": "From the sidecar"}))
    [article] = read([tmp_path / "bus.txt"])
    assert (article.id, article.title) == ("s", "From the file")


def test_html_file(tmp_path):
    path = write(tmp_path / "bus.html", BUS_PAGE)
    [article] = read([path])
    assert article.title == "Northbridge expands bus network"
    assert article.outlet == "Northbridge Chronicle"
    assert article.published == "2021-08-14"
    assert "eastern districts" in article.text and "Home" not in article.text
    assert article.source == str(path)


def test_html_sidecar_overrides_page(tmp_path):
    write(tmp_path / "bus.htm", BUS_PAGE)
    write(tmp_path / "bus.meta.json", json.dumps(
        {"id": "b", "outlet": "Given outlet", "published": "2021-08-10"}))
    [article] = read([tmp_path])
    assert (article.id, article.outlet, article.published, article.published_source) == (
        "b", "Given outlet", "2021-08-10", "given")


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_fields_and_aliases(tmp_path):
    path = write(tmp_path / "a.jsonl", jsonl(
        {"id": "one", "text": BUS, "url": "https://example.org/1", "title": "Buses",
         "outlet": "NC", "published": "2021-08-14", "section": "Local"},
        "",  # blank lines are skipped but still counted
        {"id": 2, "body": BRIDGE, "pub_date": "1987-02-26T15:01:01"},
        {"id": "three", "body": BUS, "date": "2004-05-06", "category": "business", "extra": [1]},
        {"id": "four", "html": BRIDGE_PAGE.decode(), "url": "https://example.org/4"},
    ))
    items = read([path])
    assert [(i.source, i.id, i.published, i.section) for i in items] == [
        (f"{path}#L1", "one", "2021-08-14", "Local"),
        (f"{path}#L3", "2", "1987-02-26", None),
        (f"{path}#L4", "three", "2004-05-06", "business"),
        (f"{path}#L5", "four", "2021-08-14", None),
    ]
    assert items[0].url == "https://example.org/1" and items[0].outlet == "NC"
    assert items[3].title == "River bridge closed" and items[3].url == "https://example.org/4"


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.ndjson.gz", "a.json.gz"])
def test_gzipped_jsonl(tmp_path, name):
    path = write(tmp_path / name, gzip.compress(jsonl({"id": "g", "text": BUS}).encode()))
    assert [(i.id, i.source) for i in read([path])] == [("g", f"{path}#L1")]


def test_gzipped_text(tmp_path):
    path = write(tmp_path / "bus.txt.gz", gzip.compress(BUS.encode()))
    [article] = read([path])
    assert isinstance(article, Article) and article.text == BUS


@pytest.mark.parametrize(
    "document, keys",
    [
        ({"id": "x", "text": BUS}, ["{p}"]),
        ([{"id": "x", "text": BUS}, {"id": "y", "text": BRIDGE}], ["{p}#0", "{p}#1"]),
    ],
)
def test_pretty_printed_json_document(tmp_path, document, keys):
    path = write(tmp_path / "doc.json", json.dumps(document, indent=2))
    assert [i.source for i in read([path]) if isinstance(i, Article)] == [
        k.format(p=path) for k in keys]


def warc_bytes(*, gzipped: bool, pages: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    info = {"software": "newsevents tests"}
    writer.write_record(writer.create_warcinfo_record("test.warc", info))

    def response(url, body, status="200 OK", ctype="text/html; charset=utf-8"):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers))

    writer.write_record(writer.create_warc_record(
        "https://example.org/bus", "request", payload=io.BytesIO(b"GET /bus HTTP/1.1\r\n\r\n")))
    if pages:
        response("https://example.org/bus", BUS_PAGE)
    response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), ctype="image/png")
    response("https://example.org/gone", b"<html>gone</html>", status="404 Not Found")
    if pages:
        response("https://example.org/bridge", BRIDGE_PAGE)
    return out.getvalue()


@pytest.mark.parametrize("name, gzipped", [("a.warc", False), ("a.warc.gz", True)])
def test_warc(tmp_path, name, gzipped):
    path = write(tmp_path / name, warc_bytes(gzipped=gzipped))
    items = read([path])
    assert [i.url for i in items] == ["https://example.org/bus", "https://example.org/bridge"]
    assert all(isinstance(i, Article) for i in items)
    offsets = [int(i.source.rsplit("@", 1)[1]) for i in items]
    assert all(i.source.startswith(f"{path}@") for i in items)
    assert 0 < offsets[0] < offsets[1] <= path.stat().st_size
    assert [i.source for i in read([path])] == [i.source for i in items]  # deterministic


def test_directory_recursion_sorted_hidden_skipped(tmp_path):
    write(tmp_path / "b.txt", BRIDGE)
    write(tmp_path / "a" / "z.txt", BUS)
    write(tmp_path / "a" / "deeper" / "page.html", BUS_PAGE)
    write(tmp_path / "c.jsonl", jsonl({"id": "c", "text": BUS}))
    write(tmp_path / ".hidden.txt", BUS)
    write(tmp_path / ".git" / "x.txt", BUS)
    assert [i.source for i in read([tmp_path])] == [
        str(tmp_path / "a" / "deeper" / "page.html"),
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c.jsonl") + "#L1",
    ]


@pytest.mark.parametrize(
    "content, name, expected",
    [
        (jsonl({"id": "x", "text": BUS}), "data", "jsonl"),
        ("  \n" + BUS_PAGE.decode(), "page", "html"),
        (BUS, "notes", "text"),
        (warc_bytes(gzipped=False), "crawl", "warc"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path, content, name, expected):
    data = content.encode() if isinstance(content, str) else content
    assert source_kind(name) is None and sniff(data[:8192]) == expected
    items = read([write(tmp_path / name, data)])
    assert items and all(isinstance(i, Article) for i in items)


def stdin_of(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize(
    "data, sources",
    [
        (BUS.encode(), ["<stdin>"]),
        (b"\n\n" + BUS_PAGE, ["<stdin>"]),
        (("\n" + jsonl({"id": "a", "text": BUS}, {"id": "b", "text": BRIDGE})).encode(),
         ["<stdin>#L2", "<stdin>#L3"]),
    ],
)
def test_stdin(monkeypatch, data, sources):
    stdin_of(monkeypatch, data)
    items = read(["-"])
    assert [i.source for i in items] == sources
    assert all(isinstance(i, Article) for i in items)


def test_stdin_as_text_stream_without_buffer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(BUS))
    [article] = read(["-"])
    assert article.text == BUS and article.source == "<stdin>"


def test_url_source():
    routes = {"/bus": Route(body=BUS_PAGE), "/private/x": Route(body=BUS_PAGE),
              "/robots.txt": Route(body=b"User-agent: *\nDisallow: /private/\n")}
    with LocalServer(routes) as server:
        items = read([server.url("/bus"), server.url("/private/x"), "ftp://127.0.0.1/x"],
                     config=load_config(fetch={"per_host_delay": 0.0}))
    assert summary(items) == [
        ("article", server.url("/bus"), "Northbridge expands bus networ"),
        ("rejection", server.url("/private/x"), "robots_disallowed"),
        ("rejection", "ftp://127.0.0.1/x", "bad_scheme"),
    ]
    assert items[0].url == server.url("/bus")


# -- bad input --------------------------------------------------------------------------

SMALL = 4000  # [ingest] max_bytes for these tests: the good articles are well under it

BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\t\n  ", "empty"),
    ("nul.txt", b"The council met.\x00\x00\x00\x01" * 10, "binary"),
    ("junk.html", bytes(range(1, 32)) * 20, "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ("big.txt", BUS.encode() * 20, "too_large"),
    ("big.html", BUS_PAGE * 10, "too_large"),
    ("latin.txt", bytes(range(0x80, 0x100)) * 3, "bad_encoding"),
    ("french.txt", FRENCH.encode(), "not_english"),
    ("short.txt", b"Council meets.", "too_short"),
    ("nothing.html", EMPTY_PAGE, "no_text"),
    ("text.warc", b"this is not a warc file\n" * 5, "bad_record"),
    ("random.warc.gz", gzip.compress(bytes(range(256)) * 8), "binary"),
    ("empty.warc", b"", "empty"),
    ("images.warc", warc_bytes(gzipped=False, pages=False), "no_text"),
    ("notgzip.jsonl.gz", b"plain text, not gzip\n", "unreadable"),
    ("junk.jsonl", b"\x00\x01\x02binary\n\x00\x03\n", "binary"),
]


@pytest.mark.parametrize("name, content, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_each_bad_file_is_one_rejection_between_good_ones(tmp_path, name, content, reason):
    good_before = write(tmp_path / "a_good.txt", BUS)
    bad = write(tmp_path / f"m_{name}", content)
    good_after = write(tmp_path / "z_good.txt", BRIDGE)
    items = read([tmp_path], config=cfg(max_bytes=SMALL))
    assert summary(items) == [
        ("article", str(good_before), BUS[:30]),
        ("rejection", str(bad), reason),
        ("article", str(good_after), BRIDGE[:30]),
    ]
    assert items[1].message  # says what was wrong


def test_gzip_bomb_is_too_large(tmp_path):
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * (SMALL * 50)))
    assert summary(read([path], config=cfg(max_bytes=SMALL))) == [
        ("rejection", str(path), "too_large")]


BAD_LINES = [
    ("{not json", "bad_json"),
    ('{"id": "x", "text": "unterminated', "bad_json"),
    ("[1, 2, 3]", "bad_record"),
    ('"just a string"', "bad_record"),
    ('{"id": "x", "title": "no text at all"}', "bad_record"),
    ('{"id": "x", "text": 42}', "bad_record"),
    ('{"id": "x", "text": "' + "ok " * 30 + '", "title": ["a"]}', "bad_record"),
    ('{"id": [1], "text": "x"}', "bad_record"),
    ('{"id": "x", "text": ""}', "empty"),
    ('{"id": "x", "text": "Too short."}', "too_short"),
    (json.dumps({"id": "x", "text": FRENCH}), "not_english"),
    (json.dumps({"id": "x", "html": EMPTY_PAGE.decode()}), "no_text"),
    ('{"id": "x", "text": "' + "long " * 1000 + '"}', "too_large"),
]


@pytest.mark.parametrize("line, reason", BAD_LINES)
def test_each_bad_line_is_one_rejection_between_good_ones(tmp_path, line, reason):
    path = write(tmp_path / "a.jsonl", jsonl({"id": "first", "text": BUS}, line,
                                             {"id": "last", "text": BRIDGE}))
    items = read([path], config=cfg(max_bytes=SMALL))
    assert summary(items) == [
        ("article", f"{path}#L1", BUS[:30]),
        ("rejection", f"{path}#L2", reason),
        ("article", f"{path}#L3", BRIDGE[:30]),
    ]
    if reason == "bad_json":
        assert "line 2" in items[1].message


def test_bad_encoding_in_one_jsonl_line_is_decoded_not_rejected(tmp_path):
    line = json.dumps({"id": "latin", "text": BUS.replace("months", "mónths")},
                      ensure_ascii=False).encode("cp1252")
    path = write(tmp_path / "a.jsonl", line + b"\n")
    [article] = read([path])  # decoded by charset detection, however well it guesses
    assert isinstance(article, Article) and article.id == "latin"


def test_truncated_gzip_keeps_what_came_before(tmp_path):
    complete = gzip.compress(jsonl({"id": "1", "text": BUS}, {"id": "2", "text": BRIDGE}).encode())
    cut = gzip.compress(jsonl({"id": "3", "text": BUS}).encode())[:-12]
    path = write(tmp_path / "a.jsonl.gz", complete + cut)  # a second gzip member, truncated
    assert summary(read([path])) == [
        ("article", f"{path}#L1", BUS[:30]),
        ("article", f"{path}#L2", BRIDGE[:30]),
        ("rejection", f"{path}#L3", "unreadable"),
    ]


def test_missing_path_is_unreadable_and_named(tmp_path):
    missing = tmp_path / "nowhere" / "x.txt"
    good = write(tmp_path / "good.txt", BUS)
    items = read([missing, good])
    assert summary(items)[0] == ("rejection", str(missing), "unreadable")
    assert str(missing) in items[0].message
    assert isinstance(items[1], Article)


@pytest.mark.parametrize("locked_name", ["locked.txt", "locked_dir"])
def test_permission_denied_is_unreadable(tmp_path, monkeypatch, locked_name):
    # Simulated: tests may run as root, who reads files whatever their permissions.
    write(tmp_path / "a.txt", BUS)
    write(tmp_path / "locked_dir" / "inside.txt", BUS)
    write(tmp_path / "locked.txt", BUS)
    write(tmp_path / "z.txt", BRIDGE)
    locked = tmp_path / locked_name
    real_open, real_scandir = Path.open, os.scandir

    def path_open(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", path_open)
    monkeypatch.setattr(os, "scandir", scandir)
    items = read([tmp_path])
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert summary(rejected) == [("rejection", str(locked), "unreadable")]
    assert str(locked) in rejected[0].message and "Permission denied" in rejected[0].message
    assert {i.source for i in items if isinstance(i, Article)} >= {
        str(tmp_path / "a.txt"), str(tmp_path / "z.txt")}


def test_strict_raises_on_first_problem(tmp_path):
    write(tmp_path / "a.txt", BUS)
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", BRIDGE)
    seen = []
    with pytest.raises(InputError) as info:
        for item in read_inputs([str(tmp_path)], config=cfg(), strict=True):
            seen.append(item)
    assert info.value.reason == "empty" and info.value.source == str(tmp_path / "b.txt")
    assert [i.source for i in seen] == [str(tmp_path / "a.txt")]


def test_source_keys_and_ids_are_deterministic(tmp_path):
    write(tmp_path / "a.txt", BUS)
    write(tmp_path / "b.jsonl", jsonl({"text": BRIDGE}, {"text": BUS}, "{bad"))
    write(tmp_path / "c.warc.gz", warc_bytes(gzipped=True))
    first = [(i.source, i.id if isinstance(i, Article) else i.reason) for i in read([tmp_path])]
    second = [(i.source, i.id if isinstance(i, Article) else i.reason) for i in read([tmp_path])]
    assert first == second
    assert len({source for source, _ in first}) == len(first) == 6


# -- property-based: random bytes and records never raise -------------------------------

FAST = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def check_items(items) -> None:
    assert items, "every input gives at least one item"
    for item in items:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Rejection):
            # extract_error would mean a reader or extractor crashed on the input
            assert item.reason != "extract_error", item.message
            assert item.source and item.message


VALID_SAMPLES = [
    warc_bytes(gzipped=False), warc_bytes(gzipped=True), BUS_PAGE,
    jsonl({"id": "a", "text": BUS}, {"id": "b", "html": BRIDGE_PAGE.decode()}).encode(),
    gzip.compress(jsonl({"id": "a", "text": BUS}).encode()),
]
_bytes = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=1500).map(lambda text: text.encode("utf-8")),
    # valid inputs cut off anywhere: truncated downloads and archives
    st.sampled_from(VALID_SAMPLES).flatmap(
        lambda data: st.integers(0, len(data)).map(lambda n: data[:n])),
)


@FAST
@given(data=_bytes, ext=st.sampled_from(
    [".txt", ".html", ".jsonl", ".warc", ".json", ".warc.gz", ".jsonl.gz", ""]))
def test_random_bytes_never_raise(tmp_path, data, ext):
    path = write(tmp_path / f"random{ext}", data)
    check_items(read([path]))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8,
)
_field_values = st.one_of(st.none(), st.integers(), st.text(max_size=200), st.just(BUS),
                          st.just(BUS_PAGE.decode()), st.lists(st.integers(), max_size=2))
_records = st.dictionaries(
    st.sampled_from(["id", "text", "body", "html", "url", "title", "outlet", "published",
                     "pub_date", "date", "section"]),
    _field_values, max_size=6,
) | _json_values


@FAST
@given(records=st.lists(_records, min_size=1, max_size=4))
def test_random_json_records_never_raise(tmp_path, records):
    path = write(tmp_path / "records.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    items = read([path])
    check_items(items)
    assert {i.source for i in items} <= {f"{path}#L{n}" for n in range(1, len(records) + 1)}
