"""Duplicate detection: exact copies by a hash of the normalised text, near copies
(syndicated versions, a story re-sent with a new headline or a corrected sentence) by
MinHash over word shingles of the body, found through locality-sensitive hashing.

    dedup = Deduplicator.from_config()
    dedup.seed(store.signatures())          # what earlier runs stored
    rejection = dedup.check(article)        # None: new, now registered
    content_hash, minhash = dedup.signature_of(article)   # for Store.write

Near-duplicates are found with the body only (the text minus its first paragraph, which is
the headline or lede a re-sent story usually changes). LSH proposes candidates; a candidate
is a near-duplicate when the MinHash estimate of the Jaccard similarity of the two shingle
sets reaches ``threshold``. An article checked again under its own id (re-processing) is
never a duplicate of itself.

Memory: the MinHash sketches are datasketch's (``affine32`` scheme, 4 bytes a permutation);
the LSH buckets are kept as sorted NumPy arrays rather than datasketch's ``MinHashLSH``.
For 100k seeded articles at num_perm=64 everything here (sketches, buckets, the hash and id
maps) holds about 80 MB, where ``MinHashLSH`` alone took 193 MB (its dicts and sets of bytes;
both measured with tracemalloc, 2026-11-25).
"""
from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable

import numpy as np

from ..config import Config, load_config
from ..errors import ConfigError
from ..records import Article, Rejection

__all__ = ["Deduplicator", "content_hash", "normalise_text", "shingles"]

_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")

# Serialised sketch: header (format, shingle size, num_perm) + num_perm little-endian uint32.
# Format 1 = datasketch affine32 scheme, seed _SEED, sha1_hash32 of the UTF-8 shingles joined
# by spaces, words from normalise_text. A sketch of another format or configuration cannot
# be compared and is ignored when seeding (its exact hash still counts).
_FORMAT = 1
_HEADER = struct.Struct("<BBH")
_SEED = 1
_SCHEME = "affine32"
# Random odd multipliers that fold a band of sketch values into one 64-bit bucket key.
_BAND_SEED = 20261125
# Stored sketches are decoded this many at a time when seeding (bounds the peak memory).
_SEED_CHUNK = 8192


def normalise_text(text: str) -> str:
    """``text`` reduced to what copies share: NFKC, case-folded, words only (punctuation,
    quotes and whitespace variants dropped), one space between words."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def content_hash(text: str) -> str:
    """Hex digest of :func:`normalise_text` (exact-duplicate key, 32 characters)."""
    return hashlib.blake2b(normalise_text(text).encode("utf-8"), digest_size=16).hexdigest()


def _body(text: str) -> str:
    """The text without its first paragraph, when there is more than one."""
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p]
    return " ".join(paragraphs[1:]) if len(paragraphs) > 1 else text


def shingles(text: str, size: int) -> list[bytes]:
    """The distinct word ``size``-shingles of ``text``'s body (first paragraph dropped),
    UTF-8 encoded; all body words as one shingle when it has fewer than ``size``; the whole
    text's when the body has no words. Empty when the text has no words at all."""
    words = normalise_text(_body(text)).split() or normalise_text(text).split()
    if not words:
        return []
    if len(words) < size:
        return [" ".join(words).encode("utf-8")]
    return list({" ".join(words[i:i + size]).encode("utf-8")
                 for i in range(len(words) - size + 1)})


