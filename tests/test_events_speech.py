"""Events in speech-heavy text: the speaker's voice over a paragraph, demands and denials,
coordinated heads and anaphoric bodies (hand-built documents, sentences split on '. ')."""

from __future__ import annotations

import re

import pytest
from hand_docs import build

from rasad.extract.events import find_events
from rasad.extract.quotes import find_quotes
from rasad.model import Actor, Mention, Span


def _events(text: str, extra: dict[str, tuple[str, str]] | None = None):
    """Events of `text`, a sentence ending at every '. ' and newline; `extra` adds names
    (surface → label, code) beyond hand_docs' table."""
    doc = build(text)
    doc.sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^.\n]+(?:\.|$)", text, re.M)]
    for surface, (label, code) in (extra or {}).items():
        for m in re.finditer(re.escape(surface), text):
            doc.entities.append(Mention(m.start(), m.end(), label, surface))
            doc.actors[surface] = Actor(surface, surface, code, code, None, kind=label)
    doc.entities.sort(key=lambda m: m.start)
    doc.quotes = find_quotes(doc)
    return find_events(doc)


def _key(event) -> tuple:
    parts = lambda side: sorted((p.country, p.sector) for p in side)  # noqa: E731
    return event.type, event.mode, parts(event.source), parts(event.target)


def test_rest_of_the_paragraph_is_the_speakers_voice() -> None:
    text = "مخبر گفت: همکاری ادامه دارد. دولت بلاروس نباید تحریم ها را ادامه دهد."
    assert [_key(e) for e in _events(text)] == [
        ("REQUEST", "change", [("IRN", "GOV")], [("BLR", "GOV")])
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a new paragraph is the reporter's again
        "مخبر گفت: همکاری ادامه دارد.\nدولت بلاروس نباید تحریم ها را ادامه دهد.",
        # a closed «…» quote ends the speech
        "مخبر گفت: «همکاری ادامه دارد». دولت بلاروس نباید تحریم ها را ادامه دهد.",
        # the party modifies the subject («تحولات بلاروس»): no one is addressed
        "مخبر گفت: تحولات بلاروس باید آرام باشد.",
    ],
)
def test_no_demand_without_a_voice_or_an_addressee(text: str) -> None:
    assert [e.type for e in _events(text)] == []


def test_denying_a_claim_is_disapproval_not_refusal() -> None:
    found = _events("بلاروس ادعای آمریکا را رد کرد.")
    assert [_key(e) for e in found] == [("ACCUSE", "disapprove", [("BLR", None)], [("USA", None)])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two heads before one country: the army and the police of Belarus act together
        (
            "نیروهای ارتش و پلیس بلاروس به آمریکا حمله کردند.",
            ("ASSAULT", None, [("BLR", "COP"), ("BLR", "MIL")], [("USA", None)]),
        ),
        # one head before two countries: both are governments
        (
            "روسای جمهور ایران و بلاروس دیدار کردند.",
            ("CONSULT", None, [("BLR", "GOV"), ("IRN", "GOV")], []),
        ),
        # the «با» phrase before the verb is the counterpart, not part of the topic …
        (
            "مخبر درباره برنامه هسته ای با بلاروس گفت‌وگو کرد.",
            ("CONSULT", None, [("BLR", None), ("IRN", "GOV")], []),
        ),
        # … but «همکاری با آمریکا» inside the topic stays the topic
        (
            "مخبر درباره همکاری با آمریکا با رومن گلاوچنکو گفت‌وگو کرد.",
            ("CONSULT", None, [("BLR", "GOV"), ("IRN", "GOV")], []),
        ),
    ],
)
def test_coordination_and_counterparts(text: str, expected: tuple) -> None:
    assert [_key(e) for e in _events(text)][:1] == [expected]


def test_this_union_is_the_body_named_last() -> None:
    text = "بلاروس به اتحادیه اروپا پیوست. مخبر با سران کشورهای عضو این اتحادیه دیدار کرد."
    found = _events(text, {"اتحادیه اروپا": ("ORG", "EUR")})
    assert ("EUR", "GOV") in {(p.country, p.sector) for p in found[-1].source}


def test_these_factions_are_parties() -> None:
    text = "ایران در ایران. مخبر خواستار تغییر رویه این جناح ها شد."
    found = _events(text)
    assert [_key(e) for e in found] == [("REQUEST", "change", [("IRN", "GOV")], [("IRN", "PTY")])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capital acting stands for its government …
        (
            "بلاروس تحت فشار واشنگتن قرار دارد.",
            ("REQUEST", "change", [("USA", "GOV")], [("BLR", None)]),
        ),
        # … a capital travelled to is the state as a place
        ("مخبر وارد واشنگتن شد.", ("CONSULT", "visit", [("IRN", "GOV")], [("USA", None)])),
        # the victim of a criticised deed is not the one criticised
        (
            "مخبر گفت: جنایات آمریکا علیه بلاروس ادامه دارد.",
            ("ACCUSE", "disapprove", [("IRN", "GOV")], [("USA", None)]),
        ),
        # «اظهارات X مبنی بر اینکه Y باید …»: X demands of Y, outside any quote
        (
            "مخبر در خصوص اظهارات رومن گلاوچنکو مبنی بر اینکه آمریکا باید تحریم ها را لغو"
            " کند، گفت: این سخنان درست است.",
            ("REQUEST", "change", [("BLR", "GOV")], [("USA", None)]),
        ),
        # a first-person singular predicate is the speaker's own act
        (
            "مخبر گفت: من از توافق با بلاروس خارج شدم.",
            ("SANCTION", "withdraw", [("IRN", "GOV")], [("BLR", None)]),
        ),
    ],
)
def test_voices_capitals_and_victims(text: str, expected: tuple) -> None:
    found = _events(text, {"واشنگتن": ("GPE", "USA")})
    assert [_key(e) for e in found][:1] == [expected]


def test_readiness_needs_a_named_subject() -> None:
    assert _events("مخبر گفت: ماهواره هم آماده است.") == []
    found = _events("مخبر گفت: بلاروس آماده مذاکره با آمریکا است.")
    assert [_key(e) for e in found] == [("AGREE", None, [("BLR", None)], [("USA", None)])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the demand «خواستار … شد» is both a quote cue and the REQUEST: its subject stays
        (
            "مخبر از بلاروس خواستار توسعه روابط با ایران شد.",
            [("REQUEST", None, [("IRN", "GOV")], [("BLR", None)])],
        ),
        # a criticism before it keeps its subject too, despite the «درباره» topic before it
        (
            "قالیباف از مواضع آمریکا درباره بودجه انتقاد کرد و خواستار مذاکره شد.",
            [("ACCUSE", "disapprove", [("IRN", "LEG")], [("USA", None)])],
        ),
    ],
)
def test_a_demand_cue_is_the_predicate_not_a_boundary(text: str, expected: list) -> None:
    assert [_key(e) for e in _events(text)] == expected
