"""Alerts: a list command's query kept under a name, matched against new records and delivered once.

A query is written as on the command line, ``events --source RUS --type THREATEN`` or
``quotes --speaker Lavrov --search ceasefire``. Each kind of record is a ``QueryKind``
in ``KINDS``: its options, how to read its records newest first, and how to describe
one in a line. Positions and shifts join by registering their own kind.

``check_alerts`` finds each alert's new matches (records with an id above the alert's
mark) and stores them as deliveries; ``deliver`` then prints them, appends them to the
alert's JSON Lines file and POSTs them to its webhook, retrying with backoff and
keeping what failed for a later round.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from parley.config import USER_AGENT
from parley.errors import ConfigError
from parley.limits import MAX_LIMIT
from parley.ontology.plover import canonical_type
from parley.store import Store
from parley.store.alerts import Alert, AlertBook

Reader = Callable[[Store, Mapping[str, Any], int | None], list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class QueryKind:
    """One kind of record an alert can watch: the list command's options and how to read and show it."""

    name: str  # the list command: "events", "quotes"
    record: str  # what one record is called in messages: "event", "quote"
    options: Mapping[str, str]  # command-line option -> keyword of ``read``
    read: Reader  # (store, filters, after) -> records newest first, ids below ``after``
    describe: Callable[[dict[str, Any]], str]
    dates: frozenset[str] = frozenset({"since", "until"})  # keywords whose values are YYYY-MM-DD
    convert: Mapping[str, Callable[[str], str]] = field(default_factory=dict)


def _events(store: Store, filters: Mapping[str, Any], after: int | None) -> list[dict[str, Any]]:
    return [row.to_dict() for row in store.events(**filters, limit=MAX_LIMIT, after=after)]


def _quotes(store: Store, filters: Mapping[str, Any], after: int | None) -> list[dict[str, Any]]:
    return [row.to_dict() for row in store.quotes(**filters, limit=MAX_LIMIT, after=after)]


def _name(ref: Any) -> str:
    return str(ref.get("name")) if isinstance(ref, dict) and ref.get("name") else "?"


def _describe_event(event: dict[str, Any]) -> str:
    plover = event.get("plover") or {}
    what = plover.get("type") or f"CAMEO {event.get('cameo')}"
    target = f" {_name(event.get('target'))}" if event.get("target") else ""
    sentence = " ".join(str(event.get("sentence_text") or "").split())
    return f"{_name(event.get('source'))} {what}{target}: {sentence}"


def _describe_quote(quote: dict[str, Any]) -> str:
    return f'{_name(quote.get("speaker"))}: "{" ".join(str(quote.get("text") or "").split())}"'


KINDS: dict[str, QueryKind] = {}


def register_kind(kind: QueryKind) -> None:
    """Make a kind of record available to alert queries (positions and shifts plug in here)."""
    KINDS[kind.name] = kind


register_kind(
    QueryKind(
        name="events",
        record="event",
        options={
            "--source": "source",
            "--target": "target",
            "--type": "type",
            "--cameo": "cameo",
            "--since": "since",
            "--until": "until",
        },
        read=_events,
        describe=_describe_event,
        convert={"type": canonical_type},
    )
)
register_kind(
    QueryKind(
        name="quotes",
        record="quote",
        options={
            "--speaker": "speaker",
            "--country": "country",
            "--search": "search",
            "-s": "search",
            "--since": "since",
            "--until": "until",
        },
        read=_quotes,
        describe=_describe_quote,
    )
)


