"""Alerts and their deliveries, kept in the store so each match is delivered once.

An alert remembers the id of the last record it has seen; matches found above it are
written as deliveries in the same transaction that moves the mark, so a crash can
neither lose a match nor record it twice. A delivery stays pending until its JSON
Lines file and its webhook (when the alert has them) have both taken it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from parley.errors import StoreError
from parley.store.db import Store
from parley.store.feeds import iso_utc
from parley.store.watch_schema import alert_deliveries, alerts
from parley.store.write import upsert_insert, utc_naive


@dataclass(frozen=True, slots=True)
class Alert:
    """A named query whose new matches are delivered: printed, to a JSON Lines file, to a webhook."""

    id: int
    name: str
    query: str
    output: str | None
    webhook: str | None
    created_at: dt.datetime
    last_seen_id: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "query": self.query,
            "output": self.output,
            "webhook": self.webhook,
            "created_at": iso_utc(self.created_at),
            "last_seen_id": self.last_seen_id,
        }


@dataclass(frozen=True, slots=True)
class Delivery:
    """One match of one alert, and how far its delivery got."""

    id: int
    alert_id: int
    record_id: int
    payload: dict[str, Any]
    created_at: dt.datetime
    file_done: bool
    webhook_done: bool
    attempts: int
    next_try_at: dt.datetime
    last_error: str | None

    @property
    def done(self) -> bool:
        return self.file_done and self.webhook_done


def _naive(value: dt.datetime) -> dt.datetime:
    naive = utc_naive(value)
    assert naive is not None
    return naive


def _alert(row: Any) -> Alert:
    return Alert(
        int(row.id), row.name, row.query, row.output, row.webhook, row.created_at, int(row.last_seen_id)
    )


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=int(row.id),
        alert_id=int(row.alert_id),
        record_id=int(row.record_id),
        payload=json.loads(row.payload),
        created_at=row.created_at,
        file_done=bool(row.file_done),
        webhook_done=bool(row.webhook_done),
        attempts=int(row.attempts),
        next_try_at=row.next_try_at,
        last_error=row.last_error,
    )


class AlertBook:
    """The alerts of a store and their deliveries: ``AlertBook(store).add("threats", ...)``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self,
        name: str,
        query: str,
        *,
        output: str | None,
        webhook: str | None,
        last_seen_id: int,
        at: dt.datetime,
    ) -> Alert:
        """Add an alert that sees records with ids above ``last_seen_id``; StoreError if the name is taken."""
        name = name.strip()
        if not name:
            raise StoreError("an alert needs a name")
        try:
            with self.store._transaction() as conn:
                conn.execute(
                    insert(alerts).values(
                        name=name,
                        query=query,
                        output=output,
                        webhook=webhook,
                        created_at=_naive(at),
                        last_seen_id=last_seen_id,
                    )
                )
        except IntegrityError as exc:
            raise StoreError(f"alert {name!r}: there is already an alert of that name") from exc
        return self.get(name)

    def all(self) -> list[Alert]:
        """Every alert, in the order added."""
        with self.store._reading() as conn:
            return [_alert(r) for r in conn.execute(select(alerts).order_by(alerts.c.id))]

    def get(self, key: str | int) -> Alert:
        """An alert by name or id; StoreError naming ``key`` when there is none."""
        text = str(key).strip()
        condition = alerts.c.name == text
        if text.isascii() and text.isdigit():
            condition = or_(condition, alerts.c.id == int(text))
        with self.store._reading() as conn:
            row = conn.execute(select(alerts).where(condition).order_by(alerts.c.id)).first()
        if row is None:
            raise StoreError(f"alert {text!r}: no such alert (see `parley alerts list`)")
        return _alert(row)

    def remove(self, key: str | int) -> Alert:
        """Remove an alert and its deliveries, delivered or not."""
        alert = self.get(key)
        with self.store._writing() as conn:
            conn.execute(delete(alert_deliveries).where(alert_deliveries.c.alert_id == alert.id))
            conn.execute(delete(alerts).where(alerts.c.id == alert.id))
        return alert

    def record_matches(
        self, alert: Alert, matches: Sequence[tuple[int, dict[str, Any]]], *, seen_up_to: int, at: dt.datetime
    ) -> list[Delivery]:
        """Store new (record id, payload) matches as pending deliveries and move the alert's mark.

        A record already delivered for this alert is skipped; returns the new deliveries.
        """
        now = _naive(at)
        with self.store._writing() as conn:
            added: list[int] = []
            for record_id, payload in matches:
                statement = upsert_insert(conn, alert_deliveries).values(
                    alert_id=alert.id,
                    record_id=record_id,
                    payload=json.dumps(payload, ensure_ascii=False, default=str),
                    created_at=now,
                    file_done=alert.output is None,
                    webhook_done=alert.webhook is None,
                    attempts=0,
                    next_try_at=now,
                )
                # RETURNING gives no row when the conflict clause skipped the insert.
                inserted = conn.execute(statement.on_conflict_do_nothing().returning(alert_deliveries.c.id))
                if inserted.first() is not None:
                    added.append(record_id)
            conn.execute(
                update(alerts)
                .where(alerts.c.id == alert.id, alerts.c.last_seen_id < seen_up_to)
                .values(last_seen_id=seen_up_to)
            )
            if not added:
                return []
            rows = conn.execute(
                select(alert_deliveries)
                .where(alert_deliveries.c.alert_id == alert.id, alert_deliveries.c.record_id.in_(added))
                .order_by(alert_deliveries.c.id)
            )
            return [_delivery(r) for r in rows]

    def pending(self, *, due: dt.datetime) -> list[tuple[Alert, Delivery]]:
        """Deliveries not yet done whose next try is due, oldest first, with their alerts."""
        query = (
            select(alert_deliveries)
            .where(
                or_(alert_deliveries.c.file_done.is_(False), alert_deliveries.c.webhook_done.is_(False)),
                alert_deliveries.c.next_try_at <= _naive(due),
            )
            .order_by(alert_deliveries.c.id)
        )
        with self.store._reading() as conn:
            found = [_delivery(r) for r in conn.execute(query)]
            by_id = {int(r.id): _alert(r) for r in conn.execute(select(alerts))}
        return [(by_id[d.alert_id], d) for d in found if d.alert_id in by_id]

    def update_delivery(
        self,
        delivery_id: int,
        *,
        file_done: bool,
        webhook_done: bool,
        attempts: int,
        next_try: dt.datetime,
        error: str | None,
    ) -> None:
        """Record how far a delivery got, and when to try the rest again."""
        with self.store._writing() as conn:
            conn.execute(
                update(alert_deliveries)
                .where(alert_deliveries.c.id == delivery_id)
                .values(
                    file_done=file_done,
                    webhook_done=webhook_done,
                    attempts=attempts,
                    next_try_at=_naive(next_try),
                    last_error=error,
                )
            )

    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest matches of every alert, newest first, as JSON-ready dicts."""
        query = (
            select(alert_deliveries, alerts.c.name.label("alert"))
            .join(alerts, alerts.c.id == alert_deliveries.c.alert_id)
            .order_by(alert_deliveries.c.id.desc())
            .limit(limit)
        )
        with self.store._reading() as conn:
            rows = list(conn.execute(query))
        out = []
        for row in rows:
            delivery = _delivery(row)
            out.append(
                {
                    "id": delivery.id,
                    "alert": row.alert,
                    "record_id": delivery.record_id,
                    "record": delivery.payload.get("record"),
                    "kind": delivery.payload.get("kind"),
                    "matched_at": iso_utc(delivery.created_at),
                    "delivered": delivery.done,
                    "attempts": delivery.attempts,
                    "last_error": delivery.last_error,
                }
            )
        return out
