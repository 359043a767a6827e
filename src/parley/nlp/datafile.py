"""Reading Parley's YAML data files (the event lexicon, the word lists) and a user's own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from parley.errors import ConfigError

# libyaml's parser when it is there: the built-in files are read at every process start.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """YAML 1.1 without yes/no/on/off as booleans: "call on" needs the particle ``on``."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(path: Path, what: str) -> Any:
    """The content of a YAML file; ``what`` names the file's kind in the error."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the {what}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: the {what} is not valid YAML: {exc}") from exc
