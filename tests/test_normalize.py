"""Normalizer: step table, ZWNJ restoration table, offsets and idempotence properties."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.model import Document
from rasad.text.normalize import (
    STEPS,
    TRIGGERS,
    Normalizer,
    clean_zwnj,
    fix_spacing,
    normalize,
    normalize_line,
    normalize_stage,
    normalize_with_offsets,
    space_punctuation,
    unify_digits,
    unify_letters,
)

Z = "\u200c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("علي كريمي", "علی کریمی"),
        ("سال ١٤٠٣ و 2024", "سال ۱۴۰۳ و 2024"),
        ("مـــذاکره", "مذاکره"),
        # a kashida standing alone is a dash between names, not a mark: it stays
        ("تهران ـ ایرنا ـ علیزاده ـ اشرفیان", "تهران ـ ایرنا ـ علیزاده ـ اشرفیان"),
        ("ایـران ـ", "ایران ـ"),
        ("ایرنا ـ :", "ایرنا ـ:"),  # and it stays once the colon moves up to it
        ("کِتابُ", "کتاب"),
        ("خانۀ ما", "خانه ما"),
        ("أحمد و إسلام", "أحمد و إسلام"),
        ("گفت :سلام", "گفت: سلام"),
        ("گفت«سلام»و رفت", "گفت «سلام» و رفت"),
        ("« سلام »", "«سلام»"),
        ("یک   دو\t سه", "یک دو سه"),
        ("رفت .بعد", "رفت. بعد"),
        ("نسخه 3.5 و ۱۴۰۳.۵.۱۰", "نسخه 3.5 و ۱۴۰۳.۵.۱۰"),
        ("ج.ا.ا", "ج.ا.ا"),
        ("یک\n\nدو ", "یک\n\nدو"),
        (f"کتاب{Z}{Z}ها {Z}", f"کتاب{Z}ها"),
        ("\u200fسلام\u00ad", "سلام"),
        ("\u202bسلام\u202c \u2067x\u2069\u200e", "سلام x"),
        ("یک\u00a0دو\tسه", "یک دو سه"),
        ("\tیک", "یک"),
        ("یک \u00a0دو", "یک دو"),
        ("(\u00a0یک )", "(یک)"),
        ("یک\u00a0", "یک"),
        (" «یک» .", "«یک»."),
        # presentation forms copied out of PDFs, ligatures included
        ("ﺑﯿﮋن ﺟﻨﺘﯽ", "بیژن جنتی"),
        ("ﻻ ﷲ", "لا الله"),
    ],
)
def test_normalize_steps(raw, expected):
    normalizer = Normalizer(fix_zwnj=False)
    assert normalizer.normalize(raw) == expected
    assert normalizer.normalize(expected) == expected  # a second pass changes nothing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("میتوانند", f"می{Z}توانند"),
        ("می توانند", f"می{Z}توانند"),
        ("نمیتوانند", f"نمی{Z}توانند"),
        ("همکاریهای", f"همکاری{Z}های"),
        ("همکاری های", f"همکاری{Z}های"),
        ("گفتوگو", f"گفت{Z}وگو"),
        ("بهصورت", f"به{Z}صورت"),
        ("پیشبینی", f"پیش{Z}بینی"),
        ("دانشبنیان", f"دانش{Z}بنیان"),
        ("بینالمللی", f"بین{Z}المللی"),
        ("گفته اند", f"گفته{Z}اند"),
        ("خانه ای", f"خانه{Z}ای"),
        ("گرانترین", f"گران{Z}ترین"),
        ("کوچکتر", f"کوچک{Z}تر"),
        ("کتابهایشان", f"کتاب{Z}هایشان"),
        # productive compound parts learned from the corpus, nested once
        ("بهینهسازی", f"بهینه{Z}سازی"),
        ("فرهنگسازیهای", f"فرهنگ{Z}سازی{Z}های"),
        ("بیاهمیت", f"بی{Z}اهمیت"),
        # one-word forms and names stay whole
        ("میز", "میز"),
        ("میلیون", "میلیون"),
        ("میان", "میان"),
        ("میراث", "میراث"),
        ("میدان", "میدان"),
        ("نمیر", "نمیر"),
        ("قالیباف", "قالیباف"),
        ("سرگینکو", "سرگینکو"),
        ("تفاهمات", "تفاهمات"),
        ("انتهای", "انتهای"),
        ("رؤسای", "رؤسای"),
        ("تنها", "تنها"),
        ("دختر", "دختر"),
        ("آنکه", "آنکه"),
        ("علیرضا", "علیرضا"),
        ("بها", "بها"),
        ("به صورت", "به صورت"),  # spaced as often as with ZWNJ: left alone
    ],
)
def test_zwnj_restoration(raw, expected):
    assert normalize(raw) == expected


def test_only_places_that_need_an_edit_are_edited():
    assert fix_spacing("یک دو، سه") == []
    assert clean_zwnj(f"کتاب{Z}ها") == []
    assert space_punctuation("گفت: «سلام» و رفت.") == []
    assert [(e.start, e.end) for e in fix_spacing("یک  دو ،")] == [(3, 4), (6, 7)]


def test_one_for_one_maps_translate_as_their_edits_would():
    raw = "علي كريمي ١٤٠٣"
    for step in (unify_letters, unify_digits):
        edits = step(raw)
        assert edits  # «ي», «ك» and Arabic-Indic digits are there to map
        mapped = "".join(step.codes.get(ord(ch), ch) for ch in raw)
        assert step.translate(raw) == (mapped, len(edits))
        assert all(mapped[e.start] == e.replacement for e in edits)
    assert unify_letters.translate("سلام") == ("سلام", 0)


def test_a_text_without_trigger_characters_skips_those_steps():
    normalizer = Normalizer(fix_zwnj=False)
    gate, steps = normalizer.groups[0]
    assert gate is not None and [name for name, _ in steps] == list(TRIGGERS)

    def fail(text: str) -> list:
        raise AssertionError(f"step run on {text!r}")

    normalizer.groups[0] = (gate, [(name, fail) for name, _ in steps])
    assert normalizer.normalize("گفت «سلام» و رفت.") == "گفت «سلام» و رفت."
    _, _, counts = normalizer.normalize_with_offsets("کتاب")
    assert counts == dict.fromkeys(counts, 0) and set(counts) == set(STEPS) - {"fix_zwnj"}
    with pytest.raises(AssertionError, match="step run"):
        normalizer.normalize("كتاب")  # Arabic kaf: the steps run


def test_switching_a_step_off():
    assert Normalizer(unify_letters=False).normalize("كتاب") == "كتاب"
    with pytest.raises(ValueError, match="unknown"):
        Normalizer(no_such_step=True)


def test_stage_records_offsets_and_counts():
    doc = normalize_stage(Document(id="t", raw="همکاریهای  بانكي"))
    assert doc.text == f"همکاری{Z}های بانکی"
    assert doc.edits_by_step["fix_zwnj"] == 1
    assert doc.edits_by_step["unify_letters"] == 2
    assert doc.raw_text(0, len(doc.text)) == doc.raw
    start = doc.text.index("بانکی")
    assert doc.raw_text(start, start + 5) == "بانكي"


def test_normalize_line_keeps_one_line():
    assert "\n" not in normalize_line("یک\nدو\r")


ALPHABET = "ابپتکگمنوهیيكى۰۱٠١12 \n\t.،:؟!«»()\u200c\u200fـَﺑﻻ"  # ﺑ ﻻ: presentation forms
TEXT = st.text(alphabet=ALPHABET, max_size=80) | st.lists(
    st.sampled_from(
        [
            "می",
            "توانند",
            "همکاری",
            "های",
            "گفتوگو",
            "میز",
            "تنها",
            "خانه",
            "ای",
            "،",
            ".",
            "«",
            "»",
            "١٤٠٣",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_a_triggered_step_edits_nothing_without_its_characters(raw):
    for name, chars in TRIGGERS.items():
        assert STEPS[name](re.sub(f"[{chars}]", "", raw)) == []


# One-to-one changes the normalizer may make: letter and digit variants, space <-> ZWNJ, tab.
VARIANTS = str.maketrans("يىكۀ٠١٢٣٤٥٦٧٨٩\u200c\t", "ییکه۰۱۲۳۴۵۶۷۸۹  ")


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_offsets_map_back_and_idempotent(raw):
    text, offsets = normalize_with_offsets(raw)
    assert len(offsets) == len(text)
    assert normalize(raw) == text  # the text-only path makes the same edits
    assert normalize(text) == text
    assert text.count("\n") == raw.count("\n")
    previous = 0
    for i, ch in enumerate(text):
        start, end = offsets.to_raw(i, i + 1)
        assert previous <= start <= end <= len(raw)
        previous = start
        if end - start == 1:  # unchanged characters map to themselves (a shape to its letters)
            source = unicodedata.normalize("NFKC", raw[start]).translate(VARIANTS)
            assert ch.translate(VARIANTS) in source
