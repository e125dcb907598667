"""Subject resolution: names, pronouns, titles, surnames and bodies → actors."""

from __future__ import annotations

import pytest
from hand_docs import build

from rasad.extract.coref import (
    Resolved,
    Tracker,
    _publisher,
    clause_start,
    in_subject_position,
    person_actor,
    resolve_subject,
)
from rasad.model import Document, Mention, Span


def _subject(text: str, line: int, tracker: Tracker | None = None) -> str | None:
    doc = build(text)
    sent = doc.sentences[line]
    who = resolve_subject(doc, sent.start, sent.end, tracker or Tracker())
    return who.actor_id if who else None


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("محمد مخبر با ایران دیدار کرد", 0, "mokhber"),
        ("به گزارش خبرگزاری مهر، ایگور سرگینکو وارد تهران شد", 0, "sergeenko"),
        ("معاون اول رئیس جمهور گفت", 0, None),  # no Iranian GOV person named anywhere
        ("محمد مخبر آمد\nمعاون اول رئیس جمهور گفت", 1, "mokhber"),
        ("نخست وزیر بلاروس نیز گفت\nرومن گلاوچنکو تصریح کرد", 0, "golovchenko"),
        ("رویترز گزارش داد", 0, "reuters"),
        ("یک مقام آگاه گفت", 0, None),
        ("دیروز در نشستی با حضور بلاروس گفت", 0, None),  # a state deep in the clause is no body
    ],
)
def test_resolve_subject(text: str, line: int, expected: str | None) -> None:
    assert _subject(text, line) == expected


def test_pronoun_prefers_the_newly_introduced_subject() -> None:
    doc = build("مخبر گفت: خوب است\nرومن گلاوچنکو به تهران آمد\nوی گفت: خوب است")
    tracker = Tracker()
    tracker.spoke(Resolved("mokhber", None, (0, 4)), 0)
    third = doc.sentences[2]
    assert resolve_subject(doc, third.start, third.end, tracker).actor_id == "golovchenko"


def test_pronoun_falls_back_to_last_speaker() -> None:
    doc = build("محمد مخبر گفت: خوب است\nدو کشور همکاری دارند\nوی افزود: بله")
    tracker = Tracker()
    tracker.spoke(Resolved("mokhber", None, (0, 9)), 10)
    third = doc.sentences[2]
    who = resolve_subject(doc, third.start, third.end, tracker)
    assert who.actor_id == "mokhber"
    assert doc.text[slice(*who.as_written)] == "وی"


def test_surname_borrows_full_name_actor() -> None:
    doc = build("محمد مخبر آمد\nمخبر گفت")
    surname = doc.entities[-1]
    surname.actor_id = None
    assert person_actor(doc, surname) == "mokhber"


def test_surname_follows_the_article_full_name_over_its_own_link() -> None:
    # «لاریجانی» after «فاضل لاریجانی» is Fazel, whatever the bare surname was linked to
    doc = build("محمد مخبر آمد\nمخبر گفت")
    doc.entities[0].actor_id = "another_mokhber"
    assert person_actor(doc, doc.entities[-1]) == "another_mokhber"
    # control: with no full name before it a surname keeps its own link
    alone = build("مخبر گفت")
    assert person_actor(alone, alone.entities[0]) == "mokhber"


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("به گزارش خبرگزاری مهر، مخبر گفت", "به گزارش خبرگزاری مهر،"),
        ("مخبر گفت", ""),
        # without its comma: up to the person named right after the outlet or place
        ("به گزارش خبرگزاری مهر از تهران محمد مخبر گفت", "به گزارش خبرگزاری مهر از تهران "),
        ("به گزارش خبرگزاری مهر تهران آرام است", ""),  # control: no person follows
    ],
)
def test_clause_start_skips_source_line(text: str, skipped: str) -> None:
    doc = build(text)
    assert doc.text[: clause_start(doc, 0, len(text))] == skipped


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("مخبر گفت", "مخبر", True),
        ("روز دوشنبه مخبر گفت", "مخبر", True),
        ("در دیدار با ایران، مخبر گفت", "مخبر", True),
        ("با وجود این که مخبر گفت", "مخبر", False),
        ("در دیدار با ایران گفت", "ایران", False),
        ("دولت ایران اعلام کرد", "ایران", True),
        ("مقامات ایران اعلام کردند", "ایران", False),
        ("شبکه خبری رویترز اعلام کرد", "رویترز", True),
        ("این در حالی است که رویترز گزارش داد", "رویترز", True),
    ],
)
def test_subject_position(text: str, surface: str, expected: bool) -> None:
    doc = build(text)
    (ment,) = [m for m in doc.entities if doc.text[m.start : m.end] == surface]
    assert in_subject_position(doc, 0, ment) is expected


