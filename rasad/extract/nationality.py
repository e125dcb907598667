"""The state of a person found by the model or by name shape, with no title and no table entry.

Nearness alone misleads: the state of a news source («به گزارش رادیو … رژیم صهیونیستی، X»), of
a destination («X در سفر به تهران»), of a place («در عراق») or of someone else's title («با
وزیر دفاع عراق») says nothing about X. A demonym at the name does («X سناتور شیلیایی»), and so
does the name's shape: a Persian given name or surname is Iranian, a foreign given name never
takes the home default. With no good evidence the person keeps no state: an uncoded party is
better than a wrong one (see nationality_cues.yaml).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rasad.extract import names
from rasad.extract.contexts import load_yaml
from rasad.extract.gazetteer import (
    Pattern,
    PhraseRuler,
    demonyms,
    festival_demonym,
    given_names,
    key,
    read_tsv,
)
from rasad.extract.parties import state_codes
from rasad.extract.roles import HOME_COUNTRY, QUOTES, Hit, RoleHit

_AND = key("و")
_COMMA = key("،")
_BLESSING_TOKENS = 3  # «( ع )» as three tokens, «(ع)» as one
_MIN_TOPIC = 2  # namings that make a foreign state what an article is about


@lru_cache(maxsize=1)
def _cues() -> dict:
    return load_yaml("nationality_cues.yaml")


def _ruler(phrases: Iterable[str]) -> PhraseRuler:
    return PhraseRuler(Pattern("CUE", phrase) for phrase in phrases)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, object]:
    """The cues as token keys, read once."""
    cues = _cues()
    parts = cues["persian_name_parts"]
    return {
        "attribution": _ruler(cues["attribution"]),
        "attribution_end": frozenset(cues["attribution_end"]),
        "place_words": frozenset(key(w) for w in cues["place_words"]),
        "counterpart": frozenset(key(w) for w in cues["counterpart_words"]),
        "blessings": _ruler(cues["blessings"]),
        "holy_names": frozenset(tuple(key(w) for w in n.split()) for n in cues["holy_names"]),
        "holy_honorific": key(cues["holy_honorific"]),
        "not_holy": frozenset(key(w.split()[0]) for w in cues["not_holy_after_honorific"]),
        "endings": tuple(key(w) for w in cues["persian_surname_endings"]),
        "starts": tuple(key(w) for w in parts["starts"]),
        "ends": tuple(key(w) for w in parts["ends"]),
        "not": frozenset(key(w) for w in parts["not"]),
        "arabic": frozenset(cues["arabic_letters"]),
        "arab_prefixes": tuple(key(w) for w in cues["arab_name_prefixes"]),
        "arab_words": frozenset(key(w) for w in cues["arab_name_words"]),
        "arab_states": frozenset(cues["arab_states"]),
        "sharing": frozenset(cues["arab_states"]) | frozenset(cues["surname_sharing_states"]),
        "clerical": frozenset(key(w) for w in cues["clerical_honorifics"]),
        "prefixes": frozenset(key(w) for w in cues["given_prefixes_apart"]),
    }


@lru_cache(maxsize=1)
def home_names() -> dict[str, str]:
    """Given-name key → `persian` or `shared` (see scripts/build_home_names.py)."""
    return {key(row["name"]): row["origin"] for row in read_tsv("home_given_names.tsv")}


@lru_cache(maxsize=1)
def home_surnames() -> frozenset[str]:
    """Surname keys attested as Iranian in the NER corpora (see scripts/build_home_surnames.py)."""
    return frozenset(key(row["surname"]) for row in read_tsv("home_surnames.tsv"))


def _attested(keys: list[str], hit: Hit) -> bool:
    """A full name whose surname the corpora attest as Iranian («حسین شریفی», «جواد نکونام»),
    with no foreign given name and no Arabic article or patronymic."""
    given, surname = _given(keys, hit)
    if not surname or surname not in home_surnames() or _arab(keys, hit):
        return False
    return not (given in given_names() and given not in home_names())


def _home_over(state: str, count: int) -> bool:
    """Whether an attested Iranian surname outweighs `state`, named `count` times: any state
    whose people bear no such surnames, and an Arab or Afghan one the article names once."""
    return state != HOME_COUNTRY and (state not in _lexicon()["sharing"] or count < _MIN_TOPIC)


def weak_positions(keys: list[str]) -> set[int]:
    """Tokens whose state is no evidence of a person's nationality: inside a news attribution
    (up to its comma) or right after a place word."""
    lex = _lexicon()
    weak = {i + 1 for i, k in enumerate(keys[:-1]) if k in lex["place_words"]}
    weak |= {i + 2 for i in weak if keys[i + 1 : i + 2] == [_AND]}
    for opener in lex["attribution"].candidates(keys):
        end = opener.last
        while end < len(keys) and keys[end] not in lex["attribution_end"] and keys[end] != ".":
            weak.add(end)
            end += 1
    return weak


def others_title(keys: list[str], role: RoleHit) -> bool:
    """A title someone else holds, or one the sentence meets across a table («با وزیر …»)."""
    before = keys[role.first - 1] if role.first > 0 else ""
    return role.holder is not None or before in _lexicon()["counterpart"]


def _blessed(keys: list[str], hit: Hit) -> bool:
    """«امام رضا (ع)», «امام حسین», «حضرت داوود»: a holy figure, named with a blessing, by a
    name of one, or after «حضرت» (not «حضرت امام» or «حضرت آیت‌الله …», living clerics)."""
    lex = _lexicon()
    following = keys[hit.last : hit.last + _BLESSING_TOKENS]
    if any(m.first == 0 for m in lex["blessings"].candidates(following)):
        return True
    words = tuple(keys[hit.first : hit.last])
    before = keys[hit.first - 1] if hit.first else ""
    if words in lex["holy_names"] or (before, *words) in lex["holy_names"]:
        return True
    return before == lex["holy_honorific"] and words[0] not in lex["not_holy"]


def _demonym_at(keys: list[str], hit: Hit) -> str | None:
    """A demonym inside the name or within a few words after it, before any punctuation (but
    the quotation mark closing the name and the comma of an apposition: «X، دیپلمات آمریکایی»,
    «"روژه گارودی" فیلسوف فرانسوی») or «و»."""
    table = demonyms()
    after = hit.last + (hit.last < len(keys) and keys[hit.last] in QUOTES)
    comma = keys[after : after + 1] in ([_COMMA], [","])
    after += comma
    words = list(range(hit.first, _own_end(keys, hit)))
    words += list(range(after, after + _cues()["demonym_window"]))
    for i in (i for i in words if i < len(keys)):
        if i >= hit.last and (not keys[i].isalpha() or keys[i] == _AND):
            return None  # «X، Y و دو یار برزیلی»: after «و» the list names someone else
        if i > after and comma and _next_surname(keys, after, i):
            return None  # «X، آقا ضیاءالدین عراقی و …»: the next name's surname
        if keys[i] in table and not (i and festival_demonym(keys[i - 1])):
            return table[keys[i]]
    return None


def _next_surname(keys: list[str], start: int, at: int) -> bool:
    """Whether the word at `at` ends the next name of a list: the words from `start` (right
    after a comma) open with a given name and the list goes on after it («طباطبایی یزدی، آقا
    ضیاءالدین عراقی و …»), so a demonym there is that person's surname, no nationality of the
    name before the comma («X، دیپلمات آمریکایی» still gives one)."""
    given = keys[start] in given_names() or keys[start] in home_names()
    ends = at + 1 >= len(keys) or not keys[at + 1].isalpha() or keys[at + 1] == _AND
    return given and ends and keys[at] in demonyms()


def _own_end(keys: list[str], hit: Hit) -> int:
    """Where the words that may state a name's nationality end: after a given name Iranians
    bear, or one a form of address opens («آقا ضیاءالدین عراقی», a nisba of Arak), a
    demonym-shaped second word is a surname («اکبر سوری», «حسین عراقی»), not a nationality
    («سزار مارکوس برزیلی» still is one)."""
    given = keys[hit.first]
    iranian = given in home_names() or origin(keys, Hit(hit.first, hit.first + 1, "PER")) == "home"
    nisba = iranian or names.addressed(keys, hit.first)
    return hit.last - 1 if hit.last - hit.first == 2 and nisba else hit.last


def surname_positions(keys: list[str], hits: list[Hit]) -> set[int]:
    """Token positions of the surnames of person hits that open with a given name: a demonym
    there is the surname, no nationality mark (see `_own_end`); so is that word alone
    elsewhere in the article («حسن سوری … سوری افزود»: he again, no Syrian)."""
    own = {h.last - 1 for h in hits if h.label == "PER" and _own_end(keys, h) < h.last}
    surnames = {keys[i] for i in own}
    return own | {i for i, k in enumerate(keys) if k in surnames}


def _given(keys: list[str], hit: Hit) -> tuple[str, str]:
    """The given name's key (one token, or two written apart: «روح الله») and the surname's."""
    words = keys[hit.first : hit.last]
    if len(words) > 1 and words[0] == key("سید"):
        words = words[1:]
    if len(words) > 2 and words[0] in _lexicon()["prefixes"] and words[1] in home_names():
        words = words[1:]  # «میر محمد حسینی»: «میر» opens «میرمحمد», no given name of its own
    pair = "".join(words[:2])
    given = pair if len(words) > 2 and pair in home_names() else words[0]
    return given, words[-1] if len(words) > 1 else ""


def origin(keys: list[str], hit: Hit) -> str | None:
    """`home` for an Iranian-shaped name, `foreign` for a known foreign given name, else None."""
    lex = _lexicon()
    given, surname = _given(keys, hit)
    compound = given not in lex["not"] and (
        any(given.startswith(p) and given != p for p in lex["starts"])
        or any(given.endswith(p) and given != p for p in lex["ends"])
    )
    persian_given = compound or home_names().get(given) == "persian"
    persian_surname = any(surname.endswith(e) and len(surname) > len(e) + 2 for e in lex["endings"])
    # the ending written apart: «منصور ابراهیم زاده», «علی حسن پور»
    persian_surname |= hit.last - hit.first > 2 and surname in lex["endings"]
    if persian_given or persian_surname:
        return "home"
    foreign = given in given_names() and given not in home_names()
    return "foreign" if foreign and not lex["arabic"].intersection(given) else None


def _iranian_cleric(keys: list[str], hit: Hit) -> bool:
    """«آیت‌الله جعفر سبحانی», «حجت‌الاسلام والمسلمین …»: a name right after a form of address
    of Iran's Shia clergy (nationality_cues.yaml `clerical_honorifics`), however many tokens
    the article writes it in."""
    clerical = _lexicon()["clerical"]
    return any(
        "".join(keys[hit.first - n : hit.first]) in clerical
        for n in range(1, min(hit.first, 4) + 1)
    )


def _arab(keys: list[str], hit: Hit) -> bool:
    """«الراوی», «بن سعود»: an Arabic article on a later word of the name, or a patronymic."""
    lex = _lexicon()
    words = keys[hit.first : hit.last]
    later = words[1:]
    return bool(lex["arab_words"].intersection(later)) or any(
        w.startswith(p) and len(w) > len(p) + 2 for w in later for p in lex["arab_prefixes"]
    )


def dateline_state(keys: list[str], places: dict[int, str], opening: int) -> str | None:
    """The state of the place a report is filed from («به گزارش خبرگزاری فارس از اردبیل،»):
    the first place inside an attribution within the first `opening` tokens."""
    lex = _lexicon()
    for opener in lex["attribution"].candidates(keys[:opening]):
        end = opener.last
        while end < len(keys) and keys[end] not in lex["attribution_end"] and keys[end] != ".":
            if end in places:
                return places[end]
            end += 1
    return None


def person_country(
    keys: list[str],
    hit: Hit,
    near: list[tuple[int, str, bool]],
    counts: Counter[str],
    dateline: str | None = None,
) -> str | None:
    """The state of an untitled person. `near`: (distance, state, sound) of the states named
    in its sentence, `sound` false for a place or an attribution; `counts`: how often the
    article names each state outside attributions and places; `dateline`: the state the report
    is filed from, which a name of no telling shape belongs to when its sentence names no
    state (a governor in Ardabil stays Iranian in a sermon about Karbala). A person is a
    citizen of a state: «اروپایی» (EUR) or an IGO nearby is never their nationality."""
    if _blessed(keys, hit):
        return None
    states = state_codes()
    near = [n for n in near if n[1] in states]
    counts = Counter({c: n for c, n in counts.items() if c in states})
    strong = _demonym_at(keys, hit)
    if strong in states:
        return strong
    if _arab(keys, hit):
        arab = [(d, c) for d, c, _ in near if c in _lexicon()["arab_states"]]
        if arab:
            return min(arab)[1]
    near = [(d, c) for d, c, sound in near if sound]
    shape = origin(keys, hit)
    if shape == "home":
        return HOME_COUNTRY
    attested = shape is None and _attested(keys, hit)
    if near:
        # «لاری فرانکلین … متخصص امور ایران … وزیر دفاع آمریکا»: a foreign given name is no
        # Iranian's where the sentence names a foreign state too
        abroad = [(d, c) for d, c in near if c != HOME_COUNTRY]
        state = min(abroad if shape == "foreign" and abroad else near)[1]
        # «حسین سلطانی از ماهان و رافائل برزیلی»: the demonym is the Brazilian's
        return HOME_COUNTRY if attested and _home_over(state, _MIN_TOPIC) else state
    if shape is None and not _arab(keys, hit) and _iranian_cleric(keys, hit):
        return HOME_COUNTRY  # no state at the name: the article's topic is not theirs
    if shape == "foreign":
        topic = [(n, c) for c, n in counts.items() if c != HOME_COUNTRY and n >= _MIN_TOPIC]
        return max(topic)[1] if topic else None
    if dateline in states:
        return dateline
    top = counts.most_common(1)[0][0] if counts else HOME_COUNTRY
    if attested and _home_over(top, counts[top]):
        return HOME_COUNTRY  # «جواد نکونام» in a report that names Turkey once
    return top
