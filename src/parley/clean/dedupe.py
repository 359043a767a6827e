"""Recognising the same article twice: canonical URLs, exact hashes and near-duplicate fingerprints.

Three levels, cheapest first:

- ``canonical_url`` maps the many spellings of one page's address (tracking
  parameters, ``www.``/``m.``/``amp.`` hosts, AMP paths, fragments) to one string:
  courlan's normalisation with Parley's rules for news sites on top.
- ``text_sha256`` hashes the body after case-folding and collapsing whitespace, so
  a re-encoded or re-wrapped copy of the same text hashes the same.
- ``fingerprint`` is a MinHash signature over word 5-shingles (runs of five
  consecutive words); ``NearDuplicates`` indexes signatures with locality-sensitive
  hashing and reports an earlier article whose estimated Jaccard similarity is at
  least 0.8.

Why 0.8 on 5-word shingles: syndicated copies differ from their original by a new
headline, a trailer, a dateline or an edited phrase. An edit of ``e`` words replaces
about ``e + 4`` of the article's shingles, so a two-word edit in a 220-word article
still gives a Jaccard similarity of 0.95, and several such edits stay above 0.8. A
rewritten sentence costs more (one 15-word sentence rewritten and a headline line
added bring a 220-word article down to about 0.77), so heavier rewrites fall below
the threshold and are kept as articles of their own, on purpose: they may carry new
information. Two different articles on the same story share names and stock
phrases but rarely five words in a row, and score under 0.1. Five words is long
enough that shared vocabulary alone creates no shared shingles, and short enough
that one edit breaks only a few.

The store keeps the LSH band keys of its articles (``band_keys``) in an indexed table,
so a new article's candidates are one indexed query instead of an index rebuilt from
every stored fingerprint; ``best_match`` then decides among the candidates, the same
way for the store and for the in-memory ``NearDuplicates``.

Signatures use datasketch's ``affine32`` permutation scheme with a fixed seed, so a
fingerprint computed in one process (or on one Dask worker) compares with one
computed anywhere else. They are stored as the raw 32-bit hash values,
little-endian: ``4 * num_perm`` bytes (512 bytes with the default 128).
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from courlan import normalize_url
from datasketch import MinHash, MinHashLSH

from parley.config import CleanOptions
from parley.errors import ConfigError

__all__ = [
    "NearDuplicates",
    "band_keys",
    "best_match",
    "canonical_url",
    "fingerprint",
    "similarity",
    "stored_bands_serve",
    "text_sha256",
]

# Fixed so that signatures agree across processes, machines and runs.
_SEED = 1
_SCHEME = "affine32"
_HASH_DTYPE = np.dtype("<u4")

_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# Share and campaign parameters of news sites that courlan's tracker list lacks, and the
# switches that ask for a page's AMP version.
_NEWS_PARAMS = frozenset({"amp", "outputtype", "cmp", "cmpid", "ito", "ocid", "smid", "spm", "sr_share"})
_NEWS_PREFIXES = ("ns_", "hsa_")

_WORD = re.compile(r"\w+")


def canonical_url(url: str) -> str:
    """One spelling for every address of the same page, for exact-duplicate checks.

    courlan normalises the URL (lower-case scheme and host, no default port, no
    fragment, no tracking parameters such as ``utm_*``, ``fbclid``, ``gclid``, ``ref``,
    the remaining parameters sorted). Parley's own rules come on top: ``https`` for
    ``http``, no credentials, no ``www.``/``m.``/``amp.``/``mobile.`` host prefix, no
    trailing ``/amp`` or slash, and no news-site share parameters (``cmpid``, ``ocid``,
    ``ns_*``, ...). Anything that is not an http(s) URL is returned stripped but
    otherwise unchanged.
    """
    raw = url.strip()
    if raw.startswith("//"):
        raw = "https:" + raw
    if urlsplit(raw).scheme.lower() not in ("http", "https"):
        return raw
    try:
        parts = urlsplit(normalize_url(raw, strict=False, trailing_slash=False))
        port = parts.port
    except ValueError:  # courlan and urllib refuse a malformed host or port
        return raw
    if not parts.hostname:
        return raw
    host = _without_prefixes(parts.hostname.rstrip("."))
    if port is not None and port != 443:
        host = f"{host}:{port}"
    path = parts.path
    while True:
        trimmed = path.rstrip("/")
        if trimmed.lower().endswith("/amp"):
            path = trimmed[: -len("/amp")]
        else:
            path = trimmed
            break
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_news_param(k)]
    return urlunsplit(("https", host, path, urlencode(params), ""))


def _without_prefixes(host: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for prefix in _HOST_PREFIXES:
            # Keep at least a registrable name: "m.co" stays as it is.
            if host.startswith(prefix) and "." in host[len(prefix) :]:
                host = host[len(prefix) :]
                stripped = True
    return host


def _is_news_param(key: str) -> bool:
    lowered = key.lower()
    return lowered in _NEWS_PARAMS or lowered.startswith(_NEWS_PREFIXES)


def text_sha256(text: str) -> str:
    """Hex SHA-256 of a body, insensitive to case, Unicode composition and whitespace layout."""
    normalised = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _shingles(text: str, size: int) -> list[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def _minhash(text: str, options: CleanOptions) -> MinHash:
    sketch = MinHash(num_perm=options.num_perm, seed=_SEED, scheme=_SCHEME)
    # A MinHash is a minimum over the set of shingles: each distinct one is hashed once.
    shingles = list(dict.fromkeys(_shingles(text, options.shingle_size)))
    if shingles:
        sketch.update_batch(shingles)
    return sketch


def fingerprint(text: str, options: CleanOptions = CleanOptions()) -> bytes:
    """The MinHash signature of a body's word shingles, as ``4 * options.num_perm`` bytes."""
    values = np.asarray(_minhash(text, options).hashvalues)
    return values.astype(_HASH_DTYPE).tobytes()


