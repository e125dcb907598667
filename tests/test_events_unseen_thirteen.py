"""Error classes from a reading of rasad's events on unseen Fars articles: what a speaker hopes
for in the impersonal «امید است …» / «امید می‌رود …» has not happened, as with «امیدواریم …»; a
deed told over a span of years behind («در طول این ۲۵ سال», «طی ۲۵ سال گذشته») is background.
Sentences are written for these tests in the style of the news; each exclusion comes with a
control. Runs the default pipeline."""

from __future__ import annotations

import pytest

import rasad


def _types(text: str) -> set[str]:
    return {e.type for e in rasad.extract(text).events}


@pytest.mark.parametrize(
    ("kind", "blocked", "control"),
    [
        # an impersonal hope («امید است …») tells nothing that happened
        (
            "AGREE",
            "سفیر ایران در دهلی گفت: امید است مقامات هند آمادگی خود را برای همکاری با پاکستان"
            " اعلام کنند.",
            "سفیر ایران در دهلی گفت: مقامات هند آمادگی خود را برای همکاری با پاکستان اعلام کردند.",
        ),
        (
            "AGREE",
            "محمدرضا باهنر گفت: امید می‌رود مقامات هند تمایل خود را برای برگزاری نشست سه جانبه"
            " با پاکستان اعلام کنند.",
            "محمدرضا باهنر گفت: مقامات هند تمایل خود را برای برگزاری نشست سه جانبه با پاکستان"
            " اعلام کردند.",
        ),
        # a deed told over a span of years behind is a standing course, no happening
        (
            "SUPPORT",
            "حداد عادل گفت: آمریکایی‌ها در طول این 25 سال از رژیم شاه حمایت کردند.",
            "حداد عادل گفت: آمریکایی‌ها از رژیم شاه حمایت کردند.",
        ),
        (
            "ASSAULT",
            "حداد عادل گفت: آمریکایی‌ها طی 25 سال گذشته بارها به عراق حمله کردند.",
            "حداد عادل گفت: آمریکایی‌ها به عراق حمله کردند.",
        ),
    ],
)
def test_not_an_event_but_its_control_is(kind: str, blocked: str, control: str) -> None:
    assert kind not in _types(blocked)
    assert kind in _types(control)
