"""The phrase ruler: keys, conflict policy, longest match, resource loaders."""

from __future__ import annotations

import pytest

from rasad.extract.gazetteer import Pattern, PhraseRuler, entity_ruler, key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("رئیس‌جمهور", "رئیس جمهور"),  # ZWNJ and space are one
        ("علي", "علی"),  # Arabic yeh
        ("كابل", "کابل"),  # Arabic kaf
        ("آمریکا", "امریکا"),  # alef madda folds
        ("کرهٔ جنوبی", "کره جنوبی"),  # hamza above
    ],
)
def test_gazetteer_key_folds_spelling(left: str, right: str) -> None:
    assert key(left) == key(right)


def _ruler() -> PhraseRuler:
    return PhraseRuler(
        [
            Pattern("ORG", "مجلس", country="IRN"),
            Pattern("ORG", "مجلس شورای اسلامی", country="IRN"),
            Pattern("GPE", "ایران", country="IRN"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مجلس شورای اسلامی ایران", ["مجلس شورای اسلامی", "ایران"]),  # longest first
        ("مجلس و ایران", ["مجلس", "ایران"]),
        ("ایرانی", []),  # whole tokens only
        ("رئیس مجلس‌شورای اسلامی", ["مجلس‌شورای اسلامی"]),  # any tokenization
    ],
)
def test_gazetteer_match_longest_then_earliest(text: str, expected: list[str]) -> None:
    words = text.split()
    found = [" ".join(words[m.first : m.last]) for m in _ruler().match([key(w) for w in words])]
    assert found == expected


@pytest.mark.parametrize("overwrite", [False, True])
def test_gazetteer_add_patterns_conflict(overwrite: bool) -> None:
    ruler = _ruler()
    ruler.add_patterns([Pattern("LOC", "ایران", country=None)], overwrite=overwrite)
    assert ruler.get("ايران").label == ("LOC" if overwrite else "GPE")
    assert len(ruler.patterns) == 3


@pytest.mark.parametrize(
    ("phrase", "label", "country"),
    [
        ("بلاروس", "GPE", "BLR"),
        ("امارات متحده عربی", "GPE", "ARE"),  # stefangabos spelling
        ("امارات", "GPE", "ARE"),  # mledoze spelling
        ("تهران", "GPE", "IRN"),
        ("بهارستان", "LOC", "IRN"),
        ("اتحادیه اروپا", "ORG", "EUR"),
        ("الجزیره", "ORG", "QAT"),  # the channel, not Algiers
        ("رژیم صهیونیستی", "ORG", "ISR"),
    ],
)
def test_gazetteer_resources(phrase: str, label: str, country: str) -> None:
    pat = entity_ruler().get(phrase)
    assert pat is not None and (pat.label, pat.country) == (label, country)


def test_gazetteer_candidates_are_every_pattern_span() -> None:
    """The prefix walk finds exactly the spans whose joined keys are patterns, overlaps and
    spans that end the text included."""
    text = "رئیس مجلس شورای اسلامی ایران و مجلس ، ایران"
    keys = [key(w) for w in text.split()]
    ruler = _ruler()
    every = {
        (first, last)
        for first in range(len(keys))
        for last in range(first + 1, len(keys) + 1)
        if ruler.get("".join(keys[first:last])) is not None
    }
    found = [(m.first, m.last) for m in ruler.candidates(keys)]
    assert sorted(found) == sorted(every) and len(found) == len(every)
    assert (len(keys) - 1, len(keys)) in every  # a pattern on the last token
