"""Parley's clean stage: from a raw Document to an Article with a clean body, metadata and dedupe keys.

``clean(doc)`` is the entry point. The modules hold one idea each: ``body``
(HTML extraction with trafilatura), ``trailers`` (syndication trailers),
``text`` (Unicode and layout normalisation), ``dateline`` (datelines and
bylines before the first sentence), ``language`` (the English check)
and ``dedupe`` (canonical URLs, hashes, near-duplicate fingerprints).
"""

from parley.clean.article import clean
from parley.clean.body import Extracted, extract_body
from parley.clean.dateline import Datelined, strip_dateline
from parley.clean.dedupe import NearDuplicates, canonical_url, fingerprint, similarity, text_sha256
from parley.clean.language import english_share, is_english
from parley.clean.text import normalize_text
from parley.clean.trailers import Trimmed, strip_trailers, trailer_family

__all__ = [
    "Datelined",
    "Extracted",
    "NearDuplicates",
    "Trimmed",
    "canonical_url",
    "clean",
    "english_share",
    "extract_body",
    "fingerprint",
    "is_english",
    "normalize_text",
    "similarity",
    "strip_dateline",
    "strip_trailers",
    "text_sha256",
    "trailer_family",
]
