"""The quotes stage on hand-built documents (cues, speakers, headlines, non-quotes)."""

from __future__ import annotations

import pytest
from hand_docs import build

import rasad
from rasad.extract.quotes import cues, find_quotes

SPEECH = """به گزارش خبرگزاری مهر، محمد مخبر معاون اول رئیس جمهور اظهار داشت: همکاری بررسی شد.
مخبر افزود: ایران و بلاروس نیازهایی دارند.
معاون اول رئیس جمهور با تأکید بر اینکه عزم دو کشور جدی است، گفت: روابط خوب است.
نخست وزیر بلاروس نیز در این مصاحبه گفت: راهکارها اتخاذ شده است.
رومن گلاوچنکو با اشاره به نقشه راه تصریح کرد: این سند جامع است.
وی افزود: همه کشورها می توانند.
به گزارش رویترز، قیمت نفت افزایش یافت.
یک مقام آمریکایی گفت: این درست نیست."""


def test_speakers_through_names_titles_pronouns() -> None:
    doc = build(SPEECH)
    found = [(q.speaker_actor_id, doc.text[q.cue_start : q.cue_end]) for q in find_quotes(doc)]
    assert found == [
        ("mokhber", "اظهار داشت"),
        ("mokhber", "افزود"),
        ("mokhber", "گفت"),
        ("golovchenko", "گفت"),
        ("golovchenko", "تصریح کرد"),
        ("golovchenko", "افزود"),
    ]


def test_quoted_text_follows_the_colon() -> None:
    doc = build("مخبر افزود: ایران و بلاروس نیازهایی دارند.")
    (quote,) = find_quotes(doc)
    assert doc.text[quote.start : quote.end] == "ایران و بلاروس نیازهایی دارند."



