"""Actor table, ids and in-article linking."""

from __future__ import annotations

import pytest

import rasad
from rasad.extract.actors import (
    actor_ruler,
    holder_of,
    known_actors,
    link_surnames,
    slug,
    surname_keys,
)
from rasad.extract.gazetteer import key
from rasad.extract.roles import Hit
from rasad.model import Document, Mention, Role


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("محمدباقر قالیباف", [("قالیباف",)]),
        ("مهدی عیسی زاده", [("عیسی", "زاده")]),  # «زاده» never alone
        ("عیسی زاده", []),  # not in a two-word name either
        ("علی الله", []),  # «الله» is never a person alone
        ("حسن نصرالله", [("نصرالله",)]),
        ("محمد بن سلمان", [("بن", "سلمان")]),
        ("رجب طیب اردوغان", [("طیب", "اردوغان"), ("اردوغان",)]),
        ("قالیباف", []),
    ],
)
def test_actors_surname_keys(name: str, expected: list[tuple[str, ...]]) -> None:
    keys = [key(w) for w in name.split()]
    assert surname_keys(keys) == [tuple(key(w) for w in s) for s in expected]


@pytest.mark.parametrize(
    ("surface", "name_en", "country"),
    [("دونالد ترامپ", "Donald Trump", "USA"), ("ترامپ", "Donald Trump", "USA"),
     ("احمدي‌نژاد", "Mahmoud Ahmadinejad", "IRN")],
)  # fmt: skip
def test_actors_table_aliases(surface: str, name_en: str, country: str) -> None:
    pat = actor_ruler().get(surface)
    assert pat is not None
    actor = known_actors()[pat.id]
    assert (actor.name_en, actor.country) == (name_en, country)


def test_actors_ids_are_qid_or_slug() -> None:
    for actor_id, actor in known_actors().items():
        assert actor_id == (actor.wikidata or slug(actor.name_fa))


@pytest.mark.parametrize(
    "text",
    [
        "اف بی‌آی اعلام کرد که تحقیقات ادامه دارد. رئیس اف‌بی‌آی گفت این پرونده مهم است.",
        "حزب الله لبنان اعلام کرد که آماده است. دبیرکل حزب‌الله گفت این پاسخ است.",
    ],
)
def test_actors_one_id_whatever_the_spacing(text: str) -> None:
    """A name written with a space, a zero-width non-joiner or neither is one actor."""
    from rasad.extract.entities import entities

    doc = entities(Document(id="t", raw=text))
    ids = [m.actor_id for m in doc.entities if m.label == "ORG"]
    assert len(ids) == 2
    assert len(set(ids)) == 1


@pytest.mark.parametrize(
    ("text", "linked", "unlinked"),
    [
        # a declared family name links; the last word of the name («اون» 'that') does not
        (
            "کیم جونگ اون رهبر کره شمالی از یک کارخانه بازدید کرد. کیم در این بازدید گفت: "
            "اون روزها که تحریم ما را می‌ترساند گذشته است.",
            "کیم",
            "اون",
        ),
        # control: without a declaration the last word is the surname
        ("گوردون براون گفت انگلیس آماده است. براون افزود این مهم است.", "براون", "گوردون"),
    ],
)
def test_actors_declared_surnames_replace_the_last_word(text: str, linked: str, unlinked: str):
    from rasad.extract.entities import entities

    doc = entities(Document(id="t", raw=text))
    repeats = {doc.text[m.start : m.end] for m in doc.entities if m.origin == "coref"}
    assert linked in repeats
    assert unlinked not in repeats


@pytest.mark.parametrize("bound", [True, False])
def test_actors_holder_of(bound: bool) -> None:
    doc = Document(id="x", raw="محمد مخبر معاون اول رئیس جمهور")
    doc.entities.append(Mention(0, 9, "PER", "fa:محمدمخبر"))
    role = Role(10, 30, "IRN", "GOV", holder_mention=(0, 9) if bound else None)
    assert holder_of(doc, role) is (doc.entities[0] if bound else None)