def test_title_refers_back_only_to_a_compatible_speaker() -> None:
    doc = build("رومن گلاوچنکو گفت: خوب است\nمعاون اول رئیس جمهور افزود: بله")
    tracker = Tracker()
    tracker.spoke(Resolved("golovchenko", doc.entities[0], (0, 13)), 14)
    second = doc.sentences[1]
    # the Iranian title cannot be the Belarusian speaker
    assert resolve_subject(doc, second.start, second.end, tracker).actor_id is None


@pytest.mark.parametrize(
    ("third_line", "expected"),
    [
        # «رئیس پارلمان …» was his title: «نخست وزیر …» is someone else
        ("نخست وزیر بلاروس افزود: بله", None),
        ("رئیس پارلمان بلاروس افزود: بله", "sergeenko"),  # control: the same head
    ],
)
def test_title_given_earlier_limits_who_a_title_refers_to(
    third_line: str, expected: str | None
) -> None:
    doc = build(f"ایگور سرگینکو گفت: خوب است\nرئیس پارلمان بلاروس افزود: نه\n{third_line}")
    given = min(doc.roles, key=lambda r: r.start)
    given.holder_actor_id = "sergeenko"  # bound to him by the entities stage
    tracker = Tracker()
    tracker.spoke(Resolved("sergeenko", doc.entities[0], (0, 13)), 14)
    third = doc.sentences[2]
    who = resolve_subject(doc, third.start, third.end, tracker)
    assert (who.actor_id if who else None) == expected


def test_title_with_another_head_is_not_the_last_speaker() -> None:
    # the speaker's own title is the one written right after his name, bound or not
    doc = build("رومن گلاوچنکو، نخست وزیر بلاروس گفت: خوب است\nرئیس پارلمان بلاروس افزود: بله")
    tracker = Tracker()
    tracker.spoke(Resolved("golovchenko", doc.entities[0], (0, 13)), 14)
    second = doc.sentences[1]
    assert resolve_subject(doc, second.start, second.end, tracker).actor_id != "golovchenko"
    # control: the same title head does refer back
    doc = build("رومن گلاوچنکو، نخست وزیر بلاروس گفت: خوب است\nنخست وزیر بلاروس افزود: بله")
    second = doc.sentences[1]
    assert resolve_subject(doc, second.start, second.end, tracker).actor_id == "golovchenko"


@pytest.mark.parametrize(
    ("second_line", "expected"),
    [
        # bound to a name in the next sentence (a guess): the recent speaker wins
        ("رئیس پارلمان بلاروس افزود: بله\nرومن گلاوچنکو آمد", "sergeenko"),
        # control: a holder named in the title's own sentence is trusted
        ("رئیس پارلمان بلاروس رومن گلاوچنکو افزود: بله", "golovchenko"),
    ],
)
def test_holder_bound_in_another_sentence(second_line: str, expected: str) -> None:
    doc = build(f"ایگور سرگینکو گفت: خوب است\n{second_line}")
    ment = [m for m in doc.entities if m.actor_id == "golovchenko"][0]
    role = doc.roles[0]
    role.holder_actor_id, role.holder_mention = ment.actor_id, (ment.start, ment.end)
    tracker = Tracker()
    tracker.spoke(Resolved("sergeenko", doc.entities[0], (0, 13)), 14)
    second = doc.sentences[1]
    assert resolve_subject(doc, second.start, second.end, tracker).actor_id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attribution's announcer is never the antecedent of «وی» …
        ("بنابر اعلام قالیباف، محمد مخبر به تهران آمد\nوی گفت", "mokhber"),
        ("طبق اعلام قالیباف، محمد مخبر به تهران آمد\nوی گفت", "mokhber"),
        # … however many attributions are chained before the subject
        ("به گزارش خبرگزاری مهر، بنابر اعلام قالیباف، مخبر به تهران آمد\nوی گفت", "mokhber"),
        ("محمد مخبر به تهران آمد\nبنابر اعلام قالیباف، بلاروس آماده است\nوی گفت", "mokhber"),
        # control: a subject without an attribution before it is the antecedent
        ("قالیباف اعلام کرد که محمد مخبر به تهران آمد\nوی گفت", "ghalibaf"),
    ],
)
def test_pronoun_skips_announcers(text: str, expected: str) -> None:
    assert _subject(text, text.count("\n")) == expected


def test_chained_source_lines_are_skipped() -> None:
    text = "به گزارش خبرگزاری مهر، به نقل از رویترز، مخبر آمد"
    assert build(text).text[clause_start(build(text), 0, len(text)) :].strip() == "مخبر آمد"


def test_an_outlet_before_the_first_sentence_is_no_publisher() -> None:
    """A mention ahead of the first sentence (a headline kept apart) must not break the check."""
    doc = Document(id="t", raw="خبرگزاری فارس. به گزارش خبرگزاری فارس، وزیر گفت.")
    doc.sentences = [Span(15, len(doc.text))]
    before = Mention(0, 13, "ORG", None, origin="gazetteer")
    doc.entities = [before]
    assert _publisher(doc, before) is False
