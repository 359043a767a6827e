"""The Feeds page: each watched feed's health, failing feeds first, and the latest alert matches."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from parley.store.alerts import AlertBook
from parley.store.feeds import FeedList
from parley.web.api import StoreDep
from parley.web.pages import render

RECENT_ALERTS = 50


def feeds(request: Request, store: StoreDep) -> HTMLResponse:
    """Feeds with their last fetch, status, failures, items and next fetch; recent alerts below."""
    rows = [feed.to_dict() for feed in FeedList(store).all(failing_first=True)]
    return render(request, "feeds.html", feeds=rows, alerts=AlertBook(store).recent(RECENT_ALERTS))
