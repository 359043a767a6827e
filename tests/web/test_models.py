"""The API's response models are generated from the records the store returns."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from parley.records import ActorRef, Plover, StoredEvent, StoredQuote
from parley.web.models import ArticleDetail, ArticleEvent, EventRow, Stats, model_of


def test_a_generated_model_takes_a_records_dict_and_gives_it_back() -> None:
    quote = StoredQuote(
        "We will not", 0, 11, "direct", ActorRef("Russia", "RUS", "GOV"), (20, 26), "said", id=4
    )
    model = model_of(StoredQuote)
    assert model.model_validate(quote.to_dict()).model_dump(mode="json") == quote.to_dict()


def test_optional_fields_default_to_none_and_required_ones_are_required() -> None:
    model = model_of(StoredQuote)
    assert model.model_fields["speaker"].is_required() is False
    assert model.model_fields["text"].is_required() is True
    with pytest.raises(ValidationError, match="kind"):
        model.model_validate({"id": 1, "text": "x", "start": 0, "end": 1, "kind": "shouted"})


def test_fields_the_api_never_sent_stay_out() -> None:
    assert {"origin", "source", "ingested_at"}.isdisjoint(ArticleDetail.model_fields)
    assert {"quote_id", "quad_class", "sentence_text"}.isdisjoint(ArticleEvent.model_fields)
    assert {"quote_id", "quad_class", "sentence_text", "article_id"} <= set(EventRow.model_fields)
    assert "sources_done" not in Stats.model_fields


def test_an_article_event_serialises_as_the_contract_says() -> None:
    event = StoredEvent(
        None, None, "010", "01", Plover(None), (0, 4), (0, 4), date=dt.date(2025, 5, 2), id=9, quad_class=1
    )
    dumped = ArticleEvent.model_validate(event.to_dict()).model_dump(mode="json")
    assert dumped["date"] == "2025-05-02" and dumped["sentence"] == [0, 4]
    assert "quad_class" not in dumped
