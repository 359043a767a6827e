"""Reading gold files: the seed format (one article, hand-made gold) and the PLOVER gold standard.

A seed gold file is a JSON object with ``article`` (the text file, relative to the gold
file's folder) and ``quotes``, ``events``, ``positions`` and/or ``shifts``. A PLOVER gold
file is a JSON object whose ``records`` are one-sentence examples with ``text`` and
``event``. Anything else is a :class:`~parley.errors.GoldError` naming the file and what
is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from parley.errors import GoldError

GoldKind = Literal["seed", "plover"]


@dataclass(frozen=True, slots=True)
class GoldFile:
    """A gold file that has been read and checked.

    ``data`` is the whole JSON object. For the seed format ``article`` is the article's
    path and ``published`` the date to assume for it (``assume_published``); for the
    PLOVER format ``records`` holds the example records.
    """

    path: Path
    kind: GoldKind
    data: Mapping[str, Any]
    article: Path | None = None
    published: dt.date | None = None
    records: tuple[Mapping[str, Any], ...] = field(default=())


def load_gold(path: Path | str) -> GoldFile:
    """Read a gold file and tell its format, or raise GoldError saying why it cannot be used."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise GoldError(f"{path}: not valid JSON ({where}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: a gold file must hold a JSON object, found {type(data).__name__}")
    if "article" in data and any(k in data for k in ("quotes", "events", "positions", "shifts")):
        return _seed(path, data)
    if isinstance(data.get("records"), list):
        return _plover(path, data)
    raise GoldError(
        f"{path}: not a gold format parley knows (a seed gold needs 'article' and 'quotes', "
        "'events', 'positions' or 'shifts'; a PLOVER gold needs 'records')"
    )


def gold_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The gold files named by ``paths``: files as given, folders searched for ``*.json`` files."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*.json") if f.is_file())
            if not found:
                raise GoldError(f"{path}: the folder holds no .json gold files")
            yield from found
        else:
            yield path


def _seed(path: Path, data: dict[str, Any]) -> GoldFile:
    article = data["article"]
    if not isinstance(article, str) or not article:
        raise GoldError(f"{path}: 'article' must be the name of the article's text file")
    article_path = path.parent / article
    if not article_path.is_file():
        raise GoldError(f"{path}: its article {article_path} does not exist")
    published = None
    if data.get("assume_published") is not None:
        try:
            published = dt.date.fromisoformat(str(data["assume_published"]))
        except ValueError:
            raise GoldError(
                f"{path}: 'assume_published' must be a YYYY-MM-DD date, not {data['assume_published']!r}"
            ) from None
    _check_items(path, data, "quotes", {"text": str})
    _check_items(path, data, "events", {"sentence": str, "cameo_root": list})
    _check_items(path, data, "actors", {"mention": str})
    _check_items(path, data, "positions", {"actor": str, "issue": str, "stance": str, "evidence": str})
    _check_items(path, data, "shifts", {"actor": str, "issue": str, "from": str, "to": str})
    for i, event in enumerate(data.get("events") or []):
        if event.get("target") is not None and not isinstance(event["target"], list):
            raise GoldError(f"{path}: events[{i}].target must be a list of countries or null")
        if "source" not in event:
            raise GoldError(f"{path}: events[{i}] has no 'source' (use null for no source country)")
    clean = data.get("clean")
    if clean is not None and not isinstance(clean, dict):
        raise GoldError(f"{path}: 'clean' must be an object")
    return GoldFile(path, "seed", data, article=article_path, published=published)


def _plover(path: Path, data: dict[str, Any]) -> GoldFile:
    records = data["records"]
    for i, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record.get("event"):
            raise GoldError(f"{path}: records[{i}] must be an object with 'text' and 'event'")
    return GoldFile(path, "plover", data, records=tuple(records))


def _check_items(path: Path, data: Mapping[str, Any], key: str, fields: Mapping[str, type]) -> None:
    items = data.get(key)
    if items is None:
        return
    if not isinstance(items, list):
        raise GoldError(f"{path}: '{key}' must be a list")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise GoldError(f"{path}: {key}[{i}] must be an object")
        for name, kind in fields.items():
            if not isinstance(item.get(name), kind):
                raise GoldError(f"{path}: {key}[{i}].{name} must be a {kind.__name__}")