@pytest.mark.parametrize(
    ("full", "repeat", "linked"),
    [
        ("رسول منتجب‌نیاز", "منتجب‌نیا", True),  # one letter of typo at the end
        ("عباس البیاتی", "بیاتی", True),  # the Arabic article dropped
        ("مهدی عیسی زاده", "عیسی زاده", True),
        ("مهدی کوچک‌زاده", "کوچک زاده", True),  # written apart after written together
        ("رسول منتجب‌نیاز", "منتجب", False),  # more than one letter off
        ("علی احمدی", "احمد", False),  # too short to forgive a typo
    ],
)
def test_actors_surname_repeats_link_to_the_full_name(full: str, repeat: str, linked: bool) -> None:
    keys = [key(w) for w in f"{full} گفت و {repeat} افزود".split()]
    size = len(full.split())
    first = Hit(0, size, "PER", origin="shape", actor_id=slug(full))
    start = size + 2
    again = Hit(start, start + len(repeat.split()), "PER", origin="ner", actor_id=slug(repeat))
    link_surnames(keys, [first, again], [True] * len(keys))
    assert (again.actor_id == first.actor_id) is linked


@pytest.mark.parametrize(
    "text",
    [
        "حمیدرضا آصفی در کنفرانس مطبوعاتی گفت: ایران به تعهدات خود پایبند است.\n"
        "ملیسا فلمینگ سخنگوی آژانس بین‌المللی انرژی اتمی نیز گفته بود که بازرسان به تهران "
        "می‌روند.\nسخنگوی وزارت امور خارجه افزود: همکاری ما با آژانس ادامه دارد."
    ],
)
def test_actors_bare_home_title_skips_a_foreign_holder_of_another_title(text):
    """A bare «سخنگوی وزارت امور خارجه» goes back to the Iranian spokesman named earlier, not
    to the IAEA spokeswoman named in between."""
    import rasad

    doc = rasad.extract(text).to_dict()
    (role,) = [r for r in doc["roles"] if r["text"].startswith("سخنگوی وزارت")]
    assert role["holder"] == "Hamid Reza Asefi"


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["نظام", "با"], []), (["علی", "از"], []), (["محمد", "مخبر"], [("مخبر",)])],
)
def test_actors_function_words_never_become_surnames(words, expected):
    from rasad.extract.actors import surname_keys
    from rasad.extract.gazetteer import key

    keys = [key(w) for w in words]
    assert surname_keys(keys) == [tuple(key(k) for k in e) for e in expected]


@pytest.mark.parametrize(
    ("aside", "holder"),
    [
        # a name that opens its sentence is the speaker, not one named in passing after it
        ("وی افزود: اما آیت‌الله محمود شاهرودی نظر دیگری دارد.", "مهدی کوچک‌زاده"),
        ("محمود شاهرودی نیز در این باره نظر دیگری داد.", "محمود شاهرودی"),
    ],
)
def test_actors_bare_title_goes_back_to_the_last_sentence_subject(aside: str, holder: str) -> None:
    from rasad.extract.entities import entities

    doc = entities(
        Document(
            id="t",
            raw="مهدی کوچک‌زاده در گفت و گو با خبرنگار فارس گفت: امیدی به این هیات نیست.\n"
            f"{aside}\nنماینده مردم تهران در مجلس اظهار داشت: همکاری نشد.",
        )
    )
    (role,) = [r for r in doc.roles if r.title_id == "representative"]
    assert doc.text[slice(*role.holder_mention)] == holder