def _values(data: bytes, num_perm: int) -> np.ndarray[Any, np.dtype[np.uint32]]:
    if len(data) != num_perm * _HASH_DTYPE.itemsize:
        raise ConfigError(
            f"a fingerprint of {len(data)} bytes does not match num_perm={num_perm} "
            f"({num_perm * _HASH_DTYPE.itemsize} bytes expected); "
            "fingerprints made with other options must be recomputed"
        )
    return np.frombuffer(data, dtype=_HASH_DTYPE)


def _from_bytes(data: bytes, num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, hashvalues=_values(data, num_perm))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two fingerprints (0.0 to 1.0)."""
    num_perm = len(a) // _HASH_DTYPE.itemsize
    return float(_from_bytes(a, num_perm).jaccard(_from_bytes(b, num_perm)))


@functools.lru_cache(maxsize=16)
def _layout(num_perm: int, threshold: float) -> tuple[int, int] | None:
    """(bands, rows per band) that datasketch's MinHashLSH picks, or None for a signature too short."""
    try:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    except ValueError:  # fewer than two bands: no MinHash signature Parley makes is that short
        return None
    return int(lsh.b), int(lsh.r)


# The threshold the store's band keys are laid out for: the default one.
STORE_THRESHOLD = CleanOptions().near_duplicate_threshold


def band_keys(fingerprint: bytes, threshold: float = STORE_THRESHOLD) -> list[tuple[int, int]]:
    """The LSH keys of a fingerprint: (band number, signed 64-bit hash of the band's values).

    Two signatures share a key exactly when datasketch's MinHashLSH would put them in
    the same bucket of that band (up to 64-bit hash collisions, which only add a
    candidate that ``best_match`` then refuses). The hash covers the signature size and
    rows per band too, so keys of differently made fingerprints never meet. Bytes that
    cannot be a signature have no keys.
    """
    num_perm, rest = divmod(len(fingerprint), _HASH_DTYPE.itemsize)
    layout = _layout(num_perm, threshold) if num_perm and not rest else None
    if layout is None:
        return []
    bands, rows = layout
    width = rows * _HASH_DTYPE.itemsize
    prefix = struct.pack("<II", num_perm, rows)
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(
            prefix + fingerprint[band * width : (band + 1) * width], digest_size=8
        ).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def stored_bands_serve(options: CleanOptions) -> bool:
    """Whether the store's band keys find the same candidates as an index made with ``options``."""
    return _layout(options.num_perm, options.near_duplicate_threshold) == _layout(
        options.num_perm, STORE_THRESHOLD
    )


def best_match(
    fingerprint: bytes, candidates: Iterable[tuple[int, bytes]], options: CleanOptions = CleanOptions()
) -> int | None:
    """The id of the candidate most similar to ``fingerprint`` at or above the threshold, or None.

    Ties go to the smallest id, i.e. usually the article stored first.
    """
    values = _values(fingerprint, options.num_perm)
    best: tuple[float, int] | None = None
    for candidate, stored in candidates:
        # The share of equal hash values: MinHash.jaccard, without building MinHash objects.
        score = np.count_nonzero(values == _values(stored, options.num_perm)) / options.num_perm
        if score < options.near_duplicate_threshold:
            continue
        if best is None or score > best[0] or (score == best[0] and candidate < best[1]):
            best = (score, candidate)
    return best[1] if best else None


class NearDuplicates:
    """An index of article fingerprints that finds an earlier near-copy of a new article.

    ``add`` stores a fingerprint under an article id; ``match`` returns the id of the
    most similar stored article whose estimated Jaccard similarity reaches
    ``options.near_duplicate_threshold``. Candidates from the LSH buckets are checked
    against the full signatures, so a bucket collision alone never makes a match.
    """

    def __init__(self, options: CleanOptions = CleanOptions()) -> None:
        self._options = options
        threshold, num_perm = options.near_duplicate_threshold, options.num_perm
        # The layout is worked out once per process (datasketch integrates for it on every index).
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_layout(num_perm, threshold))
        self._fingerprints: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self._fingerprints)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._fingerprints

    def add(self, article_id: int, fingerprint: bytes) -> None:
        """Index an article's fingerprint; adding an id again replaces its fingerprint."""
        sketch = _from_bytes(fingerprint, self._options.num_perm)
        if article_id in self._fingerprints:
            self._lsh.remove(article_id)
        self._lsh.insert(article_id, sketch)
        self._fingerprints[article_id] = fingerprint

    def match(self, fingerprint: bytes) -> int | None:
        """The id of the most similar indexed article at or above the threshold, or None.

        Ties go to the smallest id, i.e. usually the article stored first.
        """
        sketch = _from_bytes(fingerprint, self._options.num_perm)
        candidates = ((c, self._fingerprints[c]) for c in self._lsh.query(sketch))
        return best_match(fingerprint, candidates, self._options)
