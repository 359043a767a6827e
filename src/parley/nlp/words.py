"""Parley's word lists: one list per concept (reporting verbs, denial verbs, speculation words,
condition marks, modals ...), kept as data in ``data/words.yaml``.

A user extends them with a YAML file of the same shape, named by ``PARLEY_WORDS`` or passed to
:func:`load_words` (or to a component's ``words`` setting): its words are added to the built-in
lists, and the lists it names under ``replace:`` are replaced by its words instead. Every
problem is a :class:`~parley.errors.ConfigError` naming the file and the list.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from parley.errors import ConfigError
from parley.nlp.datafile import read_yaml

ENV_VAR = "PARLEY_WORDS"


@dataclass(frozen=True, slots=True)
class Words:
    """The word lists, each a set of lower-case words (lemmas unless said otherwise)."""

    reporting_verbs: frozenset[str]
    # Nouns naming a written or spoken text that "says" things: its issuer is the speaker.
    document_nouns: frozenset[str]
    # Nouns for unnamed people ("people", "a man", "shoppers"): the civilians of the place when
    # they are arrested, attacked or killed.
    person_nouns: frozenset[str]
    # Nouns that name an act already told without saying which ("the move", "the decision").
    act_nouns: frozenset[str]
    # A verb lemma and the particle or word after it: "point out".
    phrasal_reporting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    speculation_verbs: frozenset[str]
    speculation_subjects: frozenset[str]
    speculation_nouns: frozenset[str]
    condition_marks: frozenset[str]
    unrealised_marks: frozenset[str]
    future_auxiliaries: frozenset[str]
    hypothetical_modals: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_verbs: frozenset[str]


LISTS = tuple(f.name for f in fields(Words))


def builtin_path() -> Path:
    """The built-in word lists shipped with Parley."""
    return Path(str(resources.files("parley.nlp").joinpath("data", "words.yaml")))


@cache
def default_words() -> Words:
    """The built-in lists, extended by the file named in ``PARLEY_WORDS`` if set."""
    return load_words(os.environ.get(ENV_VAR) or None)


def load_words(extra: str | Path | None = None) -> Words:
    """The built-in lists, with the words of ``extra`` added (or, for lists it names under
    ``replace``, instead)."""
    lists = _lists(builtin_path())
    if extra is not None:
        path = Path(extra)
        if not path.is_file():
            raise ConfigError(
                f"{path}: word lists not found "
                f"(name an existing YAML file in {ENV_VAR} or in a component's 'words' setting)"
            )
        data = _mapping(path)
        replace = data.get("replace") or []
        if not isinstance(replace, list) or not all(name in LISTS for name in replace):
            raise ConfigError(f"{path}: 'replace' must list word lists among {', '.join(LISTS)}")
        for name, words in _lists(path, data).items():
            lists[name] = words if name in replace else lists[name] | words
    return Words(**lists)


def _mapping(path: Path) -> dict[str, Any]:
    data = read_yaml(path, "word lists")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: word lists are a mapping from list names to lists of words")
    return data


def _lists(path: Path, data: Mapping[str, Any] | None = None) -> dict[str, frozenset[str]]:
    data = _mapping(path) if data is None else data
    found: dict[str, frozenset[str]] = {}
    for name, value in data.items():
        if name == "replace":
            continue
        if name not in LISTS:
            raise ConfigError(f"{path}: {name!r} is not a word list; the lists are {', '.join(LISTS)}")
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise ConfigError(f"{path}: {name} must be a list of words")
        words = frozenset(" ".join(w.split()).lower() for w in value)
        if name == "phrasal_reporting_verbs" and any(len(w.split()) != 2 for w in words):
            raise ConfigError(f"{path}: {name} holds two words each, a verb and its particle (point out)")
        found[name] = words
    return found
