"""Input readers: every way an article comes in, turned into Articles or Rejections.

:func:`read_inputs` takes file paths, directories (recursive, sorted, hidden entries
skipped), ``"-"`` for stdin and http(s) URLs, and yields one :class:`~newsevents.Article`
per article or one :class:`~newsevents.Rejection` per input that is not one. Formats go by
extension and, when that says nothing, by sniffing the first bytes:

========================================  ==========================================
``.txt .text .md``                        plain text, optional ``---`` front matter
``.html .htm .xhtml``                     an HTML page (extracted by ``extract_html``)
``.jsonl .ndjson .json`` (also ``.gz``)   JSON Lines: one article object per line
``.warc .warc.gz``                        WARC: HTML response records
========================================  ==========================================

Every item carries ``source``, a stable key for where it came from, which the runner uses to
resume killed runs: the path for files, ``path#L12`` for line 12 of a JSON Lines file,
``path@1234`` for the WARC record at byte offset 1234, the URL for fetched pages, and
``<stdin>`` / ``<stdin>#L3`` for standard input.

Size limits: a single-article file larger than ``[ingest] max_bytes`` is rejected from its
size, before it is read; JSON Lines and WARC files are containers of many articles, so the
limit applies to each line or record instead (a 1 GB corpus file is fine, a 1 GB line is not).
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..config import Config, load_config
from ..errors import InputError
from ..records import Article, Rejection

if TYPE_CHECKING:
    from .fetch import Fetcher

log = logging.getLogger(__name__)

__all__ = ["read_inputs", "rejection_of", "sniff", "source_kind"]

Item = Article | Rejection

TEXT_EXTS = frozenset({".txt", ".text", ".md"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson", ".json"})
WARC_EXTS = frozenset({".warc"})
#: Files whose only text/HTML document picks up a ``meta.json`` in the same folder.
#: Markdown is left out: a folder's README.md should not stop its article from finding it.
SIDECAR_DOC_EXTS = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
FOLDER_META = "meta.json"
STDIN = "-"
STDIN_KEY = "<stdin>"

#: Record fields and the names they go by in the corpora we read (first one present wins).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "body"),
    "html": ("html",),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "outlet": ("outlet",),
    "published": ("published", "pub_date", "date"),
    "section": ("section", "category"),
}
META_FIELDS = ("id", "url", "title", "outlet", "published", "section")
FRONT_MATTER_KEYS = frozenset({*META_FIELDS, "note"})

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FRONT_MATTER_FENCE = "---"
_GZIP_MAGIC = b"\x1f\x8b"
_UTF_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16 LE, whose BOM it starts with
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters that do occur in text: tab, newline, vertical tab, form feed, return,
# and ESC (ISO-2022 encodings switch character sets with it).
_TEXT_CONTROLS = frozenset(b"\t\n\v\f\r\x1b")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"


def read_inputs(
    sources: Iterable[str | Path],
    *,
    config: Config | None = None,
    strict: bool = False,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Rejection]:
    """Read every source and yield its Articles and Rejections, in order, lazily.

    ``sources``: file paths, directories, ``"-"`` (stdin) or http(s) URLs (fetched with a
    :class:`~newsevents.ingest.fetch.Fetcher`, which may be passed as ``fetcher``; one is
    made and closed here otherwise). A URL that turns out to be an RSS/Atom feed gives the
    articles of its current entries. Bad input never raises: it becomes a Rejection with a
    reason (empty, binary, too_large, bad_encoding, bad_json, bad_record, not_english,
    no_text, too_short, unreadable, fetch_error, fetch_timeout, robots_disallowed,
    bad_scheme, extract_error). With ``strict=True`` the first one raises InputError instead.
    """
    reader = _Reader(config or load_config(), fetcher)
    try:
        for source in sources:
            for item in reader.read_source(source):
                if strict and isinstance(item, Rejection):
                    raise InputError(item.reason, item.message, item.source)
                yield item
    finally:
        reader.close()


def source_kind(name: str) -> str | None:
    """The format a file name says: "text", "html", "jsonl", "warc", or None (sniff it).
    A ``.gz`` ending is looked through: ``a.jsonl.gz`` is "jsonl"."""
    ext = os.path.splitext(name.lower().removesuffix(".gz"))[1]
    for kind, exts in (("text", TEXT_EXTS), ("html", HTML_EXTS), ("jsonl", JSONL_EXTS),
                       ("warc", WARC_EXTS)):
        if ext in exts:
            return kind
    return None


def sniff(head: bytes) -> str:
    """The format of a document from its first bytes (already decompressed): "warc" for
    ``WARC/``, "jsonl" when the first non-space character is ``{`` or ``[``, "html" for
    ``<``, else "text"."""
    if head.startswith(b"WARC/"):
        return "warc"
    for bom, codec in _UTF_BOMS:
        if head.startswith(bom):
            head = head.decode(codec, errors="ignore").encode("utf-8")
            break
    first = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n\f\v")[:1]
    return {"{": "jsonl", "[": "jsonl", "<": "html"}.get(first, "text")


# -- the reader -------------------------------------------------------------------------


@dataclass
class _Reader:
    config: Config
    fetcher: Fetcher | None = None
    own_fetcher: bool = False
    _seen_dirs: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.max_bytes = int(self.config["ingest"]["max_bytes"])
        self.sniff_bytes = int(self.config["readers"]["sniff_bytes"])
        self.max_control_ratio = float(self.config["readers"]["max_control_ratio"])

    def close(self) -> None:
        if self.own_fetcher and self.fetcher is not None:
            self.fetcher.close()

    # -- dispatch -------------------------------------------------------------------

    def read_source(self, source: str | Path) -> Iterator[Item]:
        if isinstance(source, str) and source == STDIN:
            yield from self._guard(STDIN_KEY, lambda: self.read_stdin())
        elif isinstance(source, str) and _URL.match(source):
            yield from self._guard(source, lambda: self.read_url(source))
        else:
            path = Path(source)
            yield from self._guard(str(path), lambda: self.read_path(path))

    def _guard(self, key: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
        """Run a reader; what it raises becomes a Rejection for ``key``, so one bad input
        never stops the rest."""
        try:
            yield from read()
        except InputError as e:
            yield rejection_of(e, e.source or key)
        except OSError as e:
            yield Rejection(key, "unreadable", f"[E321] Cannot read {key!r}: {_os_reason(e)}")
        except Exception as e:  # noqa: BLE001 - a reader/extractor bug must not stop a batch
            log.exception("reading %s failed", key)
            yield Rejection(key, "extract_error", f"[E322] Reading {key!r} failed: "
                            f"{type(e).__name__}: {e}")

    def read_path(self, path: Path) -> Iterator[Item]:
        key = str(path)
        if not os.path.lexists(path):
            raise InputError("unreadable", f"[E320] No such file or directory: {key!r}", key)
        if path.is_dir():
            yield from self.read_dir(path)
        else:
            yield from self.read_file(path)

    def read_dir(self, root: Path) -> Iterator[Item]:
        real = os.path.realpath(root)
        if real in self._seen_dirs:  # a symlink loop, or the same folder given twice below
            return
        self._seen_dirs.add(real)
        try:
            with os.scandir(root) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as e:
            yield Rejection(str(root), "unreadable",
                            f"[E321] Cannot read {str(root)!r}: {_os_reason(e)}")
            return
        visible = [e for e in entries if not e.name.startswith(".")]
        names = {e.name for e in visible}
        skip = _sidecars(names)
        for entry in visible:
            child = root / entry.name
            if entry.name in skip:
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.read_dir(child)
            else:
                yield from self._guard(str(child), lambda child=child: self.read_file(child))

    def read_file(self, path: Path) -> Iterator[Item]:
        key = str(path)
        kind = source_kind(path.name)
        gzipped = path.name.lower().endswith(".gz")
        if kind == "warc":  # warcio undoes gzip itself, record by record
            with path.open("rb") as handle:
                yield from self.read_warc(handle, key)
            return
        if kind == "jsonl":
            yield from self.read_jsonl_file(path, key, gzipped=gzipped)
            return
        size = path.stat().st_size
        if size > self.max_bytes:
            raise self._too_large(key, size)
        if size == 0:
            raise InputError("empty", f"[E323] {key!r} is an empty file", key)
        with path.open("rb") as raw:
            if raw.read(2) == _GZIP_MAGIC:
                gzipped = True
            raw.seek(0)
            if gzipped:
                try:
                    with gzip.GzipFile(fileobj=raw) as handle:
                        data = self._read_capped(handle, key)
                except (OSError, EOFError, zlib.error) as e:
                    raise InputError("unreadable", f"[E328] {key!r} is not a complete gzip "
                                     f"file: {type(e).__name__}: {e}", key) from e
            else:
                data = raw.read()
        if kind is None:
            kind = sniff(data[: self.sniff_bytes])
            if kind == "jsonl":
                yield from self.read_jsonl(io.BytesIO(data), key)
                return
            if kind == "warc":
                yield from self.read_warc(io.BytesIO(data), key)
                return
        meta = _sidecar_meta(path)
        if kind == "html":
            yield self.html_article(data, key, meta)
        else:
            yield self.text_article(data, key, meta)

    def read_stdin(self) -> Iterator[Item]:
        stream: IO[bytes] = getattr(sys.stdin, "buffer", None) or io.BytesIO(
            sys.stdin.read().encode("utf-8")
        )
        # Look at the first non-blank line only, so that JSON Lines keep streaming.
        skipped: list[bytes] = []
        first = b""
        while True:
            line = stream.readline(self.max_bytes + 1)
            if not line:
                break
            if line.strip():
                first = line
                break
            skipped.append(line)
        kind = sniff(first)
        if kind == "jsonl":
            yield from self.read_jsonl(
                _Chained(b"".join(skipped) + first, stream), STDIN_KEY
            )
            return
        head = b"".join(skipped) + first
        data = head + stream.read(max(0, self.max_bytes + 1 - len(head)))
        if len(data) > self.max_bytes:
            raise self._too_large(STDIN_KEY, None)
        if kind == "warc":
            yield from self.read_warc(io.BytesIO(data), STDIN_KEY)
        elif kind == "html":
            yield self.html_article(data, STDIN_KEY, {})
        else:
            yield self.text_article(data, STDIN_KEY, {})

    def read_url(self, url: str) -> Iterator[Item]:
        if self.fetcher is None:
            from .fetch import Fetcher

            self.fetcher = Fetcher(self.config)
            self.own_fetcher = True
        page = self.fetcher.get(url)
        media = page.content_type or ""
        if _is_feed(page.content[: self.sniff_bytes], media):
            # A feed given to `run`: its current entries, once (`watch` keeps polling).
            from .feeds import poll

            yield from poll(url, config=self.config, seen=set(), fetcher=self.fetcher,
                            page=page)
            return
        if media in ("text/plain", "text/markdown"):
            kind = "text"
        elif "html" in media:
            kind = "html"
        elif media in ("application/warc",):
            kind = "warc"
        elif media in ("application/x-ndjson", "application/jsonl", "application/json"):
            kind = "jsonl"
        else:
            kind = sniff(page.content[: self.sniff_bytes])
        if kind == "jsonl":
            yield from self.read_jsonl(io.BytesIO(page.content), url)
        elif kind == "warc":
            yield from self.read_warc(io.BytesIO(page.content), url)
        elif kind == "text":
            yield self.text_article(page.content, url, {"url": page.url})
        else:
            yield self.html_article(page.content, url, {}, url=page.url)

    # -- single documents -----------------------------------------------------------

    def text_article(self, data: bytes, key: str, meta: dict[str, str]) -> Item:
        """One plain-text article (front matter, if any, overrides ``meta``)."""
        try:
            text = self.decode(data, key)
            front, text = split_front_matter(text)
            fields = {**meta, **front}
            return _make_article(text, fields, key, self.config)
        except InputError as e:
            return rejection_of(e, key, (meta or {}).get("id"))

    def html_article(self, data: bytes | str, key: str, meta: dict[str, str], *,
                     url: str | None = None) -> Item:
        """One HTML page through ``extract_html``; ``meta`` (a sidecar or a JSON Lines
        record) fills in or overrides what the page says."""
        try:
            if isinstance(data, bytes):
                data = self.check_binary(data, key)
            return _extract_html(data, meta, key, self.config, url=url)
        except InputError as e:
            return rejection_of(e, key, meta.get("id"))

    def check_binary(self, data: bytes, key: str) -> bytes:
        """``data`` itself, or InputError "empty" / "binary" (NUL bytes, many control
        characters). Text in UTF-16/32 with a byte-order mark is re-encoded as UTF-8."""
        if not data.strip():
            raise InputError("empty", f"[E323] {key!r} has no content", key)
        for bom, codec in _UTF_BOMS:
            if data.startswith(bom):
                try:
                    return data.decode(codec).encode("utf-8")
                except UnicodeDecodeError as e:
                    raise InputError("bad_encoding", f"[E324] {key!r} starts with a {codec} "
                                     f"byte-order mark but is not {codec}: {e}", key) from e
        head = data[: self.sniff_bytes]
        if b"\x00" in head:
            raise InputError("binary", f"[E325] {key!r} contains NUL bytes: binary, not text",
                             key)
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if controls > self.max_control_ratio * len(head):
            raise InputError(
                "binary",
                f"[E325] {key!r} is binary, not text: {controls} of its first {len(head)} "
                f"bytes are control characters (limit {self.max_control_ratio:g}, "
                "[readers] max_control_ratio)",
                key,
            )
        return data

    def decode(self, data: bytes, key: str) -> str:
        """Text of ``data``: UTF-8 (with or without BOM), else the charset that
        charset_normalizer detects. Raises InputError "empty", "binary", "bad_encoding"."""
        data = self.check_binary(data, key)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(
                "bad_encoding",
                f"[E326] {key!r} is neither UTF-8 nor in any encoding charset_normalizer "
                "recognises",
                key,
            )
        log.debug("%s decoded as %s", key, best.encoding)
        return str(best)

    # -- containers -----------------------------------------------------------------

    def read_jsonl_file(self, path: Path, key: str, *, gzipped: bool) -> Iterator[Item]:
        if path.stat().st_size == 0:
            raise InputError("empty", f"[E323] {key!r} is an empty file", key)
        with path.open("rb") as raw:
            if raw.read(2) == _GZIP_MAGIC:
                gzipped = True
            raw.seek(0)
            if gzipped:
                with gzip.GzipFile(fileobj=raw) as handle:
                    yield from self.read_jsonl(handle, key, path=path)
            else:
                yield from self.read_jsonl(raw, key, path=path)

    def read_jsonl(self, stream: IO[bytes], key: str, *, path: Path | None = None
                   ) -> Iterator[Item]:
        """One item per non-blank line of ``stream``, read line by line (never the whole
        stream). A ``.json`` file holding one pretty-printed object or array is read as
        such when its first line is not JSON by itself."""
        number = 0
        any_line = False
        try:
            while True:
                line = stream.readline(self.max_bytes + 1)
                if not line:
                    break
                number += 1
                line_key = f"{key}#L{number}"
                if len(line) > self.max_bytes and not line.endswith(b"\n"):
                    _skip_line(stream, self.max_bytes)
                    yield Rejection(line_key, "too_large", f"[E327] Line {number} of {key!r} "
                                    f"is longer than {self.max_bytes} bytes ([ingest] max_bytes)")
                    continue
                if not line.strip():
                    continue
                if not any_line:
                    # Junk named .jsonl is one rejection, not one per "line" of it.
                    self.check_binary(line[: self.sniff_bytes], key)
                if not any_line and path is not None:
                    whole = self._json_document(line, path, key)
                    if whole is not None:
                        yield from whole
                        return
                any_line = True
                yield _safely(line_key, lambda line=line, k=line_key, n=number:
                              self.json_record(line, k, n))
        except (OSError, EOFError, zlib.error) as e:
            # gzip.BadGzipFile is an OSError; a truncated .gz raises EOFError.
            yield Rejection(f"{key}#L{number + 1}" if number else key, "unreadable",
                            f"[E328] {key!r} cannot be read past line {number}: "
                            f"{type(e).__name__}: {e}")
            return
        if not any_line and number:
            yield Rejection(key, "empty", f"[E323] {key!r} has only blank lines")

    def _json_document(self, first: bytes, path: Path, key: str) -> Iterator[Item] | None:
        """Items of a ``.json`` file that is one JSON document over several lines, or None
        when it is JSON Lines after all (its first line parses, or the whole does not)."""
        if not path.name.lower().endswith(".json") or first.lstrip()[:1] not in (b"{", b"["):
            return None
        try:
            json.loads(first)
            return None
        except ValueError:
            pass
        if path.stat().st_size > self.max_bytes:
            return None
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            return None
        if isinstance(document, dict):
            return iter([self.json_record(document, key, None)])
        if isinstance(document, list):
            return (self.json_record(item, f"{key}#{i}", None) for i, item in enumerate(document))
        return None

    def json_record(self, line: bytes | Any, key: str, number: int | None) -> Item:
        """The Article of one JSON record (raw line bytes or an already parsed value)."""
        where = f"line {number} of {key.rsplit('#', 1)[0]!r}" if number else repr(key)
        if isinstance(line, bytes):
            try:
                text = line.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    text = self.decode(line, key)
                except InputError as e:
                    return rejection_of(e, key)
            try:
                record = json.loads(text)
            except ValueError as e:
                return Rejection(key, "bad_json", f"[E329] {where} is not valid JSON: {e}")
        else:
            record = line
        if not isinstance(record, dict):
            return Rejection(key, "bad_record", f"[E330] {where} is a JSON "
                             f"{type(record).__name__}, not an object with 'text' or 'html'")
        try:
            fields = record_fields(record)
        except InputError as e:
            return Rejection(key, "bad_record", f"[E331] {where}: {e}")
        article_id = fields.get("id")
        if "text" in fields:
            try:
                return _make_article(fields.pop("text"), fields, key, self.config)
            except InputError as e:
                return rejection_of(e, key, article_id)
        if "html" in fields:
            return self.html_article(fields.pop("html"), key, fields)
        return Rejection(key, "bad_record", f"[E332] {where} has no text: give 'text' "
                         f"(or 'body') or 'html'; it has keys {sorted(record)}",
                         article_id=article_id)

    def read_warc(self, stream: IO[bytes], key: str) -> Iterator[Item]:
        """Articles of the HTML response (and resource) records of a WARC file, each keyed
        ``key@offset``. Other records (requests, metadata, images, CSS) are skipped."""
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        head = _peek(stream, self.sniff_bytes)
        if not head.strip():
            raise InputError("empty", f"[E323] {key!r} holds no WARC records", key)
        if not head.startswith(b"WARC/"):
            # warcio would read almost any text as old-style ARC records; we take WARC only.
            self.check_binary(head, key)
            raise InputError("bad_record", f"[E333] {key!r} is not a WARC file: it does not "
                             f"start with 'WARC/' but with {head[:20]!r}", key)
        records = ArchiveIterator(stream)
        count = html = 0
        try:
            for record in records:
                count += 1
                item = _safely(key, lambda r=record: self._warc_record(r, records, key))
                if item is not None:
                    html += 1
                    yield item
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as e:
            yield self._corrupt_warc(key, count, e)
            return
        except Exception as e:  # noqa: BLE001 - warcio raises AttributeError & co. on junk
            log.debug("warcio failed on %s", key, exc_info=True)
            yield self._corrupt_warc(key, count, e)
            return
        if html == 0:
            yield Rejection(key, "no_text", f"[E335] {key!r} holds {count} WARC records, none "
                            "of them a successful HTML response")

    def _corrupt_warc(self, key: str, count: int, e: Exception) -> Rejection:
        return Rejection(key, "unreadable", f"[E334] {key!r} is truncated or corrupt after "
                         f"{count} records: {type(e).__name__}: {e}")

    def _warc_record(self, record: Any, records: Any, key: str) -> Item | None:
        if record.rec_type == "response" and record.http_headers is not None:
            media = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode() or ""
        elif record.rec_type == "resource":
            media = record.rec_headers.get_header("Content-Type") or ""
            status = "200"
        else:
            return None
        if "html" not in media.lower() or not str(status).startswith("2"):
            return None
        url = record.rec_headers.get_header("WARC-Target-URI")
        length = record.length or 0
        content = b"" if length > self.max_bytes else record.content_stream().read(
            self.max_bytes + 1)
        offset = records.get_record_offset()  # known once the record has been read
        record_key = f"{key}@{offset}"
        if length > self.max_bytes or len(content) > self.max_bytes:
            return Rejection(record_key, "too_large", f"[E327] The WARC record for {url!r} "
                             f"is larger than {self.max_bytes} bytes ([ingest] max_bytes)")
        return self.html_article(content, record_key, {}, url=url)

    # -- helpers --------------------------------------------------------------------

    def _read_capped(self, handle: IO[bytes], key: str) -> bytes:
        data = handle.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise self._too_large(key, None)
        return data

    def _too_large(self, key: str, size: int | None) -> InputError:
        what = f"{size} bytes" if size is not None else f"more than {self.max_bytes} bytes"
        return InputError("too_large", f"[E327] {key!r} has {what}; the limit is "
                          f"{self.max_bytes} ([ingest] max_bytes)", key)


# -- records and metadata ---------------------------------------------------------------


def record_fields(record: dict[str, Any]) -> dict[str, str]:
    """The article fields of a JSON record under their canonical names (aliases resolved,
    first present alias wins; nulls dropped). Raises InputError "bad_record" on a value of
    the wrong type."""
    fields: dict[str, str] = {}
    for name, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            value = record.get(alias)
            if value is None:
                continue
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise InputError("bad_record", f"field {alias!r} must be a string, got "
                                 f"{type(value).__name__} {_short(value)}")
            fields[name] = value
            break
    return fields


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, rest) of a text that opens with a ``---`` line, ``key: value`` lines and
    a closing ``---`` line. Known keys (id, title, url, outlet, published, section, note)
    are kept, others ignored; without a well-formed block the text comes back untouched."""
    stripped = text.lstrip("\ufeff")
    lines = stripped.split("\n", 64)
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:64], start=1):
        if line.strip() == _FRONT_MATTER_FENCE:
            rest = "\n".join(lines[i + 1:]) if i + 1 < len(lines) else ""
            return meta, rest.lstrip("\n")
        name, colon, value = line.partition(":")
        if not colon:
            if line.strip():
                return {}, text  # not front matter after all: no key on this line
            continue
        name = name.strip().lower()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if name in FRONT_MATTER_KEYS and value:
            meta[name] = value
    return {}, text