def band_params(threshold: float, num_perm: int, recall: float) -> tuple[int, int]:
    """(bands, rows per band) for LSH: the most selective banding (fewest candidates to
    verify) under which a pair of similarity ``threshold`` still becomes a candidate with
    probability >= ``recall``."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


class _Buckets:
    """LSH buckets: (bucket key, sketch row) pairs. Older pairs live in two sorted NumPy
    arrays (16 bytes a pair, binary search); recent ones in a small dict that is merged into
    the arrays when it grows past a quarter of them."""

    _MIN_MERGE = 4096

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        rng = np.random.RandomState(_BAND_SEED)
        self._mult = rng.randint(0, 2**63, size=(bands, rows), dtype=np.uint64) * np.uint64(2)
        self._mult += np.uint64(1)
        self._salt = rng.randint(0, 2**63, size=bands, dtype=np.uint64)
        self._keys = np.empty(0, dtype=np.uint64)
        self._rows = np.empty(0, dtype=np.int64)
        self._recent: dict[int, list[int]] = {}
        self._recent_pairs = 0

    def keys(self, sketches: np.ndarray) -> np.ndarray:
        """Bucket keys, shape (n, bands), of sketches of shape (n, num_perm)."""
        n = sketches.shape[0]
        band = sketches[:, : self.bands * self.rows].astype(np.uint64)
        band = band.reshape(n, self.bands, self.rows)
        # uint64 arithmetic wraps modulo 2**64, which is the hash we want.
        return (band * self._mult).sum(axis=2, dtype=np.uint64) ^ self._salt

    def add(self, keys: np.ndarray, rows: np.ndarray) -> None:
        """Add the bucket keys (n, bands) of sketch ``rows`` (n,)."""
        if len(rows) > self._MIN_MERGE:  # bulk (seeding): straight into the sorted arrays
            self._merge(keys.ravel(), np.repeat(rows, self.bands))
            return
        for key_row, row in zip(keys.tolist(), rows.tolist(), strict=True):
            for key in key_row:
                self._recent.setdefault(key, []).append(row)
        self._recent_pairs += keys.size
        if self._recent_pairs > max(self._MIN_MERGE, len(self._keys) // 4):
            recent_keys = np.fromiter(
                (k for k, rs in self._recent.items() for _ in rs), dtype=np.uint64
            )
            recent_rows = np.fromiter(
                (r for rs in self._recent.values() for r in rs), dtype=np.int64
            )
            self._recent.clear()
            self._recent_pairs = 0
            self._merge(recent_keys, recent_rows)

    def _merge(self, keys: np.ndarray, rows: np.ndarray) -> None:
        all_keys = np.concatenate([self._keys, keys])
        order = np.argsort(all_keys, kind="stable")
        self._keys = all_keys[order]
        self._rows = np.concatenate([self._rows, rows])[order]

    def query(self, keys: np.ndarray) -> set[int]:
        """Sketch rows sharing at least one bucket with the bucket ``keys`` (bands,)."""
        found: set[int] = set()
        lo = np.searchsorted(self._keys, keys, side="left")
        hi = np.searchsorted(self._keys, keys, side="right")
        for start, end in zip(lo.tolist(), hi.tolist(), strict=True):
            if end > start:
                found.update(self._rows[start:end].tolist())
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        return found

    @property
    def nbytes(self) -> int:
        return self._keys.nbytes + self._rows.nbytes + 100 * self._recent_pairs


class Deduplicator:
    """Finds exact and near duplicates among the articles it has seen (see module doc).

    ``threshold``: Jaccard similarity of body shingle sets at or above which two articles
    are near-duplicates; ``num_perm``: MinHash permutations; ``shingle_size``: words per
    shingle; ``lsh_recall``: chance that a pair exactly at ``threshold`` is proposed by LSH
    (sets the banding). Raises ConfigError for values out of range.
    """

    def __init__(
        self, *, threshold: float, num_perm: int, shingle_size: int, lsh_recall: float = 0.95
    ) -> None:
        for name, value, ok, expected in (
            ("threshold", threshold, 0 < threshold <= 1, "in (0, 1]"),
            ("num_perm", num_perm, 8 <= num_perm <= 1024, "between 8 and 1024"),
            ("shingle_size", shingle_size, 1 <= shingle_size <= 255, "between 1 and 255"),
            ("lsh_recall", lsh_recall, 0 < lsh_recall < 1, "in (0, 1)"),
        ):
            if not ok:
                raise ConfigError(f"[E640] dedup.{name} must be {expected}, got {value!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        # Imported here so that content_hash() (used by the store) does not load datasketch.
        from datasketch import MinHash

        self._minhash = MinHash
        self._permutations = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations
        self._header = _HEADER.pack(_FORMAT, shingle_size, num_perm)
        self._buckets = _Buckets(*band_params(threshold, num_perm, lsh_recall))
        self._by_hash: dict[str, str] = {}  # content hash -> first article id with it
        self._row_of: dict[str, int] = {}  # article id -> its sketch row
        self._ids: list[str | None] = []  # sketch row -> article id (None: superseded)
        self._sketches = np.empty((1024, num_perm), dtype=np.uint32)
        self._last: tuple[str, str, np.ndarray | None] | None = None  # check() -> signature_of()

    @classmethod
    def from_config(cls, config: Config | None = None) -> Deduplicator:
        """A Deduplicator with the [dedup] settings of ``config`` (default: load_config())."""
        cfg = (config or load_config())["dedup"]
        return cls(
            threshold=float(cfg["threshold"]),
            num_perm=int(cfg["num_perm"]),
            shingle_size=int(cfg["shingle_size"]),
            lsh_recall=float(cfg["lsh_recall"]),
        )

    def __len__(self) -> int:
        """How many articles are registered."""
        return len(set(self._by_hash.values()) | self._row_of.keys())

    # -- sketches --------------------------------------------------------------------------

    def sketch(self, text: str) -> np.ndarray | None:
        """The MinHash sketch (num_perm uint32) of ``text``'s body shingles; None without
        words."""
        items = shingles(text, self.shingle_size)
        if not items:
            return None
        minhash = self._minhash(
            num_perm=self.num_perm, seed=_SEED, permutations=self._permutations, scheme=_SCHEME
        )
        minhash.update_batch(items)
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def _encode(self, sketch: np.ndarray | None) -> bytes | None:
        if sketch is None:
            return None
        return self._header + sketch.astype("<u4").tobytes()

    def _comparable(self, blob: bytes | None) -> bool:
        """Whether ``blob`` is a sketch made with this format and configuration (others
        cannot be compared with ours)."""
        return (
            blob is not None
            and len(blob) == _HEADER.size + 4 * self.num_perm
            and blob[: _HEADER.size] == self._header
        )

    def signature_of(self, article: Article) -> tuple[str, bytes | None]:
        """(content hash, serialised MinHash) of ``article``, for Store.write."""
        if self._last is not None and self._last[0] == article.id:
            _, digest, sketch = self._last
            if digest == content_hash(article.text):
                return digest, self._encode(sketch)
        return content_hash(article.text), self._encode(self.sketch(article.text))

    # -- registry --------------------------------------------------------------------------

    def _add_sketches(self, article_ids: list[str], sketches: np.ndarray) -> None:
        for article_id in article_ids:
            if (old := self._row_of.get(article_id)) is not None:
                self._ids[old] = None  # re-processed: the old sketch no longer counts
        first = len(self._ids)
        needed = first + len(article_ids)
        if needed > len(self._sketches):
            grown = np.empty((max(needed, 2 * len(self._sketches)), self.num_perm), np.uint32)
            grown[:first] = self._sketches[:first]
            self._sketches = grown
        self._sketches[first:needed] = sketches
        rows = np.arange(first, needed, dtype=np.int64)
        self._ids.extend(article_ids)
        self._row_of.update(zip(article_ids, rows.tolist(), strict=True))
        self._buckets.add(self._buckets.keys(sketches), rows)

    def seed(self, signatures: Iterable[tuple[str, str, bytes | None]]) -> None:
        """Register stored articles: (article_id, content_hash, serialised MinHash) as
        :meth:`Store.signatures` yields them. A sketch of another format or configuration
        is skipped; its content hash still registers."""
        ids: list[str] = []
        raw = bytearray()  # sketches of the current chunk, back to back (no per-row arrays)
        for article_id, digest, blob in signatures:
            if digest:
                self._by_hash.setdefault(digest, article_id)
            if self._comparable(blob):
                ids.append(article_id)
                raw += blob[_HEADER.size:]
                if len(ids) == _SEED_CHUNK:
                    self._add_raw(ids, raw)
                    ids, raw = [], bytearray()
        if ids:
            self._add_raw(ids, raw)

    def _add_raw(self, ids: list[str], raw: bytearray) -> None:
        sketches = np.frombuffer(bytes(raw), dtype="<u4").astype(np.uint32)
        self._add_sketches(ids, sketches.reshape(len(ids), self.num_perm))

    def check(self, article: Article) -> Rejection | None:
        """A ``duplicate`` or ``near_duplicate`` Rejection linking ``article`` to the article
        it copies; or None, after registering ``article`` as seen."""
        digest = content_hash(article.text)
        source = article.source or article.id
        original = self._by_hash.get(digest)
        if original is not None and original != article.id:
            self._last = None
            return Rejection(
                source=source,
                reason="duplicate",
                message=f"same text as article {original}",
                article_id=article.id,
                duplicate_of=original,
            )
        sketch = self.sketch(article.text)
        if sketch is not None and (match := self._nearest(sketch, article.id)) is not None:
            original, similarity = match
            self._last = None
            return Rejection(
                source=source,
                reason="near_duplicate",
                message=(
                    f"near-duplicate of article {original} (estimated Jaccard similarity "
                    f"{similarity:.2f} >= {self.threshold})"
                ),
                article_id=article.id,
                duplicate_of=original,
            )
        self._by_hash.setdefault(digest, article.id)
        if sketch is not None:
            self._add_sketches([article.id], sketch[None, :])
        self._last = (article.id, digest, sketch)
        return None

    def _nearest(self, sketch: np.ndarray, article_id: str) -> tuple[str, float] | None:
        """The most similar registered article (other than ``article_id``) at or above the
        threshold, earliest registered on ties, with its estimated similarity."""
        rows = [
            row for row in self._buckets.query(self._buckets.keys(sketch[None, :])[0])
            if self._ids[row] is not None and self._ids[row] != article_id
        ]
        if not rows:
            return None
        rows.sort()
        similarity = (self._sketches[rows] == sketch).mean(axis=1)
        best = int(np.argmax(similarity))  # first maximum = earliest registered
        if similarity[best] < self.threshold:
            return None
        return self._ids[rows[best]], float(similarity[best])

    @property
    def nbytes(self) -> int:
        """Approximate memory held by sketches and buckets (dicts of ids not included)."""
        return self._sketches.nbytes + self._buckets.nbytes
