"""Parley's exceptions, caught only at the edges (CLI, API).

Every error names the input it is about and the reason, so the one-line message a
user sees says what to fix::

    ParleyError
    ├── ConfigError          a setting is invalid (bad --db URL, unknown model name)
    ├── InputError           one input could not be turned into an article
    │   ├── NotFoundError        missing file or directory, empty directory
    │   ├── FetchError           unreachable host, HTTP status, timeout, redirect loop
    │   ├── TooLargeError        over the size limit
    │   ├── DecodeError          binary, or text in an undetectable encoding
    │   ├── FeedError            a feed that feedparser cannot read at all
    │   ├── NoBodyError          HTML with no extractable article body
    │   └── LanguageError        text that is not English
    ├── StoreError           the database refused an operation (missing article id, ...)
    ├── QueryError           a read's argument is out of range (limit, bucket) or names nothing known
    │   └── AmbiguousActorError  a name that several actors answer to
    ├── ModelError           the spaCy pipeline named by PARLEY_MODEL cannot be loaded
    └── GoldError            a gold file that is not in a format `parley eval` knows
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base of every error Parley raises on purpose."""


class ConfigError(ParleyError):
    """A setting or option has a value Parley cannot use."""


class InputError(ParleyError):
    """One input (file, URL, feed item) could not become an article.

    ``source`` names the input; ``reason`` says why, in words a user can act on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NotFoundError(InputError):
    """A file or directory does not exist, or holds no articles."""


class FetchError(InputError):
    """A URL could not be fetched: unreachable, HTTP error, timeout, redirects."""


class TooLargeError(InputError):
    """An input is larger than the configured limit."""


class DecodeError(InputError):
    """An input is binary or its text encoding cannot be determined."""


class FeedError(InputError):
    """A feed cannot be parsed at all (lenient problems are only warnings)."""


class NoBodyError(InputError):
    """An HTML page has no article body that can be extracted."""


class LanguageError(InputError):
    """An input's text is not in a language Parley analyses."""


class StoreError(ParleyError):
    """The store cannot do what was asked (unknown id, schema too new, ...)."""


class QueryError(ParleyError, ValueError):
    """A read's argument cannot be applied: out of range (a limit, a time bucket), a filter
    value that names nothing known (an actor, a PLOVER type), or ``since`` after ``until``.

    The message names the value and what is accepted instead; the CLI exits 2 and the API
    answers 422, as for any other bad argument.
    """


class AmbiguousActorError(QueryError):
    """A name that several actors answer to; ``candidates`` are their names."""

    def __init__(self, key: str, candidates: list[str]) -> None:
        super().__init__(
            f"actor {key!r} is ambiguous: it could be {', '.join(candidates)}; give the full name"
        )
        self.key = key
        self.candidates = candidates


class ModelError(ParleyError):
    """The spaCy pipeline cannot be loaded."""


class GoldError(ParleyError):
    """A gold file is unreadable or in an unknown format."""