@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        # after «به گفته وی،» the statement starts past the pronoun, which is all the speaker
        ("مخبر آمد. به گفته وی، ایران آماده است.", "وی", "ایران آماده است."),
    ],
)
def test_spans_of_speaker_and_statement(text: str, speaker: str, said: str) -> None:
    doc = build(text)
    quote = find_quotes(doc)[-1]
    assert doc.text[quote.speaker_start : quote.speaker_end] == speaker
    assert doc.text[quote.start : quote.end] == said


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # an opener («در همین حال», «در این میان») leaves the name after it the subject
        ("در همین حال محمد جواد ظریف گفت: ما آماده‌ایم.", ["محمد جواد ظریف"]),
        ("در این میان محمد جواد ظریف گفت: ما آماده‌ایم.", ["محمد جواد ظریف"]),
        # an unnamed official opens the clause: the premier in his description does not speak
        ("در همین حال یک مقام در دفتر آریل شارون نخست‌وزیر اسرائیل گفت: ما آماده‌ایم.", []),
        ("یکی از مشاوران باراک اوباما گفت: ما آماده‌ایم.", []),
        # «وی پی ان» (VPN) after the last comma is no pronoun: the clause's subject speaks
        ("پلیس فتا بر استفاده نکردن از پروکسی‌ها، وی پی ان تاکید کرد.", ["پلیس فتا"]),
    ],
)
def test_subject_after_openers_and_unnamed_officials(text: str, speakers: list[str]) -> None:
    doc = rasad.extract(text)
    assert [doc.text[q.speaker_start : q.speaker_end] for q in doc.quotes] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("ایگور سرگینکو آمد\nرئیس پارلمان بلاروس: ضرورت توسعه روابط", "sergeenko"),
        ("به گفته رویترز قیمت نفت افزایش یافت", "reuters"),
        ("مخبر گفتند که بله", "mokhber"),
        ("مخبر گفته است که بله", "mokhber"),
        ("قالیباف در این دیدار، ضمن تشکر از بلاروس، گفت: باید توسعه دهیم", "ghalibaf"),
        ("مخبر با اشاره به روابط دو کشور ابراز داشت: همکاری ادامه دارد", "mokhber"),
        ("قالیباف در پاسخ به سؤالی درباره بودجه اذعان کرد: کسری داریم", "ghalibaf"),
        ("مخبر با بیان اینکه تهران آماده است درخواست کرد، تلاش بیشتری شود", "mokhber"),
        # a source line written without its comma still names no speaker
        ("به گزارش خبرگزاری مهر از تهران محمد مخبر در این نشست اظهار داشت: بله", "mokhber"),
        # a demand is a statement too (house rules: «دولت لیبی … خواستار … شد» quotes Libya)
        ("قالیباف با انتقاد از این طرح خواستار بازگشت طرف ها به مذاکره شد", "ghalibaf"),
        ("مخبر توسعه روابط با بلاروس را خواستار شدند", "mokhber"),
        ("مخبر از آمریکا خواسته است، تا تحریم ها را لغو کند", "mokhber"),
        ("قالیباف از نمایندگان خواست که در جلسه حاضر باشند", "ghalibaf"),
        # a government speaking as a body is its state, named last before it
        ("پس از تصویب بودجه بلاروس، دولت این کشور خواستار تعلیق پارلمان شد", "belarus"),
        # past perfect forms are cues as the simple past is
        ("مخبر پیش از این تاکید کرده بود: همکاری ادامه دارد", "mokhber"),
        ("قالیباف پیشتر مدعی شده است که بودجه کافی است", "ghalibaf"),
        # «… در حالی … که X …»: the «که» clause has its own subject
        ("سخنان قالیباف در حالی مطرح شد که مخبر تصریح کرده بود: بله", "mokhber"),
        ("اظهارات رئیس مجلس شورای اسلامی در حالی مطرح شد که مخبر خواستار توقف آن شده بود",
         "mokhber"),
    ],
)
def test_cue_forms(text: str, speaker: str) -> None:
    doc = build(text)
    assert [q.speaker_actor_id for q in find_quotes(doc)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "به گزارش خبرگزاری مهر، تهران آرام است",  # source line only
        "گفته می شود که او رفته است",  # impersonal
        "یک مقام آگاه گفت: چنین است",  # anonymous
        "مخبر و بلاروس در گفتگو بودند",  # «گفت» inside a longer word
        "مخبر و لوکاشنکو در گفت و گو بودند",  # talks written with spaces, not a speech cue
        "رئیس پارلمان بلاروس: ضرورت توسعه روابط",  # headline title with no known holder
        # a wish or stance, not a demand made: no past «شد» closes it, or «خواست» is a noun
        "مخبر خواستار توسعه روابط با بلاروس است",
        "قالیباف خواستار متوقف شدن این روند نیست",
        "مخبر می‌خواست که برود",
        "خواست مردم که روشن است اجرا شد",
        # the government is addressed, not speaking; the speakers are not named
        "مردم بلاروس از دولت این کشور خواستار مذاکره شدند",
    ],
)
def test_not_quotes(text: str) -> None:
    assert find_quotes(build(text)) == []


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # one entry per attributed statement: a named speaker inside another's statement …
        ("مخبر گفت: قالیباف اعلام کرد که خوب است", ["mokhber", "ghalibaf"]),
        # … but a pronoun there is not a new speaker, nor is the main speaker said twice,
        ("مخبر گفت: وی اعلام کرد که خوب است", ["mokhber"]),
        # a Friday preacher's title refers back to the speaker quoted before
        ("مخبر گفت: خوب است.\nخطیب جمعه در ادامه تصریح کرد: بد نیست", ["mokhber", "mokhber"]),
        ("مخبر گفت: مخبر اعلام کرد که خوب است", ["mokhber"]),
        # … and a cue with no statement after it is not a report («مطالب زیادی نوشته است»)
        ("مخبر گفت: رویترز مطالب زیادی نوشته است حتی امروز", ["mokhber"]),
        # «X فرموده‌اند که …» inside a speech is X's statement
        ("مخبر گفت: قالیباف فرموده‌اند که مجلس در رأس امور است", ["mokhber", "ghalibaf"]),
        # a relative clause hanging on a name reports that name's statement
        ("مخبر در خصوص خبر رویترز که از افزایش قیمت خبر داده بود، گفت: نه", ["reuters", "mokhber"]),
        ("مخبر به آنچه رویترز درباره ایران گفته بود، ابراز تردید کرد", ["reuters", "mokhber"]),
        # control: a relative clause without a cue of its own reports nothing
        ("مخبر خبر رویترز که دیروز منتشر شد را نادرست بیان کرد و گفت: نه", ["mokhber"]),
        # «اظهارات X مبنی بر …»: the statement a question is about, with its content
        (
            "مخبر درباره اظهارات قالیباف مبنی بر اینکه قیمت بالا رفت، گفت: نه",
            ["ghalibaf", "mokhber"],
        ),
        ("مخبر اظهارات قالیباف را نادرست خواند", []),  # control: no content given
        # a named speaker after «اما» inside a statement
        ("رویترز نوشته است که قیمت بالا رفت اما قالیباف اعلام کرد که نه", ["reuters", "ghalibaf"]),
    ],
)
def test_statements_inside_a_sentence(text: str, speakers: list[str]) -> None:
    assert [q.speaker_actor_id for q in find_quotes(build(text))] == speakers