@pytest.mark.parametrize(
    "first",
    [
        # forms of address before the speaker's name do not hide that it opens the sentence
        "حجت‌الاسلام محسن غرویان در گفت‌وگو با فارس درباره سخنان حسین مرعشی گفت: درست نیست.",
        "حجت‌الاسلام والمسلمین محسن غرویان درباره سخنان حسین مرعشی گفت: درست نیست.",
        # control: a form of address in mid-sentence does not make its name the subject
        "محسن غرویان در گفت‌وگو با فارس گفت: درست نیست، اما حجت‌الاسلام حسین مرعشی موافق است.",
    ],
)
def test_actors_bare_title_skips_forms_of_address_before_the_subject(first: str) -> None:
    from rasad.extract.entities import entities

    raw = f"{first}\nعضو مجمع مدرسین و محققین حوزه علمیه قم افزود: این موضوع مهم است."
    doc = entities(Document(id="t", raw=raw))
    (role,) = [r for r in doc.roles if r.holder_mention is not None]
    assert doc.text[slice(*role.holder_mention)] == "محسن غرویان"


def _linked(pipeline, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Surface → (English name, country, sector) of every linked entity."""
    doc = pipeline(Document(id="t", raw=text))
    out = {}
    for m in doc.entities:
        actor = doc.actors.get(m.actor_id) if m.actor_id else None
        if actor is not None:
            out[_flat(doc.text[m.start : m.end])] = (actor.name_en, actor.country, actor.sector)
    return out


def _flat(text: str) -> str:
    return text.replace("\u200c", "").replace(" ", "")


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("میخائیل گورباچف آخرین رهبر اتحاد جماهیر شوروی در مسکو درگذشت.", "میخائیل گورباچف",
         ("Mikhail Gorbachev", "RUS", None)),
        ("هانس بلیکس گفت بازرسان هیچ سلاح کشتار جمعی در عراق نیافته‌اند.", "هانس بلیکس",
         ("Hans Blix", "UNO", None)),
        ("ایمن الظواهری در پیامی ویدئویی آمریکا را تهدید کرد.", "ایمن الظواهری",
         ("Ayman al-Zawahiri", "IMG", None)),
        ("گوردون براون نخست وزیر انگلیس دیروز به بغداد سفر کرد.", "گوردون براون",
         ("Gordon Brown", "GBR", "GOV")),
        ("یوکیا آمانو گزارش جدیدی درباره برنامه هسته‌ای ایران منتشر کرد.", "یوکیا آمانو",
         ("Yukiya Amano", "IGO", None)),
    ],
)  # fmt: skip
def test_actors_foreign_people_get_their_own_country(pipeline, text, surface, expected) -> None:
    assert _linked(pipeline, text)[_flat(surface)] == expected


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("به گزارش اف بی آی، این فرد در نیویورک بازداشت شد.", "اف بی آی",
         ("Federal Bureau of Investigation", "USA", "COP")),
        ("پلیس فدرال آمریکا (اف‌بی‌آی) تحقیقات را آغاز کرد.", "اف‌بی‌آی",
         ("Federal Bureau of Investigation", "USA", "COP")),
        ("خبرگزاری اینترفاکس به نقل از یک مقام روس گزارش داد.", "خبرگزاری اینترفاکس",
         ("Interfax", "RUS", "MED")),
    ],
)  # fmt: skip
def test_actors_foreign_agencies_and_media(pipeline, text, surface, expected) -> None:
    assert _linked(pipeline, text)[_flat(surface)] == expected


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("حاجیان در صحرای عرفات به دعا و نیایش پرداختند.", "عرفات"),  # the plain of Arafat
        ("بولتون در لیگ برتر انگلیس شکست خورد.", "بولتون"),  # the football club
    ],
)
def test_actors_ambiguous_surnames_are_not_aliases(pipeline, text, surface) -> None:
    assert actor_ruler().get(surface) is None
    assert "Yasser Arafat" not in {v[0] for v in _linked(pipeline, text).values()}
    assert "John Bolton" not in {v[0] for v in _linked(pipeline, text).values()}


def test_actors_ambiguous_surnames_control(pipeline) -> None:
    linked = _linked(pipeline, "یاسر عرفات و جان بولتون در این باره سخن گفتند.")
    assert linked[_flat("یاسر عرفات")][0] == "Yasser Arafat"
    assert linked[_flat("جان بولتون")][0] == "John Bolton"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شبه‌نظامیان الشباب سومالی مسئولیت این حمله را بر عهده گرفتند.", ("SOM", "REB")),
        ("نیروهای امنیتی هدف حملات شبه نظامیان ضددولتی قرار می گیرند.", None),  # no anchor
    ],
)
def test_actors_militia_head_needs_an_anchor(pipeline, text, expected) -> None:
    doc = pipeline(Document(id="t", raw=text))
    found = [doc.actors[m.actor_id] for m in doc.entities if m.actor_id]
    militia = [(a.country, a.sector) for a in found if a.name_fa.startswith("شبه")]
    assert militia == ([expected] if expected else [])


def _country_sector(pipeline, text: str, surface: str) -> tuple[str | None, str | None]:
    return _linked(pipeline, text)[_flat(surface)][1:]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # a title over a government named by its state: that state, not the home default
        ("«نبیل العزانی» دادستان کل دولت نجات ملی یمن گفت که زندانیان آزاد شده‌اند.",
         "نبیل العزانی", ("YEM", "JUD")),
        # a two-word form of address gives its sector
        ("حجت‌الاسلام والمسلمین حسینی شاهرودی در اجلاسیه مجلس خبرگان سخن گفت.",
         "حسینی شاهرودی", ("IRN", "REL")),
        # «نائب رئیس» written with hamza is «نایب رئیس»
        ("منصور حقیقت‌پور نائب رئیس کمیسیون امنیت ملی مجلس گفت: امارات اشتباه کرد.",
         "منصور حقیقت‌پور", ("IRN", "LEG")),
        # a faculty member is EDU, not the cabinet's GOV of «هیات»
        ("عباسعلی نورا عضو هیات علمی دانشگاه آزاد گفت: دولت نبض اقتصاد را از دست داد.",
         "عباسعلی نورا", ("IRN", "EDU")),
        ("به نوشته سایت شبکه خبری «بی. بی. سی»، ۱۲ نفر در تایلند نجات یافتند.",
         "بی. بی. سی", ("GBR", "MED")),
        ("وزیر کشور گفت: مصوبه‌ای که قبلاً شورای امنیت ملی داشت پیگیری می‌شود.",
         "شورای امنیت ملی", ("IRN", "GOV")),
        ("پلیس رمادی اعلام کرد درگیری‌ها در گذرگاه‌های اصلی شهر رخ داد.", "پلیس رمادی",
         ("IRQ", "COP")),
        ("معاون وزیر دفاع عربستان سعودی به نواکشوت سفر کرد.", "نواکشوت", ("MRT", None)),
        ("پترائوس مسئولیت افغانستان را واگذار کرد.", "پترائوس", ("USA", "MIL")),
    ],
)  # fmt: skip
def test_actors_country_and_sector_of_titles_and_tables(pipeline, text, surface, expected) -> None:
    assert _country_sector(pipeline, text, surface) == expected


@pytest.mark.parametrize(
    ("surface", "country"),
    [("محمدرضا پهلوی", "IRN"), ("روژه گارودی", "FRA"), ("برانکو", "HRV")],
)
def test_actors_table_knows_people_news_names_without_a_title(surface: str, country: str) -> None:
    """The last Shah is no Egyptian official; a French philosopher or a coach is not of the
    state the sentence names."""
    pat = actor_ruler().get(key(surface))
    assert pat is not None and known_actors()[pat.id or ""].country == country


def test_a_stateless_table_person_holds_no_title_bound_back() -> None:
    """«سفیر اتریش» opening a sentence after a line on Rumi is the ambassador, not the poet:
    a table person the table gives no state holds no state's office and takes no state."""
    doc = rasad.extract(
        "شب شعر مولوی در وین برگزار شد.\nسفیر اتریش در این مراسم گفت: او شاعر جهان است."
    )
    (role,) = doc.roles
    assert role.country == "AUT" and role.holder_actor_id is None
    rumi = next(m for m in doc.entities if doc.text[m.start : m.end] == "مولوی")
    assert doc.actors[rumi.actor_id].country is None