@dataclass(frozen=True, slots=True)
class AlertQuery:
    """A parsed alert query: the kind of record and the filters of its list command."""

    kind: QueryKind
    filters: Mapping[str, Any]

    @classmethod
    def parse(cls, text: str) -> AlertQuery:
        """Parse ``events --source RUS --type THREATEN``; ConfigError naming what is wrong."""
        try:
            words = shlex.split(text)
        except ValueError as exc:
            raise ConfigError(f"alert query {text!r}: {exc}") from None
        if not words or words[0] not in KINDS:
            raise ConfigError(
                f"alert query {text!r}: it must start with one of {', '.join(sorted(KINDS))}, "
                "like `events --source RUS --type THREATEN`"
            )
        kind = KINDS[words[0]]
        filters: dict[str, Any] = {}
        rest = words[1:]
        while rest:
            option, rest = rest[0], rest[1:]
            value: str | None = None
            if "=" in option and option.startswith("--"):
                option, value = option.split("=", 1)
            if option not in kind.options:
                raise ConfigError(
                    f"alert query {text!r}: {kind.name} has no option {option}; "
                    f"it has {', '.join(sorted(kind.options))}"
                )
            if value is None:
                if not rest:
                    raise ConfigError(f"alert query {text!r}: {option} needs a value")
                value, rest = rest[0], rest[1:]
            keyword = kind.options[option]
            filters[keyword] = _value(text, option, keyword, value, kind)
        return cls(kind, filters)


def _value(text: str, option: str, keyword: str, value: str, kind: QueryKind) -> Any:
    if keyword in kind.dates:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"alert query {text!r}: {option} {value!r} is not a YYYY-MM-DD date") from None
    convert = kind.convert.get(keyword)
    return convert(value) if convert else value


def latest_id(store: Store, query: AlertQuery) -> int:
    """The id of the newest record of the query's kind (0 when there is none): a new alert starts above it."""
    newest = query.kind.read(store, {}, None)
    return max((int(r["id"]) for r in newest), default=0)


def new_matches(store: Store, query: AlertQuery, above: int) -> list[dict[str, Any]]:
    """The records matching ``query`` with an id above ``above``, oldest first."""
    found: list[dict[str, Any]] = []
    after: int | None = None
    while True:
        page = query.kind.read(store, query.filters, after)
        fresh = [r for r in page if int(r["id"]) > above]
        found.extend(fresh)
        if len(fresh) < len(page) or len(page) < MAX_LIMIT:
            break
        after = int(page[-1]["id"])
    return sorted(found, key=lambda r: int(r["id"]))