def _ext(name: str) -> str:
    return os.path.splitext(name.lower())[1]


def _sidecars(names: set[str]) -> set[str]:
    """Names in one folder that are metadata of another file there, not inputs."""
    skip: set[str] = set()
    for name in names:
        if _ext(name) in TEXT_EXTS | HTML_EXTS:
            stem = os.path.splitext(name)[0]
            skip.update(n for n in (f"{stem}.meta.json", f"{stem}.json") if n in names)
    if FOLDER_META in names and sum(_ext(n) in SIDECAR_DOC_EXTS for n in names) == 1:
        skip.add(FOLDER_META)
    return skip


def _sidecar_meta(path: Path) -> dict[str, str]:
    """Metadata for a text or HTML file from ``X.meta.json`` or ``X.json`` beside it, or
    ``meta.json`` when it is the only text/HTML file in its folder. A sidecar that cannot
    be read is logged and ignored: it should not cost the article."""
    if _ext(path.name) not in TEXT_EXTS | HTML_EXTS:
        return {}
    stem = os.path.splitext(path.name)[0]
    candidates = [path.with_name(f"{stem}.meta.json"), path.with_name(f"{stem}.json")]
    folder_meta = path.with_name(FOLDER_META)
    if _ext(path.name) in SIDECAR_DOC_EXTS and folder_meta.is_file():
        try:
            siblings = [p.name for p in path.parent.iterdir() if not p.name.startswith(".")]
        except OSError:
            siblings = []
        if sum(_ext(n) in SIDECAR_DOC_EXTS for n in siblings) == 1:
            candidates.append(folder_meta)
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            record = json.loads(candidate.read_bytes())
            if not isinstance(record, dict):
                raise InputError("bad_record", "not a JSON object")
            fields = record_fields(record)
        except (OSError, ValueError, InputError) as e:
            log.warning("ignoring metadata file %s: %s", candidate, e)
            continue
        return {k: v for k, v in fields.items() if k in META_FIELDS}
    return {}


