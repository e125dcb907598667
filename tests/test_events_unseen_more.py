"""Error classes left over after three readings of unseen Fars articles (test_events_unseen*.py):
a court's sentence read as a censure, one deed told twice in a sentence, parties of a «ضمن …،»
side phrase taken as the main verb's recipients. Sentences are written for these tests in the
style of the news; each exclusion comes with a control. Runs the default pipeline."""

from __future__ import annotations

import pytest

import rasad


def _events(text: str) -> list[tuple[str, str | None, set[str], set[str]]]:
    """(type, mode, actor countries, recipient countries) of every event in `text`."""
    return [
        (e.type, e.mode, {p.country for p in e.source}, {p.country for p in e.target})
        for e in rasad.extract(text).events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "دادگاه ترکیه یک روزنامه‌نگار ایرانی را به ۳ سال محکوم کرد.",
        "دادگاه ترکیه یک روزنامه‌نگار ایرانی را به تبعید محکوم کرد.",
        "دادگاه ترکیه یک روزنامه‌نگار ایرانی را به اتهام جاسوسی محکوم کرد.",
        "یک روزنامه‌نگار ایرانی در ترکیه محکوم به اعدام شد.",
        "مقامات ترکیه یک روزنامه‌نگار ایرانی را محکوم به پرداخت جریمه کردند.",
    ],
)
def test_court_sentence_is_a_conviction_never_a_censure(text: str) -> None:
    found = _events(text)
    assert not [e for e in found if e[0] == "ACCUSE"]
    assert [e for e in found if e[:2] == ("SANCTION", "convict") and "IRN" in e[3]]


@pytest.mark.parametrize(
    "text",
    [
        "ایران حمله ترکیه به عراق را به شدت محکوم کرد.",
        "ایران حمله ترکیه به عراق را به اتفاق آرا محکوم کرد.",
        "ایران ترکیه را به دلیل حمله به عراق محکوم کرد.",
        "ایران حمله ترکیه را به صورت رسمی محکوم کرد.",
    ],
)
def test_censure_with_a_manner_or_reason_phrase_stays_accuse(text: str) -> None:
    assert [e for e in _events(text) if e[:3] == ("ACCUSE", "disapprove", {"IRN"})]
