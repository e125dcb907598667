"""Error classes left over after three readings of unseen Fars articles (test_events_unseen*.py):
a court's sentence read as a censure, one deed told twice in a sentence, parties of a «ضمن …،»
side phrase taken as the main verb's recipients. Sentences are written for these tests in the
style of the news; each exclusion comes with a control. Runs the default pipeline."""

from __future__ import annotations

from dataclasses import replace

import pytest

import rasad
from rasad.extract.events import _merged, _same_deed
from rasad.model import Event, Participant


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
        # a long fine
        "دادگاه ترکیه یک شرکت ایرانی را به پرداخت مبلغ دو میلیارد و ۵۰ میلیون لیر جریمه نقدی"
        " در حق صندوق دولت محکوم کرد.",
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


def test_one_deed_told_by_a_noun_and_a_verb_is_one_event() -> None:
    """The noun gets no date, the past verb the publication date: still one attack, the verb's."""
    text = "درگیری‌ها زمانی آغاز شد که شبه‌نظامیان به یک کاروان نظامیان آمریکا حمله کردند."
    doc = rasad.extract(text, published="2024-10-09")
    attacks = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(attacks) == 1
    assert doc.text[attacks[0].trigger_start : attacks[0].trigger_end] == "حمله کردند"
    assert attacks[0].date == "2024-10-09"
    assert [(p.country, p.sector) for p in attacks[0].target] == [("USA", "MIL")]


def _event(date: str | None, *parties: tuple[str, str | None], at: int = 0) -> Event:
    return Event(
        type="ASSAULT",
        evidence_start=0,
        evidence_end=40,
        trigger_start=at,
        trigger_end=at + 4,
        date=date,
        target=[Participant(0, 1, None, country, sector) for country, sector in parties],
    )


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        (_event(None, ("USA", "MIL")), _event("2024-10-09", ("USA", "MIL")), True),
        # a bare country beside the same country with a sector: one party
        (_event(None, ("IRQ", None)), _event(None, ("IRQ", "MIL")), True),
        # two stated dates, two sectors of one state, another country: other deeds
        (_event("2024-10-08", ("USA", "MIL")), _event("2024-10-09", ("USA", "MIL")), False),
        (_event(None, ("IRQ", "GOV")), _event(None, ("IRQ", "MIL")), False),
        (_event(None, ("IRQ", None)), _event(None, ("IRQ", None), ("USA", None)), False),
    ],
)
def test_same_deed(one: Event, other: Event, same: bool) -> None:
    assert _same_deed(one, other) is same


def test_an_unresolved_date_phrase_is_a_date_of_its_own() -> None:
    """«روز گذشته … وارد شد، امروز … دیدار کرد» without a publication date: the first is
    undated because its phrase is unresolved, not because none was stated."""
    undated, dated = _event(None, ("USA", "MIL")), _event("2024-10-09", ("USA", "MIL"))
    assert not _same_deed(undated, dated, stated=True)


def test_merged_keeps_the_verb_and_unites_parties_and_date() -> None:
    text = "درگیری‌ها آغاز شد و حمله کردند"
    noun = _event(None, ("IRQ", None), at=0)
    verb = _event("2024-10-09", ("IRQ", "MIL"), at=text.index("حمله"))
    verb = replace(verb, trigger_end=len(text))
    merged = _merged(text, noun, verb)
    assert merged.trigger_start == text.index("حمله")
    assert merged.date == "2024-10-09"
    assert [(p.country, p.sector) for p in merged.target] == [("IRQ", "MIL")]


@pytest.mark.parametrize(
    ("text", "kind", "recipients"),
    [
        # the predicate's own «از/به» complement, a party or not, is whom it addresses
        (
            "وزیر خارجه ایران ضمن اعلام حمایت از دولت عراق، از کشورهای منطقه خواست به ثبات"
            " این کشور کمک کنند.",
            "REQUEST",
            None,
        ),
        (
            "سخنگوی وزارت خارجه ایران ضمن ابراز نگرانی از وضعیت لبنان، به طرف‌های درگیر"
            " هشدار داد.",
            "THREATEN",
            None,
        ),
        (
            "وزیر خارجه ایران ضمن اعلام حمایت از دولت عراق، از آمریکا خواست نیروهایش را خارج"
            " کند.",
            "REQUEST",
            {"USA"},
        ),
        # control: a manner phrase is no complement; «آن» takes up the side phrase's party
        (
            "وزیر خارجه ایران ضمن اشاره به حمله اسرائیل به لبنان، آن را به شدت محکوم کرد.",
            "ACCUSE",
            {"ISR"},
        ),
    ],
)
def test_side_phrase_party_is_no_recipient_of_a_predicate_with_its_own_complement(
    text: str, kind: str, recipients: set[str] | None
) -> None:
    found = [e for e in _events(text) if e[0] == kind]
    if recipients is None:  # whatever is coded, never with the side phrase's party
        assert all(e[3] <= {"IRN"} for e in found)
    else:
        assert [e[3] for e in found] == [recipients]
