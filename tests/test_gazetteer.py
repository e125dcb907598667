"""The phrase ruler: keys, conflict policy, longest match, resource loaders."""

from __future__ import annotations

import pytest

from rasad.extract.gazetteer import Pattern, PhraseRuler, club, demonyms, entity_ruler, key
from rasad.model import Document
from rasad.pipeline import Pipeline


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
        ("فیفا", "ORG", "NGO"),  # international NGOs: PLOVER's pseudo-country, no state's
        ("دیده‌بان حقوق بشر", "ORG", "NGO"),
        ("راشاتودی", "ORG", "RUS"),  # a foreign outlet, not the state named near it
        ("سانا", "ORG", "SYR"),
        ("منافقین", "ORG", "IRN"),  # the MEK, as Iranian news names it
        ("صندوق جمعیت ملل متحد", "ORG", "UNO"),
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


def _places(pipeline: Pipeline, text: str) -> dict[str, tuple[str, str | None]]:
    doc = pipeline(Document(id="t", raw=text))
    return {
        doc.text[m.start : m.end]: (m.label, doc.actors[m.actor_id].country) for m in doc.entities
    }


@pytest.mark.parametrize(
    ("text", "surface", "label", "country"),
    [
        # Iranian provinces and county seats are states' places, not the model's bare LOC
        ("به گزارش خبرگزاری فارس از اردبیل، استاندار گفت: بارش‌ها ادامه دارد.",
         "اردبیل", "GPE", "IRN"),
        ("جلسه شورای اداری در استان قزوین برگزار شد و فرماندار از مالت بازدید کرد.",
         "استان قزوین", "GPE", "IRN"),
        ("سیل در سنندج به صدها خانه خسارت زد و سفیر آمریکا ابراز تاسف کرد.",
         "سنندج", "GPE", "IRN"),
        # alone, «آذربایجان» is the republic; the provinces keep their own rows (control)
        ("شبکه یک روسیه دیگر در آذربایجان دیده نمی‌شود و تهران نیز واکنش نشان داد.",
         "آذربایجان", "GPE", "AZE"),
        ("بارش برف در آذربایجان شرقی راه‌ها را بست.", "آذربایجان شرقی", "GPE", "IRN"),
        ("سربازان پس از یورش نظامی شوروی به افغانستان جنگیدند.", "شوروی", "GPE", "RUS"),
        ("رئیس آژانس بین‌المللی انرژی در پاریس گفت تقاضای نفت کاهش می‌یابد.",
         "آژانس بین‌المللی انرژی", "ORG", "IGO"),
        # control: the longer IAEA name still wins over the IEA's
        ("مدیرکل آژانس بین‌المللی انرژی اتمی به تهران سفر کرد.",
         "آژانس بین‌المللی انرژی اتمی", "ORG", "IGO"),
    ],
)  # fmt: skip
def test_gazetteer_places_in_news(
    pipeline: Pipeline, text: str, surface: str, label: str, country: str
) -> None:
    assert _places(pipeline, text).get(surface) == (label, country)


def test_gazetteer_city_never_matches_across_words(pipeline: Pipeline) -> None:
    """Keys drop spaces, so a city whose name reads as two words («به شهر») is left out."""
    found = _places(pipeline, "کاروان به شهر رسید و استاندار مازندران از آن استقبال کرد.")
    assert "به شهر" not in found and found.get("مازندران") == ("GPE", "IRN")


@pytest.mark.parametrize(
    ("word", "country"),
    [("افغانی", "AFG"), ("مغربی", "MAR"), ("اسپانیولی", "ESP"), ("گواتمالایی", "GTM")],
)
def test_gazetteer_demonyms(word: str, country: str) -> None:
    assert demonyms()[key(word)] == country


def test_gazetteer_demonym_is_no_person(pipeline: Pipeline) -> None:
    """A demonym the model reads as a person is dropped; the name beside it is kept."""
    text = (
        "احمد شاه مسعود و دیگر از مبارزان عمده افغانی که ثمره یورش نظامی شوروی به"
        " افغانستان بودند، گرد هم آمدند."
    )
    found = _places(pipeline, text)
    assert "افغانی" not in found and found.get("احمد شاه مسعود", ("",))[0] == "PER"


@pytest.mark.parametrize(
    ("phrase", "iso3"), [("آمریکا", "USA"), ("عربستان", "SAU"), ("ایالات متحده آمریکا", "USA")]
)
def test_gazetteer_other_names_of_a_state_are_the_state(phrase: str, iso3: str) -> None:
    """«آمریکا» (places.tsv) and «ایالات متحده آمریکا» (countries.tsv) are one actor, so an
    actor profile is not split by spelling; a city of that state (control) stays a place."""
    pat = entity_ruler().get(phrase)
    assert pat is not None and (pat.id, pat.country) == (iso3, iso3)
    city = entity_ruler().get("تهران")
    assert city is not None and city.id is None


def test_gazetteer_never_ends_a_name_on_a_lone_short_word() -> None:
    """«هر فرد و خانواده»: «فرد» + «و» spell Fordow's key but are "person and"; «سود آن» is
    "its profit", not Sudan; the places written as one word (controls) still match."""
    for text, expected in (
        ("هر فرد و خانواده", []),
        ("سایت فردو تعطیل شد", ["فردو"]),
        ("بخشی از سود آن به کارگران می رسد", []),
        ("سفیر سودان آمد", ["سودان"]),
    ):
        keys = [key(w) for w in text.split()]
        assert [m.pattern.pattern for m in entity_ruler().match(keys)] == expected


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("تیم فوتبال پرسپولیس", "IRN"),
        ("باشگاه بنفیکا", "PRT"),
        ("ذوب‌آهن", "IRN"),
        ("منچستریونایتد", "GBR"),
        ("تیم", None),  # a head word alone is no club
        ("دولت", None),
    ],
)
def test_gazetteer_sports_clubs(name: str, country: str | None) -> None:
    found = club([key(w) for w in name.split()])
    assert (found.country if found else None) == country
