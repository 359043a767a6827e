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

Signatures use datasketch's ``affine32`` permutation scheme with a fixed seed, so a
fingerprint computed in one process (or on one Dask worker) compares with one
computed anywhere else. They are stored as the raw 32-bit hash values,
little-endian: ``4 * num_perm`` bytes (512 bytes with the default 128).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from courlan import normalize_url
from datasketch import MinHash, MinHashLSH

from parley.config import CleanOptions
from parley.errors import ConfigError

__all__ = ["NearDuplicates", "canonical_url", "fingerprint", "similarity", "text_sha256"]

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
    shingles = _shingles(text, options.shingle_size)
    if shingles:
        sketch.update_batch(shingles)
    return sketch


def fingerprint(text: str, options: CleanOptions = CleanOptions()) -> bytes:
    """The MinHash signature of a body's word shingles, as ``4 * options.num_perm`` bytes."""
    values = np.asarray(_minhash(text, options).hashvalues)
    return values.astype(_HASH_DTYPE).tobytes()


def _from_bytes(data: bytes, num_perm: int) -> MinHash:
    if len(data) != num_perm * _HASH_DTYPE.itemsize:
        raise ConfigError(
            f"a fingerprint of {len(data)} bytes does not match num_perm={num_perm} "
            f"({num_perm * _HASH_DTYPE.itemsize} bytes expected); "
            "fingerprints made with other options must be recomputed"
        )
    values = np.frombuffer(data, dtype=_HASH_DTYPE)
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, hashvalues=values)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two fingerprints (0.0 to 1.0)."""
    num_perm = len(a) // _HASH_DTYPE.itemsize
    return float(_from_bytes(a, num_perm).jaccard(_from_bytes(b, num_perm)))


@functools.cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows) for a threshold, worked out once per process.

    datasketch finds them by numerical integration, which costs about 50 ms; a watcher
    builds an index for every feed it ingests.
    """
    chosen = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(chosen.b), int(chosen.r)


class NearDuplicates:
    """An index of article fingerprints that finds an earlier near-copy of a new article.

    ``add`` stores a fingerprint under an article id; ``match`` returns the id of the
    most similar stored article whose estimated Jaccard similarity reaches
    ``options.near_duplicate_threshold``. Candidates from the LSH buckets are checked
    against the full signatures, so a bucket collision alone never makes a match.
    """

    def __init__(self, options: CleanOptions = CleanOptions()) -> None:
        self._options = options
        self._lsh = MinHashLSH(
            num_perm=options.num_perm, params=_bands(options.near_duplicate_threshold, options.num_perm)
        )
        # The signatures themselves, not MinHash objects: each of those also carries its own
        # copy of the permutations, several times the signature's size.
        self._sketches: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._sketches)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sketches

    def add(self, article_id: int, fingerprint: bytes) -> None:
        """Index an article's fingerprint; adding an id again replaces its fingerprint."""
        sketch = _from_bytes(fingerprint, self._options.num_perm)
        if article_id in self._sketches:
            self._lsh.remove(article_id)
        self._lsh.insert(article_id, sketch)
        self._sketches[article_id] = np.frombuffer(fingerprint, dtype=_HASH_DTYPE)

    def match(self, fingerprint: bytes) -> int | None:
        """The id of the most similar indexed article at or above the threshold, or None.

        Ties go to the smallest id, i.e. usually the article stored first.
        """
        sketch = _from_bytes(fingerprint, self._options.num_perm)
        best: tuple[float, int] | None = None
        for candidate in self._lsh.query(sketch):
            # MinHash.jaccard: the share of equal signature values.
            score = float(np.count_nonzero(sketch.hashvalues == self._sketches[candidate])) / len(
                sketch.hashvalues
            )
            if score < self._options.near_duplicate_threshold:
                continue
            if best is None or score > best[0] or (score == best[0] and candidate < best[1]):
                best = (score, candidate)
        return best[1] if best else None
