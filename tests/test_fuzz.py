"""Property tests over the text layer and the whole pipeline on generated Persian-like text:
no exception, offsets always valid, normalization idempotent."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.model import Document
from rasad.pipeline import Pipeline
from rasad.text.normalize import normalize

# Persian and Arabic letter variants, digits of three scripts, ZWNJ, spaces, punctuation,
# quotes, kashida and diacritics, bidi and other controls.
ALPHABET = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءةيكى"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
    "\u200c\u200d \n\t.,،؛:؟!?«»()\"'-/"
    "ـًٌٍَُِّْ"
    "\u200f\u200e\u202b\u202c\x00\x07"
)
WORDS = st.sampled_from(
    [
        "می",
        "توانند",
        "همکاریهای",
        "گفتوگو",
        "رئیس",
        "جمهور",
        "بلاروس",
        "ایران",
        "قالیباف",
        "گفت:",
        "افزود",
        "وی",
        "۱۰",
        "مرداد",
        "۱۴۰۳",
        "امروز",
        "دیدار",
        "کرد",
        "تحریم",
        "انتهای",
        "پیام/",
        "241",
        "سال",
        "۲۰۲۳",
        "تا",
        "۲۰۲۶",
        "«محمد",
        "مخبر»",
        "سه",
        "شنبه",
    ]
)
TEXTS = st.one_of(
    st.text(alphabet=ALPHABET, max_size=300),
    st.lists(st.one_of(WORDS, st.text(alphabet=ALPHABET, max_size=5)), max_size=60).map(" ".join),
)
PIPELINE = Pipeline(on_error="raise")


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(TEXTS)
def test_fuzz_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(TEXTS, st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_fuzz_pipeline_never_crashes_and_spans_are_valid(text, published):
    doc = PIPELINE(Document(id="fuzz", raw=text, published=published))
    n = len(doc.text)
    assert len(doc.offsets) == n
    spans = [(s.start, s.end) for s in doc.sentences + doc.tokens]
    spans += [(m.start, m.end) for m in doc.entities]
    spans += [(d.start, d.end) for d in doc.dates]
    spans += [(q.start, q.end) for q in doc.quotes]
    spans += [(e.evidence_start, e.evidence_end) for e in doc.events]
    for start, end in spans:
        assert 0 <= start <= end <= n
        raw_start, raw_end = doc.to_raw(start, end)
        assert 0 <= raw_start <= raw_end <= len(doc.raw)
    for ment in doc.entities:
        assert ment.actor_id is None or ment.actor_id in doc.actors