def _make_article(text: str, fields: dict[str, str], key: str, config: Config) -> Article:
    from .article import make_article

    return make_article(
        text,
        id=fields.get("id"),
        url=fields.get("url"),
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        published=fields.get("published"),
        section=fields.get("section"),
        source=key,
        config=config,
    )


def _extract_html(html: bytes | str, fields: dict[str, str], key: str, config: Config, *,
                  url: str | None) -> Article:
    """``extract_html``, then what the record or sidecar gives overrides the page's own
    guesses (a given id, outlet, section and publication date are facts, not guesses)."""
    from .article import normalize_date
    from .extract import extract_html

    article = extract_html(html, url=fields.get("url") or url, source=key, config=config)
    if fields.get("id"):
        article.id = fields["id"]
    for name in ("outlet", "section"):
        if fields.get(name):
            setattr(article, name, fields[name])
    if fields.get("title") and not article.title:
        article.title = fields["title"]
    if fields.get("published"):
        day = normalize_date(fields["published"])
        if day:
            article.published, article.published_source = day, "given"
    article.source = key
    return article


def _safely(key: str, make: Callable[[], Item | None]) -> Item | None:
    """``make()``, or an "extract_error" Rejection for ``key`` when it raises something
    other than InputError: a bug met on one record must not cost the rest of its file."""
    try:
        return make()
    except InputError as e:
        return rejection_of(e, key)
    except Exception as e:  # noqa: BLE001 - see the docstring
        log.exception("reading %s failed", key)
        return Rejection(key, "extract_error", f"[E322] Reading {key!r} failed: "
                         f"{type(e).__name__}: {e}")