def add_alert(
    store: Store,
    name: str,
    query: str,
    *,
    output: Path | None = None,
    webhook: str | None = None,
    at: dt.datetime | None = None,
) -> Alert:
    """Add an alert that fires for records stored from now on (never for those already stored)."""
    parsed = AlertQuery.parse(query)
    if webhook is not None and not webhook.lower().startswith(("http://", "https://")):
        raise ConfigError(f"--webhook {webhook!r}: must be an http:// or https:// URL")
    return AlertBook(store).add(
        name,
        query,
        output=str(output.expanduser().resolve()) if output else None,
        webhook=webhook,
        last_seen_id=latest_id(store, parsed),
        at=at or dt.datetime.now(dt.UTC),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """A new match, as printed and delivered."""

    alert: str
    text: str  # one line: "alert threats: event 12: Russia THREATEN Ukraine: <sentence>"
    payload: dict[str, Any]


@dataclass(slots=True)
class AlertCheck:
    """What one check found: new matches, and alerts that could not be checked (with why)."""

    matches: list[Match] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_alerts(store: Store, *, at: dt.datetime) -> AlertCheck:
    """Find every alert's new matches and store them as deliveries; return them for printing.

    An alert whose query this Parley cannot read (say, of a kind a newer one added) is
    reported and skipped, so it holds up no other.
    """
    book = AlertBook(store)
    found = AlertCheck()
    for alert in book.all():
        try:
            query = AlertQuery.parse(alert.query)
        except ConfigError as exc:
            found.problems.append(f"alert {alert.name}: skipped: {exc}")
            continue
        # Read the newest id first: a record stored while matching waits for the next check.
        seen_up_to = max(alert.last_seen_id, latest_id(store, query))
        records = [r for r in new_matches(store, query, alert.last_seen_id) if int(r["id"]) <= seen_up_to]
        matches = [(int(r["id"]), _payload(alert, query, r, at)) for r in records]
        for delivery in book.record_matches(alert, matches, seen_up_to=seen_up_to, at=at):
            record = delivery.payload["record"]
            line = f"alert {alert.name}: {query.kind.record} {record['id']}: {query.kind.describe(record)}"
            found.matches.append(Match(alert.name, line, delivery.payload))
    return found


def _payload(alert: Alert, query: AlertQuery, record: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
    return {
        "alert": alert.name,
        "query": alert.query,
        "kind": query.kind.record,
        "matched_at": at.astimezone(dt.UTC).isoformat(),
        "record": record,
    }


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """How alerts are delivered: webhook timeout, tries within a round, backoff between rounds."""

    timeout: float = 10.0  # seconds per webhook POST
    tries: int = 3  # POSTs within one round before the delivery waits for a later round
    retry_delay: float = 1.0  # seconds before the second POST of a round; doubles after each
    backoff: dt.timedelta = dt.timedelta(minutes=1)  # before the next round's tries; doubles, capped
    max_backoff: dt.timedelta = dt.timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.tries < 1:
            raise ConfigError(f"tries {self.tries}: must be at least 1")
        if self.timeout <= 0 or self.retry_delay < 0:
            raise ConfigError("webhook timeout must be positive and retry delay not negative")


@dataclass(slots=True)
class DeliveryReport:
    """What one pass of ``deliver`` did."""

    delivered: int = 0
    failed: list[str] = field(default_factory=list)  # one message per delivery kept for later


def deliver(
    store: Store,
    *,
    at: dt.datetime,
    options: DeliveryOptions | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """Deliver every pending match that is due to its file and webhook; keep failures for later."""
    options = options or DeliveryOptions()
    book = AlertBook(store)
    report = DeliveryReport()
    pending = book.pending(due=at)
    if not pending:
        return report
    with httpx.Client(
        transport=transport, timeout=options.timeout, headers={"User-Agent": USER_AGENT}
    ) as client:
        for alert, delivery in pending:
            file_done, webhook_done, error = delivery.file_done, delivery.webhook_done, None
            attempts = delivery.attempts
            if not file_done and alert.output:
                try:
                    _append(Path(alert.output), delivery.payload)
                    file_done = True
                except OSError as exc:
                    error = f"{alert.output}: {exc.strerror or exc}"
            if not webhook_done and alert.webhook:
                tried, webhook_error = _post(client, alert.webhook, delivery.payload, options, sleep)
                attempts += tried
                webhook_done = webhook_error is None
                error = error or webhook_error
            failures = attempts if error else 0
            backoff = min(options.backoff * 2 ** max(failures - 1, 0), options.max_backoff)
            book.update_delivery(
                delivery.id,
                file_done=file_done,
                webhook_done=webhook_done,
                attempts=attempts,
                next_try=at + backoff if error else at,
                error=error,
            )
            if error:
                report.failed.append(
                    f"alert {alert.name}: record {delivery.record_id} not delivered: {error}"
                )
            else:
                report.delivered += 1
    return report


def _append(path: Path, payload: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")


def _post(
    client: httpx.Client,
    url: str,
    payload: dict[str, Any],
    options: DeliveryOptions,
    sleep: Callable[[float], None],
) -> tuple[int, str | None]:
    """POST ``payload`` up to ``options.tries`` times; (tries made, last error or None)."""
    delay = options.retry_delay
    error: str | None = None
    for attempt in range(1, options.tries + 1):
        try:
            answer = client.post(url, json=payload)
            if 200 <= answer.status_code < 300:
                return attempt, None
            error = f"webhook {url} answered HTTP {answer.status_code}"
        except httpx.HTTPError as exc:
            error = f"webhook {url} failed ({exc or type(exc).__name__})"
        if attempt < options.tries:
            sleep(delay)
            delay *= 2
    return options.tries, error
