"""The event lexicon: trigger patterns and the CAMEO codes they stand for, kept as data.

The built-in lexicon is ``event_lexicon.yaml`` beside this module; its header documents
the format. A user adds or overrides entries with a YAML file of the same shape, named by
``PARLEY_EVENT_LEXICON`` or passed to :func:`load_lexicon`: its entries are added to the
built-in ones, an entry with the id of a built-in entry replaces it, and ``replace: true``
at the top of the file drops the built-in entries altogether (its frames still merge).

Every problem is reported as a :class:`~parley.errors.ConfigError` naming the file, the
entry and the field.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from parley.errors import ConfigError
from parley.nlp.datafile import read_yaml
from parley.nlp.syntax import NOUNS
from parley.ontology.cameo import is_valid

ENV_VAR = "PARLEY_EVENT_LEXICON"
POS_CLASSES: Mapping[str, frozenset[str]] = {
    "verb": frozenset({"VERB", "AUX"}),
    "noun": NOUNS,
    "adj": frozenset({"ADJ", "VERB"}),
}
KEEP = "keep"
TARGET_MODES = frozenset({"object", "complement", "partner", "subject", "none"})
# Whose a noun trigger's possessor is: the agent's ("Russia's invasion") or the target's
# ("Khashoggi's murder").
OWNER_MODES = frozenset({"source", "target"})
_ENTRY_KEYS = frozenset(
    {
        "id",
        "cameo",
        "lemmas",
        "pos",
        "particle",
        "with",
        "without",
        "subject",
        "frame",
        "target",
        "needs_target",
        "owner",
        "modal",
        "confidence",
    }
)


@dataclass(frozen=True, slots=True)
class Frame:
    """How a governing trigger recodes the event of its complement ("refused to X" -> reject X).

    ``codes`` maps CAMEO code prefixes of the complement to the new code (the longest
    prefix wins; ``keep`` keeps the complement's code); ``default`` applies when no prefix
    matches (a code, ``keep``, or None for "this frame does not apply"). ``clauses`` says
    whether clausal complements (to-infinitives, that-clauses) count, or only object nouns;
    ``other_subjects`` whether a that-clause may have its own subject ("demanded that X ...").
    """

    name: str
    codes: Mapping[str, str]
    default: str | None = None
    clauses: bool = True
    other_subjects: bool = False

    def apply(self, code: str) -> str | None:
        """The code of a complement event of ``code`` under this frame."""
        found = self.default
        for length in range(len(code), 1, -1):
            if code[:length] in self.codes:
                found = self.codes[code[:length]]
                break
        return code if found == KEEP else found


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger pattern: a lemma (with optional particle and argument words) and its code.

    ``with_`` holds groups of argument lemmas; each group must have one lemma among the
    trigger's arguments (objects, complements and their objects). ``without`` holds lemmas
    none of the trigger's direct objects, nor the objects of its particle, may have ("released
    a statement" is no release, "talked to reporters" no consultation). ``subject`` holds lemmas
    one of which the trigger's subject must have ("troops left Syria", not "the minister left").
    """

    id: str
    lemmas: frozenset[str]
    pos: str = "verb"
    cameo: str | None = None
    particle: frozenset[str] = frozenset()
    with_: tuple[frozenset[str], ...] = ()
    without: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    frame: str | None = None
    target: str = "object"
    needs_target: bool | None = None  # None: as the lexicon's `needs_target` codes say
    owner: str = "source"
    modal: frozenset[str] = frozenset()
    confidence: float = 0.7
    order: int = 0

    @property
    def specificity(self) -> int:
        """How much of the pattern must match: more constrained entries win over general ones."""
        return 1 + 2 * bool(self.particle) + 3 * len(self.with_) + 2 * bool(self.modal)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The entries by lemma, the frames they may name, and the CAMEO code prefixes of acts done
    to somebody (``needs_target``: an event of such a code with no target found is dropped
    unless its entry says otherwise)."""

    entries: tuple[Entry, ...]
    frames: Mapping[str, Frame]
    by_lemma: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    needs_target: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls, entries: Sequence[Entry], frames: Mapping[str, Frame], needs_target: frozenset[str] = frozenset()
    ) -> Lexicon:
        index: dict[str, list[Entry]] = {}
        for entry in entries:
            names = set(entry.lemmas)
            if entry.pos == "verb":
                names.update(form for lemma in entry.lemmas for form in verb_forms(lemma))
            for name in names:
                index.setdefault(name, []).append(entry)
        return cls(tuple(entries), dict(frames), {k: tuple(v) for k, v in index.items()}, needs_target)

    def candidates(self, lemma: str) -> tuple[Entry, ...]:
        """The entries whose trigger lemma is ``lemma`` (lower case)."""
        return self.by_lemma.get(lemma, ())

    def code_needs_target(self, code: str) -> bool:
        """Whether an act of ``code`` is by definition done to somebody (a meeting, aid, an attack)."""
        return any(code.startswith(prefix) for prefix in self.needs_target)

    def knows(self, *words: str) -> bool:
        """Whether any of ``words`` (lower case) is a trigger lemma of some entry."""
        return any(word in self.by_lemma for word in words)


def verb_forms(lemma: str) -> set[str]:
    """The regular inflections of a one-word verb ("stage": "stages", "staged", "staging").

    A trigger is looked up by its lemma and by its own form, and the small English pipeline
    lemmatises some regular forms wrongly ("staged" is "stag"): its form still finds the entry.
    """
    if not lemma.isalpha():
        return set()
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
    return {third, past, stem + "ing"}


def builtin_path() -> Path:
    """The built-in lexicon file shipped with Parley."""
    return Path(str(resources.files("parley.nlp").joinpath("event_lexicon.yaml")))


@cache
def default_lexicon() -> Lexicon:
    """The built-in lexicon, extended by the file named in ``PARLEY_EVENT_LEXICON`` if set."""
    return load_lexicon(os.environ.get(ENV_VAR) or None)


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, plus (or, with ``replace: true``, instead of) the entries of ``extra``."""
    base = _read(builtin_path())
    frames = _frames(base, builtin_path())
    entries = _entries(base, builtin_path(), frames)
    needs_target = _prefixes(base, builtin_path())
    if extra is not None:
        path = Path(extra)
        if not path.is_file():
            raise ConfigError(f"{path}: event lexicon not found (set {ENV_VAR} to an existing YAML file)")
        data = _read(path)
        frames = {**frames, **_frames(data, path)}
        added = _entries(data, path, frames)
        if "needs_target" in data:
            needs_target = _prefixes(data, path)
        if data.get("replace") is True:
            entries = added
        else:
            ids = {e.id for e in added}
            entries = [e for e in entries if e.id not in ids] + added
    ordered = [_with_order(e, i) for i, e in enumerate(entries)]
    return Lexicon.build(ordered, frames, needs_target)


def _with_order(entry: Entry, order: int) -> Entry:
    return Entry(**{**{f: getattr(entry, f) for f in entry.__dataclass_fields__}, "order": order})


def _read(path: Path) -> dict[str, Any]:
    data = read_yaml(path, "event lexicon")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: an event lexicon is a mapping with 'entries' (and optionally 'frames')")
    return data


def _code(value: Any, where: str, keep: bool = False) -> str:
    code = str(value) if isinstance(value, (str, int)) else ""
    if keep and code == KEEP:
        return code
    if not is_valid(code):
        raise ConfigError(
            f'{where}: {value!r} is not a CAMEO code of the table (write it quoted, e.g. "036")'
        )
    return code


def _frames(data: Mapping[str, Any], path: Path) -> dict[str, Frame]:
    raw = data.get("frames") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 'frames' must map frame names to their code tables")
    frames: dict[str, Frame] = {}
    for name, spec in raw.items():
        where = f"{path}: frame {name!r}"
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: expected a mapping with 'codes' (and optionally 'default')")
        codes_raw = spec.get("codes") or {}
        if not isinstance(codes_raw, dict):
            raise ConfigError(f"{where}: 'codes' must map CAMEO prefixes to CAMEO codes")
        codes: dict[str, str] = {}
        for prefix, code in codes_raw.items():
            prefix_text = str(prefix)
            if not prefix_text.isdigit() or len(prefix_text) < 2:
                raise ConfigError(
                    f"{where}: {prefix!r} is not a CAMEO code prefix (two or more digits, quoted)"
                )
            codes[prefix_text] = _code(code, f"{where}, prefix {prefix_text}", keep=True)
        default = spec.get("default")
        frames[str(name)] = Frame(
            name=str(name),
            codes=codes,
            default=_code(default, f"{where}, default", keep=True) if default is not None else None,
            clauses=bool(spec.get("clauses", True)),
            other_subjects=bool(spec.get("other_subjects", False)),
        )
    return frames


def _prefixes(data: Mapping[str, Any], path: Path) -> frozenset[str]:
    raw = data.get("needs_target") or []
    where = f"{path}: needs_target"
    if not isinstance(raw, list):
        raise ConfigError(f'{where}: expected a list of quoted CAMEO code prefixes ("04", "173")')
    prefixes = {str(p) if isinstance(p, (str, int)) else "" for p in raw}
    for prefix in prefixes:
        if not prefix.isdigit() or len(prefix) < 2:
            raise ConfigError(f"{where}: {prefix!r} is not a CAMEO code prefix (two or more digits, quoted)")
    return frozenset(prefixes)


def _words(value: Any, where: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: expected a word or a list of words")
    return frozenset(v.strip().lower() for v in value)


def _entries(data: Mapping[str, Any], path: Path, frames: Mapping[str, Frame]) -> list[Entry]:
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise ConfigError(f"{path}: 'entries' must be a list of trigger patterns")
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ConfigError(f"{path}: entry {number} must be a mapping")
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not entry_id:
            raise ConfigError(f"{path}: entry {number} has no 'id'")
        where = f"{path}: entry {entry_id!r}"
        if entry_id in seen:
            raise ConfigError(f"{where}: the id is used twice")
        seen.add(entry_id)
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        pos = item.get("pos", "verb")
        if pos not in POS_CLASSES:
            raise ConfigError(f"{where}: pos {pos!r} is not one of {', '.join(POS_CLASSES)}")
        frame = item.get("frame")
        if frame is not None and frame not in frames:
            raise ConfigError(f"{where}: frame {frame!r} is not defined under 'frames'")
        cameo = _code(item["cameo"], f"{where}, cameo") if item.get("cameo") is not None else None
        if cameo is None and frame is None:
            raise ConfigError(f"{where}: needs a 'cameo' code, a 'frame', or both")
        target = item.get("target", "object")
        if target not in TARGET_MODES:
            raise ConfigError(f"{where}: target {target!r} is not one of {', '.join(sorted(TARGET_MODES))}")
        owner = item.get("owner", "source")
        if owner not in OWNER_MODES:
            raise ConfigError(f"{where}: owner {owner!r} is not one of {', '.join(sorted(OWNER_MODES))}")
        with_raw = item.get("with", [])
        groups = with_raw if with_raw and all(isinstance(g, list) for g in with_raw) else [with_raw]
        with_ = tuple(_words(g, f"{where}, with") for g in groups if g)
        confidence = item.get("confidence", 0.7)
        if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
            raise ConfigError(f"{where}: confidence must be a number in (0, 1]")
        entries.append(
            Entry(
                id=entry_id,
                lemmas=_words(item.get("lemmas"), f"{where}, lemmas"),
                pos=pos,
                cameo=cameo,
                particle=_words(item["particle"], f"{where}, particle")
                if "particle" in item
                else frozenset(),
                with_=with_,
                without=_words(item["without"], f"{where}, without") if "without" in item else frozenset(),
                subject=_words(item["subject"], f"{where}, subject") if "subject" in item else frozenset(),
                frame=frame,
                target=target,
                needs_target=bool(item["needs_target"]) if item.get("needs_target") is not None else None,
                owner=owner,
                modal=_words(item["modal"], f"{where}, modal") if "modal" in item else frozenset(),
                confidence=float(confidence),
            )
        )
    return entries