def test_inner_speaker_does_not_take_over_the_pronoun() -> None:
    doc = build("مخبر گفت: قالیباف اعلام کرد که خوب است\nوی افزود: بله")
    assert [q.speaker_actor_id for q in find_quotes(doc)] == ["mokhber", "ghalibaf", "mokhber"]


def test_cue_table_loads_once() -> None:
    assert cues() is cues()
    assert len(cues()) > 20


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a title that names no one refers back to the speaker just quoted
        ("مخبر گفت: خوب است\nعضو شورای مرکزی حزب افزود: بله", ["mokhber", "mokhber"]),
        ("قالیباف گفت: خوب است\nنماینده مردم تهران در مجلس افزود: بله", ["ghalibaf", "ghalibaf"]),
        # … but not without a recent named speaker
        ("عضو شورای مرکزی حزب افزود: بله", []),
        # a question mark split the sentence: the answer's subject is the asker's clause
        ("مخبر در پاسخ به این پرسش که آیا درست است؟\n، گفت: بله", ["mokhber"]),
        # a body speaks from subject position, after a connector or its head noun
        ("این در حالی است که رویترز گزارش داد: قیمت بالا رفت", ["reuters"]),
        ("شبکه خبری رویترز اعلام کرد که قیمت بالا رفت", ["reuters"]),
        # a state behind a head noun is a modifier, not the speaker
        ("مقامات ایران اعلام کردند که قیمت بالا رفت", []),
        # a name inside a subordinate clause is not the speaker
        ("با وجود این که مخبر حرف ها را بیان کرد اما کار انجام نشد", []),
        # an anonymous source took the floor: «وی» is that source, not the last speaker
        ("مخبر گفت: خوب است\nیک منبع آگاه گفت: بد است\nوی افزود: بله", ["mokhber"]),
        # a name inside the last speaker's words does not take over «وی»
        ("مخبر گفت: قالیباف به تهران آمد\nوی افزود: بله", ["mokhber", "mokhber"]),
        # «به نوشته X،» is a source line like «به گزارش X،»
        ("به نوشته رویترز، مخبر گفت: بله", ["mokhber"]),
        # a name after «سخنان/اظهارات» is a possessor, not the subject «وی» refers to
        ("مخبر گفت: خوب است\nاین سخنان قالیباف مهم است\nوی افزود: بله", ["mokhber", "mokhber"]),
        ("مخبر گفت: خوب است\nقالیباف به تهران آمد\nوی افزود: بله", ["mokhber", "ghalibaf"]),
        # a name marked as the object («… را») is not the subject of the speech verb
        (
            "رویترز گزارش داد: بله\nاین روزنامه قالیباف را مقصر دانست و نوشت: نه",
            ["reuters", "reuters"],
        ),
        (
            "رویترز گزارش داد: بله\nقالیباف این روزنامه را مقصر دانست و نوشت: نه",
            ["reuters", "ghalibaf"],
        ),
        # present-tense cues
        ("رویترز گزارش داد: بله\nقالیباف می افزاید: نه", ["reuters", "ghalibaf"]),
        ("قالیباف در این باره می نویسد: نه", ["ghalibaf"]),
        # «این روزنامه/خبرگزاری/رسانه» is the last named outlet of that kind, never a person …
        ("رویترز گزارش داد: بله\nمخبر آمد\nاین رسانه افزود: نه", ["reuters", "reuters"]),
        ("رویترز گزارش داد: بله\nخبرگزاری مهر آمد\nاین خبرگزاری افزود: نه", ["reuters", "mehr"]),
        # … not one written as another kind, nor the publisher of the source line, nor a plural
        ("رویترز گزارش داد: بله\nخبرگزاری مهر آمد\nاین روزنامه افزود: نه", ["reuters"]),
        ("به گزارش خبرگزاری مهر، قیمت بالا رفت\nاین خبرگزاری افزود: نه", []),
        ("رویترز گزارش داد: بله\nاین رسانه ها افزودند: نه", ["reuters"]),
        # a statement speaks for its issuer: named with it …
        ("در بیانیه منتشره از سوی رویترز آمده است: نه", ["reuters"]),
        ("در بیانیه رویترز آمده است: نه", ["reuters"]),
        ("بیانیه رویترز در ادامه با اشاره به قیمت می افزاید: نه", ["reuters"]),
        # … or, for «این بیانیه», in the sentence that named the statement
        (
            "رویترز بیانیه ای منتشر کرد\nدر بخش دیگری از این بیانیه آمده است: نه\n"
            "این بیانیه می افزاید: بله",
            ["reuters", "reuters"],
        ),
        # … of the same kind («پیام» is not «بیانیه»)
        (
            "رویترز بیانیه ای منتشر کرد\nقالیباف پیامی فرستاد\nدر این بیانیه آمده است: نه\n"
            "این پیام می افزاید: بله",
            ["reuters", "ghalibaf"],
        ),
        # control: no issuer named before, or the statement is another one
        ("قیمت بالا رفت\nدر این بیانیه آمده است: نه", []),
        ("رویترز بیانیه ای منتشر کرد\nدر بیانیه پایانی نشست آمده است: نه", []),
        # an indefinite title («یک …») is someone unnamed, not the office's known holder
        ("قالیباف آمد\nیک نخست وزیر بلاروس گفت: بله\nرومن گلاوچنکو آمد", []),
        ("قالیباف آمد\nنخست وزیر بلاروس گفت: بله\nرومن گلاوچنکو آمد", ["golovchenko"]),
    ],
)
def test_speaker_resolution(text: str, speakers: list[str]) -> None:
    assert [q.speaker_actor_id for q in find_quotes(build(text))] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # «به گفته X، …»: the speaker stands before the comma; a name after it is the topic
        ("به گفته این مقام آگاه، ایران قیمت را بالا برد", []),
        ("به گفته رویترز، ایران قیمت را بالا برد", ["reuters"]),
        # an adverbial opener («در این باره») does not hide the subject after it
        ("در این باره محمد مخبر گفت: بله", ["mokhber"]),
        ("در تهران محمد مخبر گفت: بله", []),  # control: a real preposition still does
        # «این کارشناس/این مسئول» refers back to the named speaker …
        ("مخبر گفت: خوب است\nاین کارشناس افزود: بله", ["mokhber", "mokhber"]),
        # … but not to an anonymous source, nor to a body
        ("یک مقام آگاه گفت: خوب است\nاین کارشناس افزود: بله", []),
        ("رویترز گزارش داد: خوب است\nاین کارشناس افزود: بله", ["reuters"]),
        # a title refers back to the recent speaker of its sector before a compatriot named
        # later, but not to one of another sector («نخست وزیر» is not the parliament's head)
        ("قالیباف گفت: خوب است\nرئیس مجلس شورای اسلامی افزود: بله", ["ghalibaf", "ghalibaf"]),
        # «مدیرکل …» opens a title-only subject as «مدیر …» does
        ("محمد مخبر گفت: خوب است\nمدیرکل امور اقتصادی افزود: بله", ["mokhber", "mokhber"]),
        # a surname that went untagged, opening the clause, is the person named in full …
        (
            "ایگور سرگینکو گفت: خوب است\nسرگینکو با اشاره به روابط افزود: بله",
            ["sergeenko", "sergeenko"],
        ),
        # … while another word there is no one («مردم با اشاره …»)
        ("ایگور سرگینکو گفت: خوب است\nمردم با اشاره به روابط گفتند: بله", ["sergeenko"]),
        # the office inside a spokesman's title is not the speaker (control: the title alone)
        ("محمد مخبر آمد\nسخنگوی دفتر معاون اول رئیس جمهور گفت: بله\nوی افزود: نه", []),
        ("محمد مخبر آمد\nمعاون اول رئیس جمهور گفت: بله", ["mokhber"]),
        (
            "ایگور سرگینکو گفت: خوب است\nنخست وزیر بلاروس افزود: بله\nرومن گلاوچنکو آمد",
            ["sergeenko", "golovchenko"],
        ),
        # the states listed after «مردم» are the people's, not speakers; a comma alone after
        # an adverbial ends no list (control)
        ("مردم بلاروس، آمریکا و ایران اظهار کردند که بله", []),
        ("در تهران، محمد مخبر گفت: بله", ["mokhber"]),
    ],
)
def test_speaker_resolution_recall(text: str, speakers: list[str]) -> None:
    assert [q.speaker_actor_id for q in find_quotes(build(text))] == speakers


