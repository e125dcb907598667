"""Error classes from a reading of rasad's events on unseen Fars articles: a «باید» demand
put to a party that is not the subject of «باید» but sits in a clause ended by a verb before it,
or in a «میان/بین X و Y» pair inside the subject phrase; items that are no events (a side ready
to beat another, a fine the Government Penalties Office sets, a rupture «۲۷ ساله»); a deed named
as the object of a perfect or quoted judgement («… را «گامی بزرگ» خوانده است»). Sentences are
written for these tests in the style of the news; each exclusion comes with a control. Runs the
default pipeline."""

from __future__ import annotations

import pytest

import rasad


def _requests(text: str) -> list[set[str | None]]:
    """The recipient countries of every REQUEST event in `text`."""
    events = rasad.extract(text).events
    return [{p.country for p in e.target} for e in events if e.type == "REQUEST"]


@pytest.mark.parametrize(
    ("blocked", "control"),
    [
        # a clause ended by a plural or present verb FINITE leaves out
        (
            "علی لاریجانی گفت: طرف‌هایی که بر مخالفان و همچنین دولت سوریه نفوذ دارند، "
            "باید در مذاکرات شرکت کنند.",
            "علی لاریجانی گفت: نیروهای آمریکایی در عراق حضور دارند و باید خارج شوند.",
        ),
        (
            "علی لاریجانی گفت: دولت عراق تصمیم می‌گیرد ولی مردم هزینه می‌کنند "
            "و حمایت از تولید نباید این‌گونه باشد.",
            "علی لاریجانی گفت: دولت عراق نباید این‌گونه عمل کند.",
        ),
        # the second member of a «میان X و Y» pair inside the subject phrase
        (
            "علی لاریجانی گفت: مساله گفت‌وگو میان گروه‌های مسلح و نیروهای آمریکایی "
            "باید در چارچوب سیاسی انجام شود.",
            "علی لاریجانی گفت: گروه‌های مسلح و نیروهای آمریکایی باید در چارچوب سیاسی گفت‌وگو کنند.",
        ),
        (
            "علی لاریجانی گفت: روابط بین ایران و عربستان باید بهبود یابد.",
            "علی لاریجانی گفت: عربستان باید روابط خود را بهبود بخشد.",
        ),
    ],
)
def test_must_is_put_to_the_subject_of_its_own_clause(blocked: str, control: str) -> None:
    assert not [r for r in _requests(blocked) if r - {"IRN"}], _requests(blocked)
    assert [r for r in _requests(control) if r - {"IRN"}], _requests(control)


def _types(text: str) -> list[str]:
    return [e.type for e in rasad.extract(text).events]


@pytest.mark.parametrize(
    ("kind", "blocked", "control"),
    [
        # readiness to beat a side is a contest expected, no pledge
        (
            "AGREE",
            "سرمربی تیم فوتبال الهلال عربستان گفت: ما آماده شکست پرسپولیس هستیم.",
            "وزیر خارجه عربستان گفت: ما آماده همکاری با ایران هستیم.",
        ),
        (
            "AGREE",
            "سرمربی تیم فوتبال الهلال عربستان گفت: خوشحالیم که مقابل تیمی قرار می‌گیریم "
            "که نامش پرسپولیس است و آماده شکست آنها هستیم.",
            "وزیر خارجه عربستان گفت: ما آماده همکاری با ایران هستیم.",
        ),
        # a deed told with how many years it has lasted is a standing state
        (
            "SANCTION",
            "علی لاریجانی گفت: آمریکا مسئول قطع رابطه 27 ساله با ایران است.",
            "علی لاریجانی گفت: آمریکا مسئول قطع رابطه با ایران است.",
        ),
        # a fine the Government Penalties Office sets on a smuggler is no state's sanction
        (
            "SANCTION",
            "مدیرکل تعزیرات حکومتی استان فارس گفت: ماموران ۲۰ هزار نخ سیگار قاچاق را کشف کردند "
            "و شعبه تعزیرات قاچاقچی ترکیه‌ای را به پرداخت ۵۰ میلیون ریال جریمه نقدی محکوم کرد.",
            "دادگاه ترکیه یک روزنامه‌نگار ایرانی را به پرداخت ۵۰ میلیون لیر جریمه نقدی محکوم کرد.",
        ),
    ],
)
def test_domestic_contests_and_market_fines_are_no_events(
    kind: str, blocked: str, control: str
) -> None:
    assert kind not in _types(blocked)
    assert kind in _types(control)


@pytest.mark.parametrize(
    "judged",
    [
        # a perfect judging verb
        "این روزنامه آغاز مذاکرات نظامی بین ایران و آمریکا را گامی بزرگ خوانده است.",
        # a judgement in quotation marks
        "این روزنامه آغاز مذاکرات نظامی بین ایران و آمریکا را «گامی بزرگ» خواند.",
    ],
)
def test_a_deed_named_as_the_object_of_a_judgement_is_not_told(judged: str) -> None:
    assert "CONSULT" not in _types(judged)
    assert "CONSULT" in _types("این روزنامه از آغاز مذاکرات نظامی بین ایران و آمریکا خبر داد.")
