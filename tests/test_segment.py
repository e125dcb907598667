"""Segmenter: token and sentence tables, trailers, and the stage's span invariants."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.text.segment import segment, split_sentences, tokenize

Z = "\u200c"


def _tokens(text: str) -> list[str]:
    return [text[t.start : t.end] for t in tokenize(text)]


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"آن‌ها می{Z}توانند.", ["آن‌ها", f"می{Z}توانند", "."]),
        ("«مخبر» گفت:", ["«", "مخبر", "»", "گفت", ":"]),
        ("تاریخ ۱۴۰۳/۰۵/۱۰ و 3.5 و ۲۰٪", ["تاریخ", "۱۴۰۳/۰۵/۱۰", "و", "3.5", "و", "۲۰٪"]),
        ("۲۴۱به گزارش", ["۲۴۱", "به", "گزارش"]),
        ("چه؟!", ["چه", "؟", "!"]),
        ("نرخ ۳٫۵ درصد و ۱٬۲۰۰ نفر", ["نرخ", "۳٫۵", "درصد", "و", "۱٬۲۰۰", "نفر"]),
        ("ساعت ۱۰:۳۰ ق.ظ", ["ساعت", "۱۰:۳۰", "ق", ".", "ظ"]),
        ("کاملاً در دورهٔ پُرنقش", ["کاملاً", "در", "دورهٔ", "پُرنقش"]),
        ("F-35 و MH17 و 5G و ۲۴۱به", ["F-35", "و", "MH17", "و", "5G", "و", "۲۴۱", "به"]),
        ("Renée و 3.5km", ["Renée", "و", "3.5", "km"]),
    ],
)
def test_tokenize(text, expected):
    assert _tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("او آمد. من رفتم؟ بله!", ["او آمد.", "من رفتم؟", "بله!"]),
        ("نسخه 3.5 آمد. سال ۱۴۰۳.۵.۱۰ بود.", ["نسخه 3.5 آمد.", "سال ۱۴۰۳.۵.۱۰ بود."]),
        ("گفت: «این. آن.» وی افزود.", ["گفت: «این. آن.»", "وی افزود."]),
        ("گفت: «این. آن» و رفت.", ["گفت: «این. آن» و رفت."]),
        ("  سطر یک\nسطر دو  ", ["سطر یک", "سطر دو"]),
        ("ج.ا.ا قوی است.", ["ج.ا.ا قوی است."]),
        # a short parenthesis is an aside: its dots abbreviate; one closed before the dot ends
        ("اداره (اف. بی. آی) او را گرفت. رفت.", ["اداره (اف. بی. آی) او را گرفت.", "رفت."]),
        # a verb's dot between brackets (mirrored in UD Seraji) still ends its sentence
        (
            "نامه امام حسین) ع (محترمانه بود. امام حسین) ع (را دعوت کرد.",
            ["نامه امام حسین) ع (محترمانه بود.", "امام حسین) ع (را دعوت کرد."],
        ),
        ("این است (نه آن). رفت.", ["این است (نه آن).", "رفت."]),
        ("پایان خبر.\nانتهای پیام/ 241به گزارش فارس، آمد.", ["پایان خبر.", "به گزارش فارس، آمد."]),
        ("آمد.\nانتهای پیام/", ["آمد."]),
        ("در انتهای خبر آمد.", ["در انتهای خبر آمد."]),
        ("چرا رفت؟! او ماند.", ["چرا رفت؟!", "او ماند."]),
        ("گفت: «چرا؟». او رفت.", ["گفت: «چرا؟».", "او رفت."]),
        ("ایران، عراق و ... آمدند. او رفت.", ["ایران، عراق و ... آمدند.", "او رفت."]),
        ("گل و بلبل… و آهو", ["گل و بلبل… و آهو"]),
        ("خداوندا! او رفت. یک ا! دو", ["خداوندا!", "او رفت.", "یک ا!", "دو"]),
        ("سال ۲۰۲۰ م. آمد.", ["سال ۲۰۲۰ م. آمد."]),
        (
            "لندن - ایرنا: وزیر گفت: آمد. دهلی نو - واحد مرکزی خبر: او رفت.",
            ["لندن - ایرنا:", "وزیر گفت: آمد.", "دهلی نو - واحد مرکزی خبر:", "او رفت."],
        ),
        ("او - وزیر - گفت: آمد.", ["او - وزیر - گفت: آمد."]),
        ("ایران - عراق ۲:۱ شد.", ["ایران - عراق ۲:۱ شد."]),
        ("ظریف: آمریکا باید برود.", ["ظریف: آمریکا باید برود."]),
    ],
)
def test_split_sentences(text, expected):
    assert _sentences(text) == expected


def test_stage_tokens_lie_inside_text_and_sentences_are_trimmed():
    doc = segment(Document(id="t", raw=" یک دو. سه «چهار»؟\nانتهای پیام/ ۱۲ "))
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["یک دو.", "سه «چهار»؟"]
    assert all(doc.text[t.start : t.end].strip() for t in doc.tokens)
    assert all(not doc.text[s.start].isspace() for s in doc.sentences)
