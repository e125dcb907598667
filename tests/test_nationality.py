"""The state of untitled people: evidence that carries (a demonym at the name, the name's shape)
and evidence that does not (attributions, destinations, others' titles, holy figures)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import rasad
from rasad.extract.entities import entities
from rasad.extract.gazetteer import key
from rasad.extract.nationality import origin, person_country
from rasad.extract.roles import Hit
from rasad.model import Document
from tests.conftest import SHARED


def _country(text: str, person: str) -> str | None:
    """The state of the mention that starts where `person` does (the model may end a long
    foreign name early)."""
    doc = entities(Document(id="t", raw=text))
    start = doc.text.index(person)
    ment = next(m for m in doc.entities if m.start == start)
    return doc.actors[ment.actor_id].country


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        # a news source's state is not the person's; a demonym at the name is
        ("به گزارش روزنامه فرانسوی لوموند، پیتر مولر درباره بحران سخن گفت.", "پیتر مولر", None),
        ("پیتر مولر دیپلمات آلمانی درباره بحران سخن گفت.", "پیتر مولر", "DEU"),
        # a demonym in a comma apposition outweighs a state named nearer the name
        ("روسیه و پیتر مولر، دیپلمات آلمانی، درباره بحران سخن گفتند.", "پیتر مولر", "DEU"),
        ("روسیه و پیتر مولر درباره بحران سخن گفتند.", "پیتر مولر", "RUS"),
        # a destination is a place, another state in the sentence is evidence
        ("هاکان فیدان در سفر به تهران با وزیر خارجه دیدار کرد.", "هاکان فیدان", None),
        ("هاکان فیدان در گفت‌وگو با رسانه‌های ترکیه سخن گفت.", "هاکان فیدان", "TUR"),
        ("گیدو وستروله راهی فرانسه و هلند شد.", "گیدو وستروله", None),
        # the counterpart's title is not the person's; a title nearby not met «با» is
        ("مایکل کوریلا در دیدار با وزیر دفاع عراق گفت‌وگو کرد.", "مایکل کوریلا", None),
        ("مایکل کوریلا و وزیر دفاع عراق گفت‌وگو کردند.", "مایکل کوریلا", "IRQ"),
        # a Persian name is Iranian; a foreign one takes the state nearby
        ("پوریا ارژنگ درباره تحریم‌های آمریکا سخن گفت.", "پوریا ارژنگ", "IRN"),
        ("مایکل براون درباره تحریم‌های آمریکا سخن گفت.", "مایکل براون", "USA"),
        # an Arab name takes the Arab state even as a place
        (
            "ایاد خلیفه الراوی در بغداد به دست نیروهای آمریکایی بازداشت شد.",
            "ایاد خلیفه الراوی",
            "IRQ",
        ),
        ("مایکل براون در بغداد به دست نیروهای آمریکایی بازداشت شد.", "مایکل براون", "USA"),
        # a demonym after the quotation mark that closes the name
        ("روسیه و «پیتر مولر» فیلسوف آلمانی درباره بحران سخن گفتند.", "پیتر مولر", "DEU"),
        # a name of no telling shape belongs to the state its report is filed from, when its
        # sentence names none (not to the state the article names most)
        (
            "به گزارش خبرگزاری فارس از اردبیل، مهدی احمدی امروز گفت: ماه محرم فرا رسید. وی به "
            "حماسه کربلا اشاره کرد و افزود: مردم کوفه و عراق امام را تنها گذاشتند.",
            "مهدی احمدی",
            "IRN",
        ),
        (
            "به گزارش خبرگزاری فارس از مسکو، مهدی احمدی امروز گفت: ماه محرم فرا رسید. وی به "
            "حماسه کربلا اشاره کرد و افزود: مردم کوفه و عراق امام را تنها گذاشتند.",
            "مهدی احمدی",
            "RUS",
        ),
        # a state in what the person goes on to say is no evidence of his own
        (
            "به گزارش خبرگزاری فارس از سمنان، محسن یعقوبی امروز گفت: میرصنایی در عملیات خیبر "
            "به اسارت نیروهای عراق درآمد.",
            "محسن یعقوبی",
            "IRN",
        ),
        ("مایکل براون امروز درباره نیروهای عراق گفت: این نیروها اسیر گرفتند.", "مایکل براون",
         "IRQ"),
        # after «و» a list names someone else: the demonym is the next person's
        ("پوریا ارژنگ و یار آلمانی در تمرین حاضر شدند.", "پوریا ارژنگ", "IRN"),
        ("پیتر مولر بازیکن آلمانی در تمرین حاضر شد.", "پیتر مولر", "DEU"),
        # a Persian surname ending written apart is still Persian
        ("به گزارش خبرگزاری فارس، منصور ابراهیم زاده امروز راهی برزیل شد. برزیل و فوتبال برزیل.",
         "منصور ابراهیم زاده", "IRN"),
        # in a story from abroad, a bare title held by a full foreign-shaped name is the
        # foreign state's; a Persian-shaped one keeps the home default
        (
            "معترضان در گوآتمالا تظاهرات کردند. گوآتمالا در بحران است و اقتصاد گوآتمالا آسیب "
            "دیده است. مردم گوآتمالا خواهان برکناری رئیس‌جمهور «اتو پرز مولینا» شدند.",
            "اتو پرز مولینا",
            "GTM",
        ),
        (
            "معترضان در گوآتمالا تظاهرات کردند. گوآتمالا در بحران است و اقتصاد گوآتمالا آسیب "
            "دیده است. مردم گوآتمالا با وزیر ارتباطات «پوریا ارژنگ» دیدار کردند.",
            "پوریا ارژنگ",
            "IRN",
        ),
        # a demonym-shaped surname ending the next name of a list is not the state of the
        # name before the comma; an apposition's demonym after the comma still is
        (
            "حضرات آیات سید محمدکاظم طباطبایی یزدی، آقا ضیاءالدین عراقی و ملأ فتح‌الله شریعت"
            " اصفهانی از جمله استادان او بودند.",
            "سید محمدکاظم طباطبایی یزدی",
            "IRN",
        ),
        ("روژه گارودی، فیلسوف فرانسوی و نویسنده، درگذشت.", "روژه گارودی", "FRA"),
        # a Saudi state nearest the name is not the Bahraini cleric's (actors table)
        (
            "ماموران حکومت بحرین با جمعی از عمال سعودی به خانه آیت‌الله شیخ عیسی قاسم حمله"
            " کردند.",
            "عیسی قاسم",
            "BHR",
        ),
        # «اروپایی» is no nationality: a person takes a state, never EUR
        ("مرضیه شاهدایی گفت: شرکت‌هایی از 13 کشور اروپایی در نمایشگاه حضور دارند.",
         "مرضیه شاهدایی", "IRN"),
    ],
)
def test_untitled_person_country(text: str, person: str, expected: str | None) -> None:
    assert _country(text, person) == expected


def _hit(keys: list[str], words: str) -> Hit:
    parts = [key(w) for w in words.split()]
    first = next(i for i in range(len(keys)) if keys[i : i + len(parts)] == parts)
    return Hit(first, first + len(parts), "PER", origin="shape")


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        ("زیارت امام رضا ( ع ) در مشهد", "امام رضا", None),
        ("دیدار امام جمعه ( موقت ) در مشهد", "امام جمعه", "IRN"),
        ("قیام امام حسین در کربلا", "امام حسین", None),
        ("به قضاوت حضرت داوود در کتاب", "داوود", None),
        ("پیام حضرت آیت‌الله خامنه‌ای در تهران", "آیت‌الله خامنه‌ای", "IRN"),
    ],
)
def test_blessed_names_have_no_state(text: str, person: str, expected: str | None) -> None:
    keys = [key(w) for w in text.split()]
    assert person_country(keys, _hit(keys, person), [], Counter({"IRN": 1})) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("منصور حقیقت‌پور", "home"),
        ("روح الله غلامی", "home"),
        ("حمیدرضا کاظمی", "home"),
        ("عبدالله عبدالله", None),
        ("خالد العطیه", None),
        ("مایکل براون", "foreign"),
        ("هاکان فیدان", "foreign"),
        # «میر» written apart opens an Iranian given name, no foreign one of its own
        ("میر محمد حسینی", None),
        ("میر بهرام صالحی", "home"),
    ],
)
def test_name_origin(name: str, expected: str | None) -> None:
    keys = [key(w) for w in name.split()]
    assert origin(keys, Hit(0, len(keys), "PER")) == expected


FARS = SHARED / "data" / "farsnews-articles" / "train.jsonl"


@pytest.mark.skipif(not FARS.is_file(), reason="../shared/data is not present")
def test_a_club_plays_for_its_own_country_not_the_one_named_nearby() -> None:
    """A Fars report on Persepolis beating Al-Taawoun of Saudi Arabia: Persepolis had been
    Saudi (the state named nearest), its opponent is Saudi."""
    article = next(
        json.loads(line) for line in FARS.open(encoding="utf-8") if '"13990627000763"' in line
    )
    doc = rasad.extract("\n".join(article["paragraphs"]))
    clubs = {
        doc.text[m.start : m.end]: doc.actors[m.actor_id].country
        for m in doc.entities
        if "پرسپولیس" in doc.text[m.start : m.end]
    }
    assert clubs and set(clubs.values()) == {"IRN"}


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        # a surname the corpora attest as Iranian outweighs another's demonym in the sentence
        ("مربی برزیلی تیم و حسین سلطانی در تمرین امروز حاضر شدند.", "حسین سلطانی", "IRN"),
        # … and the one foreign state the report names elsewhere
        (
            "ترکیه میزبان این اردو است. جواد نکونام در این باره گفت تیم آماده است.",
            "جواد نکونام",
            "IRN",
        ),
        # not an Iraqi in a story about Iraq: Iraqis bear these surnames too
        (
            "عراق امروز انتخابات برگزار کرد. مردم عراق پای صندوق رفتند. ابراهیم جعفری در این "
            "باره گفت نتایج فردا اعلام می‌شود.",
            "ابراهیم جعفری",
            "IRQ",
        ),
    ],
)
def test_an_attested_iranian_surname(text: str, person: str, expected: str) -> None:
    doc = rasad.extract(text)
    ment = next(m for m in doc.entities if doc.text[m.start : m.end] == person)
    assert doc.actors[ment.actor_id].country == expected


def test_home_surnames_are_learnt_not_common_words() -> None:
    """The learnt list holds surnames, not the ordinals and titles mistagged spans end with."""
    from rasad.extract.gazetteer import common_words
    from rasad.extract.nationality import home_surnames

    assert key("شریفی") in home_surnames()
    assert not home_surnames() & common_words()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a foreign given name takes the foreign state its sentence names, not Iran named nearer
        ("روزنامه نوشت «ویلیام اسمیت» متخصص امور ایران با مقامات آمریکا همکاری می‌کرد.", "USA"),
        # with no foreign state in the sentence, the nearest state still counts
        ("روزنامه نوشت «ویلیام اسمیت» متخصص امور ایران است.", "IRN"),
    ],
)
def test_a_foreign_given_name_prefers_a_foreign_state_nearby(text: str, expected: str) -> None:
    doc = rasad.extract(text)
    ment = next(m for m in doc.entities if doc.text[m.start : m.end] == "ویلیام اسمیت")
    assert doc.actors[ment.actor_id].country == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # a story wholly from abroad: a title naming no state is that state's
        (
            "پارلمان ازبکستان امروز تشکیل جلسه داد. وزیر خارجه گفت تاشکند با همسایگان همکاری"
            " می‌کند. ازبکستان آماده گفت‌وگو است.",
            "وزیر خارجه",
            "UZB",
        ),
        (
            "اعتراضات در بحرین ادامه دارد. سخنگوی دولت گفت منامه آرام است و بحرین به ثبات"
            " بازمی‌گردد.",
            "سخنگوی دولت",
            "BHR",
        ),
        # the article names Iran: the home default stands
        (
            "پارلمان ازبکستان امروز تشکیل جلسه داد. وزیر خارجه گفت تاشکند با ایران همکاری"
            " می‌کند. ازبکستان آماده گفت‌وگو است.",
            "وزیر خارجه",
            "IRN",
        ),
        # two foreign states named as often: no one state the story is about
        (
            "پارلمان ازبکستان و پارلمان قرقیزستان امروز تشکیل جلسه دادند. وزیر خارجه گفت"
            " تاشکند و بیشکک همکاری می‌کنند. ازبکستان و قرقیزستان آماده گفت‌وگو هستند.",
            "وزیر خارجه",
            "IRN",
        ),
    ],
)
def test_a_stateless_title_in_a_story_from_abroad(text: str, title: str, expected: str) -> None:
    doc = entities(Document(id="t", raw=text))
    start = doc.text.index(title)
    role = next(r for r in doc.roles if r.start == start)
    assert role.country == expected