def test_pronoun_without_speaker_skips_names_inside_a_statement() -> None:
    # no one quoted yet: «وی» is the last person named as a subject, not the one talked about
    doc = build("محمد مخبر به تهران آمد\nدر پاسخ گفت: قالیباف درست گفت\nوی افزود: بله")
    assert [q.speaker_actor_id for q in find_quotes(doc)][-1:] == ["mokhber"]


def test_pronoun_is_a_person_not_the_statement_that_spoke_last() -> None:
    doc = build("محمد مخبر به تهران آمد\nدر بیانیه رویترز آمده است: نه\nوی افزود: بله")
    assert [q.speaker_actor_id for q in find_quotes(doc)] == ["reuters", "mokhber"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # kin or an agent named by whom they belong to: the one named does not speak, and a
        # later «وی» is that unnamed person, not the last speaker
        (
            "نرگس محمدی گفت: وضعیت خوب است. همسر نرگس محمدی گفت: وضعیت او خوب نیست. "
            "وی افزود: باید آزاد شود.",
            ["نرگس محمدی"],
        ),
        ("وکیل احمد زیدآبادی اظهار داشت: پرونده در حال بررسی است.", []),
        ("نخستین مربی هادی ساعی ادامه داد: این تصمیم درست بود.", []),
        ("پدر شهید محمد حسینی گفت: پسرم بی‌گناه است.", []),
        # controls: the same names speaking
        ("هادی ساعی ادامه داد: این تصمیم درست بود.", ["هادی ساعی"]),
        ("احمد زیدآبادی اظهار داشت: پرونده در حال بررسی است.", ["احمد زیدآبادی"]),
    ],
)
def test_a_name_after_kin_or_an_agent_is_not_the_speaker(text: str, speakers: list[str]) -> None:
    doc = rasad.extract(text)
    assert [doc.text[q.speaker_start : q.speaker_end] for q in doc.quotes] == speakers


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the cue ends the sentence: what was said stands between the speaker and the cue
        ("هوگو چاوز از توافق با مسئولان ایرانی برای ساخت پالایشگاه خبر داد.",
         "از توافق با مسئولان ایرانی برای ساخت پالایشگاه"),
        # past a source line or an opener before a comma, which is no statement
        ("به گزارش خبرگزاری فارس، هوگو چاوز از توافق با مسئولان ایرانی خبر داد.",
         "از توافق با مسئولان ایرانی"),
        ("در همین حال، هوگو چاوز از توافق با مسئولان ایرانی خبر داد.",
         "از توافق با مسئولان ایرانی"),
        # … or before a speaker who follows it
        ("مذاکرات دو طرف به نتیجه نرسیده است، سرگئی لاوروف وزیر امور خارجه روسیه گفت.",
         "مذاکرات دو طرف به نتیجه نرسیده است"),
    ],
)
def test_a_closing_full_stop_is_no_statement(text: str, said: str) -> None:
    (quote,) = rasad.extract(text).quotes
    assert text[quote.start : quote.end].strip() == said


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a finished clause, a comma, then the speaker and his title before the closing cue
        ("روسیه آماده همکاری با ایران در ساخت نیروگاه‌ها خواهد بود، سرگئی لاوروف وزیر امور"
         " خارجه روسیه گفت.", "سرگئی لاوروف"),
        # … but a name after the comma with an object marker is what was said about
        ("علی لاریجانی با بیان اینکه مذاکرات ادامه دارد، آمریکا را مقصر وضعیت کنونی اعلام کرد.",
         "علی لاریجانی"),
    ],
)
def test_a_speaker_after_the_statement(text: str, speaker: str) -> None:
    (quote,) = rasad.extract(text).quotes
    assert text[quote.speaker_start : quote.speaker_end] == speaker


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a cue ending its line with ':' announces the next line, up to the paragraph's end
        ("سعید خطیب‌زاده سخنگوی وزارت امور خارجه ایران در نشست خبری گفت:\n"
         "ایران آماده گفتگو با همسایگان است. پاسخ آنها مهم است.\n"
         "وی افزود: ما منتظر هستیم.",
         "ایران آماده گفتگو با همسایگان است. پاسخ آنها مهم است."),
        # … and stops before a sentence with a cue of its own
        ("سعید خطیب‌زاده سخنگوی وزارت امور خارجه ایران در نشست خبری گفت:\n"
         "ایران آماده گفتگو با همسایگان است. وی افزود: ما منتظر هستیم.",
         "ایران آماده گفتگو با همسایگان است."),
    ],
)
def test_a_cue_ending_its_line_announces_the_next(text: str, said: str) -> None:
    quote = rasad.extract(text).quotes[0]
    assert text[quote.start : quote.end] == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a headline: what follows the colon, without the space after it
        ("علی لاریجانی: مذاکرات ادامه دارد", "مذاکرات ادامه دارد"),
        # a statement before its cue, without the gaps to the speaker and the cue
        ("علی لاریجانی از ادامه مذاکرات هسته‌ای خبر داد.", "از ادامه مذاکرات هسته‌ای"),
        # a clause mark opening what was said
        ("علی لاریجانی گفت؛ مذاکرات ادامه دارد.", "مذاکرات ادامه دارد."),
    ],
)
def test_a_statement_has_no_spacing_or_marks_at_its_edges(text: str, said: str) -> None:
    (quote,) = rasad.extract(text).quotes
    assert text[quote.start : quote.end] == said


def test_a_demand_told_before_its_cue_is_the_statement() -> None:
    """«X … را خواستار شد.»: the closing «شد» is the cue's verb, not what was said."""
    text = "علی لاریجانی توسعه روابط تهران و مسکو را خواستار شد."
    (quote,) = rasad.extract(text).quotes
    assert text[quote.start : quote.end] == "توسعه روابط تهران و مسکو را"
