"""The dates stage: each construction, resolution against `published`, spans, non-dates."""

from __future__ import annotations

from datetime import date

import pytest

from rasad.extract.dates import UNKNOWN_PUBLISHED, dates, find_dates, resolve
from rasad.model import Document

PUB = date(2024, 7, 31)  # Wednesday, 10 Mordad 1403, 25 Muharram 1446

CASES = [
    # Jalali day + month (+ year), digits in every script, ordinals
    ("۱۰ مرداد ماه ۱۴۰۳", None, "2024-07-31"),
    ("۱۰ مرداد ۱۴۰۳", None, "2024-07-31"),
    ("10 مرداد 1403", None, "2024-07-31"),
    ("١٠ مرداد ١٤٠٣", None, "2024-07-31"),
    ("دهم مرداد", PUB, "2024-07-31"),
    ("بیست و یکم اسفند ۱۴۰۲", None, "2024-03-11"),
    ("اول مهرماه", date(2004, 10, 3), "2004-09-22"),
    ("روز دوشنبه ۲۰ اردیبهشت ماه", date(2021, 5, 23), "2021-05-10"),
    ("۲۲ بهمن امسال", date(2012, 2, 25), "2012-02-11"),
    ("۲۲ بهمن سال گذشته", date(2012, 2, 25), "2011-02-11"),
    ("۱۲ مهر سال ۱۳۷۱", None, "1992-10-04"),
    # Gregorian month names in Persian spellings
    ("۳۱ ژوئیه ۲۰۲۴", None, "2024-07-31"),
    ("31 جولای 2024", None, "2024-07-31"),
    ("۵ ژوئن ۲۰۲۴", None, "2024-06-05"),
    ("۵ جون ۲۰۲۴", None, "2024-06-05"),
    ("19 ماه جولاي", date(2004, 7, 25), "2004-07-19"),
    ("روز 3 دسامبر جاری", date(2015, 12, 6), "2015-12-03"),
    ("ماه ژانویه", date(2017, 2, 4), "2017-01"),
    ("نیمه فوریه گذشته", date(2007, 4, 16), "2007-02"),
    ("فوریه ۱۹۹۹", None, "1999-02"),
    # Hijri
    ("رمضان ۱۴۴۵", None, "2024-03-11/2024-04-09"),
    ("۱۰ ربیع‌الاول ۱۴۴۶", None, "2024-09-13"),
    ("۱۰ ربیع الاول", PUB, "2024-09-13"),
    ("سال ۱۴۴۵ قمری", None, "2023-07-19/2024-07-06"),
    # before Umm al-Qura's years (1343 AH), the arithmetic calendar
    ("هجدهم رمضان المبارک سال 1300 هجری قمری", None, "1883-07-23"),
    ("سال ۱۳۰۰ قمری", None, "1882-11-12/1883-11-01"),
    # Jalali months and years as Gregorian day intervals
    ("مرداد ۱۴۰۳", None, "2024-07-22/2024-08-21"),
    ("سال ۱۴۰۳", None, "2024-03-20/2025-03-20"),
    ("بودجه ۱۴۰۰", None, "2021-03-21/2022-03-20"),
    ("سال ۹۸", None, "2019-03-21/2020-03-19"),
    ("سال ۲۰۲۳ میلادی", None, "2023"),
    ("سال 2014", None, "2014"),
    ("تیر ماه ۹۳", None, "2014-06-22/2014-07-22"),
    ("۱۵ خرداد ۲۰ نفر", PUB, "2024-06-04"),
    ("روز 18 اكتبر 2007عليه", None, "2007-10-18"),
    # ranges
    ("بین سال‌های 2011 و 2013", None, "2011/2013"),
    ("سال‌های ۸۴ تا ۸۶", None, "2005-03-21/2008-03-19"),
    ("سالهای ۲۰۲۳ تا ۲۰۲۶", None, "2023/2026"),
    ("سال‌های ۱۳۹۰ تا ۱۳۹۲", None, "2011-03-21/2014-03-20"),
    ("از ۱۰ تا ۱۵ مرداد", PUB, "2024-07-31/2024-08-05"),
    ("از ۱۰ مرداد تا ۱۵ شهریور ۱۴۰۳", None, "2024-07-31/2024-09-05"),
    # a range across the new year: a written year is the end's; a guessed one lies nearest
    # the publication day
    ("از هشتم بهمن الی ۳۰ فروردین ۹۱", None, "2012-01-28/2012-04-18"),
    ("از ۱۵ اسفند تا چهارم فروردین", date(2017, 3, 29), "2017-03-05/2017-03-24"),
    ("از ۲۵ اسفند تا ۵ فروردین", date(2012, 1, 28), "2012-03-15/2012-03-24"),
    ("از ابتداي سال 2007 تابحال", date(2007, 5, 3), "2007-01-01/2007-05-03"),
    # numeric dates
    ("۱۴۰۳/۰۵/۱۰", None, "2024-07-31"),
    ("2024-07-31", None, "2024-07-31"),
    ("31/07/2024", None, "2024-07-31"),
    # relative days
    ("امروز", PUB, "2024-07-31"),
    ("ظهر امروز", PUB, "2024-07-31"),
    ("روز گذشته", PUB, "2024-07-30"),
    ("دیروز", PUB, "2024-07-30"),
    ("دیشب", PUB, "2024-07-30"),
    ("پریروز", PUB, "2024-07-29"),
    ("فردا", PUB, "2024-08-01"),
    ("امشب", PUB, "2024-07-31"),
    ("پنج روز پيش", date(2003, 6, 5), "2003-05-31"),
    ("از يك هفته پيش", date(2007, 4, 16), "2007-04-09"),
    ("سه ماه پیش", date(2018, 1, 10), "2017-10"),
    # relative periods: Jalali by default, Gregorian with «میلادی»; weeks run Saturday–Friday
    ("هفته گذشته", date(2017, 2, 4), "2017-01-28/2017-02-03"),
    ("هفته آینده", PUB, "2024-08-03/2024-08-09"),
    ("ماه گذشته", PUB, "2024-06-21/2024-07-21"),
    ("ماه آينده", date(2007, 5, 31), "2007-06-22/2007-07-22"),
    ("امسال", date(2008, 6, 23), "2008-03-20/2009-03-20"),
    ("سال گذشته", date(2018, 7, 26), "2017-03-21/2018-03-20"),
    ("سال آینده", PUB, "2025-03-21/2026-03-20"),
    ("سال جاری میلادی", date(2017, 2, 4), "2017"),
    # weekdays: the last such day, the publication day included, unless the clause is future
    ("عصر امروز (سه شنبه)", date(2024, 7, 30), "2024-07-30"),
    ("امروز (چهارشنبه)", date(2020, 10, 14), "2020-10-14"),
    ("عصر روز پنج\u00adشنبه (دیروز)", date(2016, 2, 19), "2016-02-18"),
    ("روز دوشنبه", date(2018, 1, 10), "2018-01-08"),
    ("يكشنبه گذشته", date(2007, 5, 31), "2007-05-27"),
    ("جمعه گذشته", date(2014, 5, 19), "2014-05-16"),
    ("این نشست روز شنبه برگزار خواهد شد", PUB, "2024-08-03"),
    ("دیدار دو تیم بامداد دوشنبه در مادرید انجام می‌شود", PUB, "2024-08-05"),
    ("وزیر روز دوشنبه اعلام کرد که نشست در مادرید برگزار می‌شود", PUB, "2024-07-29"),
    ("(چهارشنبه، ۱۰ مرداد ماه ۱۴۰۳)", None, "2024-07-31"),
    # a day and month without a year take the year where the weekday named with them falls
    ("روز شنبه سی‌ام دسامبر اجرا شد", date(2007, 1, 1), "2006-12-30"),
    ("روز شنبه سی‌ام دسامبر اجرا شد", date(2006, 12, 31), "2006-12-30"),
    ("روز شنبه ۳۰ دسامبر ۲۰۰۷", date(2007, 1, 1), "2007-12-30"),  # a written year stays
    ("عصر امروز (چهارشنبه، ۱۰ مرداد ماه ۱۴۰۳)", None, "2024-07-31"),
    # a weekday named with a relative day is the one nearest it, even in a future clause
    ("سخنگو دیروز پنجشنبه گفت این سرباز محاکمه خواهد شد", date(2008, 8, 8), "2008-08-07"),
    ("وزیر فردا (شنبه) به تهران خواهد آمد", date(2008, 8, 8), "2008-08-09"),
    # a time of day between a weekday and its date keeps them one mention
    ("ورزشگاه سه‌شنبه شب هشتم شهریور ماه باز است", date(2011, 8, 29), "2011-08-30"),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_dates_value(text: str, published: date | None, expected: str) -> None:
    mentions = find_dates(text, published=published)
    assert [m.value for m in mentions] == [expected], [text[m.start : m.end] for m in mentions]


SENTENCES = [
    (
        "قرارداد در عصر امروز (چهارشنبه، ۱۰ مرداد ماه ۱۴۰۳) امضا شد.",
        "عصر امروز (چهارشنبه، ۱۰ مرداد ماه ۱۴۰۳)",
    ),
    ("وی که روز گذشته وارد تهران شد گفت", "روز گذشته"),
    ("این نقشه راه برای اجرا طی سالهای ۲۰۲۳ تا ۲۰۲۶ تدوین شده", "سالهای ۲۰۲۳ تا ۲۰۲۶"),
    ("همایش در ۱۴۰۳/۰۵/۱۰ برگزار شد", "۱۴۰۳/۰۵/۱۰"),
    ("از ۱۰ تا ۱۵ مرداد ادامه دارد", "از ۱۰ تا ۱۵ مرداد"),
]


@pytest.mark.parametrize(("text", "surface"), SENTENCES)
def test_dates_span_is_the_expression(text: str, surface: str) -> None:
    doc = dates(Document(id="t", raw=text, published=PUB))
    assert [doc.text[m.start : m.end] for m in doc.dates] == [surface]


NOT_DATES = [
    "۷ میلیارد دلار سرمایه‌گذاری شد",
    "۲۰۰ نفر کشته شدند",
    "قیمت به ۱۴۰۳ دلار رسید",
    "در ۳۰ سال گذشته تغییری نکرد",
    "در چند روز گذشته",
    "امام جمعه تهران گفت",
    "جهان امروز با بحران روبه‌روست",
    "در سال‌های گذشته",
    "هر سال 2700 سالمند می‌میرند",
    "جریان دوم خرداد",
    "به نشانی دبستان 22 بهمن شعبه ثابت",
    "در خیابان ۱۵ خرداد تهران",
    "در تالار شهدای هفتم تیر مقابل هم",
    "این کار را می کنیم",
    "مراسم چهارشنبه سوری",
    "در ماه رمضان",
    "نسبت ۳/۴ است",
    "شرایط ما از دیروز بهتر است",
    "اواسط دهه 90 ميلادي",
    "خبرنگار فارس در دوشنبه گزارش داد",
    "وزرای خارجه در شهر «دوشنبه» پایتخت تاجیکستان دیدار کردند",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_dates_not_a_date(text: str) -> None:
    assert find_dates(text, published=PUB) == []


# «امروز» opening a clause of a speech that states a present is "nowadays", not a date; the
# same opening reports the publication day when the clause tells what was done or scheduled.
NOWADAYS_AND_TODAY = [
    ("وی افزود: امروز جهان تشنه فرهنگ اسلام ناب است.", "وی افزود: امروز این طرح افتتاح شد."),
    (
        "وی یادآور شد که امروز ما نیاز به دشمن خارجی نداریم.",
        "وی یادآور شد که امروز نخستین محموله صادر شد.",
    ),
    (
        "انقلاب ما شرقی نبود؛ امروز شرق وجود ندارد.",
        "انقلاب ما شرقی نبود؛ امروز این مراسم در تهران برگزار می‌شود.",
    ),
    (
        "او گفت: امروز بانک‌ها در خدمت تولید ملی نیستند.",
        "لطف‌الله رضایی امروز گفت: بانک‌ها در خدمت تولید ملی نیستند.",
    ),
]


@pytest.mark.parametrize(("nowadays", "today"), NOWADAYS_AND_TODAY)
def test_dates_nowadays_is_no_date_but_today_is(nowadays: str, today: str) -> None:
    assert find_dates(nowadays, published=PUB) == []
    assert [m.value for m in find_dates(today, published=PUB)] == [PUB.isoformat()]


@pytest.mark.parametrize("text", ["امروز", "عصر امروز (سه شنبه)", "هفته گذشته", "دهم مرداد"])
def test_dates_relative_without_published(text: str) -> None:
    (ment,) = find_dates(text, published=None)
    assert ment.value is None
    assert ment.resolved.startswith("unresolved")
    assert ment.resolved == UNKNOWN_PUBLISHED


@pytest.mark.parametrize(
    ("text", "calendar", "precision", "resolved"),
    [
        ("۱۰ مرداد ماه ۱۴۰۳", "jalali", "day", "absolute"),
        ("سال ۲۰۲۳ میلادی", "gregorian", "year", "absolute"),
        ("ماه آینده", "jalali", "interval", "relative"),
        ("دیروز", None, "day", "relative"),
    ],
)
def test_dates_resolve_fields(
    text: str, calendar: str | None, precision: str, resolved: str
) -> None:
    value = resolve(text, published=PUB)
    assert value is not None
    assert (value.calendar, value.precision, value.resolved) == (calendar, precision, resolved)


@pytest.mark.parametrize("text", ["بدون تاریخ", ""])
def test_dates_resolve_none(text: str) -> None:
    assert resolve(text, published=PUB) is None