def rejection_of(e: InputError, key: str, article_id: str | None = None) -> Rejection:
    """The Rejection of an InputError, its message without the "(input: ...)" suffix."""
    message = str(e).removesuffix(f" (input: {e.source})") if e.source else str(e)
    return Rejection(source=key, reason=e.reason, message=message, article_id=article_id)


def _os_reason(e: OSError) -> str:
    return e.strerror or type(e).__name__


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_FEED_ROOT = re.compile(rb"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)\b",
                        re.DOTALL)
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def _is_feed(head: bytes, media: str) -> bool:
    """Whether a fetched document is an RSS/Atom feed: by media type, or by its root element
    for feeds served as plain XML."""
    return media in FEED_TYPES or bool(_FEED_ROOT.match(head.lstrip(b"\xef\xbb\xbf")))


def _peek(stream: IO[bytes], size: int) -> bytes:
    """The first ``size`` bytes of a seekable stream (gzip undone), the stream rewound."""
    start = stream.tell()
    try:
        magic = stream.read(2)
        stream.seek(start)
        if magic == _GZIP_MAGIC:
            try:
                return gzip.GzipFile(fileobj=stream).read(size)
            except (OSError, EOFError, zlib.error):
                return b""
        return stream.read(size)
    finally:
        stream.seek(start)


def _skip_line(stream: IO[bytes], chunk: int) -> None:
    """Read past the rest of an over-long line without holding it."""
    while True:
        piece = stream.readline(chunk)
        if not piece or piece.endswith(b"\n"):
            return


class _Chained(io.RawIOBase):
    """``prefix`` then ``stream``: stdin after the lines read to sniff its format."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = io.BytesIO(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        line = self._prefix.readline(size if size is not None else -1)
        if line and (line.endswith(b"\n") or (size and size > 0 and len(line) >= size)):
            return line
        rest = -1 if size is None or size < 0 else size - len(line)
        return line + self._stream.readline(rest)

    def readinto(self, buffer: Any) -> int:
        data = self._prefix.read(len(buffer)) or self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
