"""Parley's sources stage: files, directories, pages, feeds, JSON Lines and WARC files to Documents.

``read_inputs`` is the one entry point. It yields, in input order, a ``Document``
per article, an ``InputError`` per input or item that failed (never raised), and a
``SourceWarning`` per problem that did not stop reading. ``read_page`` reads exactly
one page URL, for the API. Nothing here cleans text.
"""

from parley.sources.document import Document, FeedCache, SourceState, SourceWarning
from parley.sources.inputs import SourceItem, read_inputs, read_page

__all__ = ["Document", "FeedCache", "SourceItem", "SourceState", "SourceWarning", "read_inputs", "read_page"]
