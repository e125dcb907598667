"""Persian normalization as an ordered list of named, switchable steps.

Each step is a public function `step(text) -> list[Edit]` in its input's coordinates; the
`Normalizer` applies them one after another through `OffsetMap.apply`, so every character of
the normalized text maps back to the raw characters it came from (steps that can only act on
certain characters, TRIGGERS, are skipped together after one scan finds none). Newlines are
never touched: a text of N lines normalizes to N lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from operator import attrgetter

from rasad.model import Document, Edit, OffsetMap
from rasad.pipeline import stage
from rasad.text.letters import PERSIAN_LETTERS
from rasad.text.zwnj import LETTERS, ZWNJ, restore_zwnj, restored_text

StepFn = Callable[[str], list[Edit]]
_START = attrgetter("start", "end")

# Format and control characters that carry no text: bidi marks, soft hyphen, BOM, ZWJ, ZWSP,
# and C0 controls other than newline and tab (a carriage return is dropped, its newline kept).
_INVISIBLE_CHARS = (
    "\u200b\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff\x00-\x08\x0b-\x1f\x7f"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_LETTER_CHARS = "".join(PERSIAN_LETTERS)
# Arabic presentation forms (text copied out of PDFs: «ﺑﯿﮋن ﺟﻨﺘﯽ»): contextual letter shapes and
# ligatures, each spelled by its compatibility decomposition («ﻻ» → «لا»).
_SHAPE_CHARS = "\ufb50-\ufdff\ufe70-\ufefc"
_SHAPES = re.compile(f"[{_SHAPE_CHARS}]+")
_LETTER_RE = re.compile(f"[{_LETTER_CHARS}]")
_DIGIT_MAP = {chr(0x0660 + i): chr(0x06F0 + i) for i in range(10)}
_DIGIT_CHARS = "\u0660-\u0669"
_DIGIT_RE = re.compile(f"[{_DIGIT_CHARS}]")
# Kashida (tatweel) and harakat, tanwin, shadda, sukun, hamza above/below, superscript alef.
# A kashida standing alone between spaces is no mark but a dash («تهران ـ ایرنا ـ»,
# «خیابان مهران ـ خانه فرهنگ»): it stays, and keeps the words on its two sides apart.
_MARK_CHARS = "\u0640\u064b-\u065f\u0670"
_MARKS = re.compile(f"[{_MARK_CHARS}]+")
_TATWEEL = "\u0640"
# A ZWNJ survives only between two letters; runs collapse to one. Only runs that need an
# edit match: two or more, or one without a letter on each side.
_LETTER_SET = frozenset(LETTERS + "ۀه")
_LETTER_CLASS = f"[{LETTERS}ۀه]"
_ZWNJ_RUN = re.compile(f"{ZWNJ}(?:{ZWNJ}+|(?<!{_LETTER_CLASS}{ZWNJ})|(?!{_LETTER_CLASS}))")
# Punctuation that takes no space before it, and the opening marks that take none after.
_CLOSING = "،؛:؟!?,.»)]"
_OPENING = "«(["
# Only space runs that need an edit match: two or more characters, any space other than a
# plain one, or a single space at a line edge, before a closing or after an opening mark.
# Two branches, so that a plain space between words fails after two tests: what follows
# (another space, a newline, a closing mark or the end: take the run) and what precedes (a
# newline, an opening mark or the start; or the space itself is not a plain one).
_SPACE_CHARS = " \t\u00a0\u2000-\u200a\u202f\u3000"
_SPACE_RUN = re.compile(
    f"[{_SPACE_CHARS}](?:(?![^{_SPACE_CHARS}\n{re.escape(_CLOSING)}])[{_SPACE_CHARS}]*"
    f"|(?<![^\n{re.escape(_OPENING)}] ))"
)
# The pattern starts with one class of all the marks, so the regex engine skips ahead to a
# mark (alternatives that each start with their own mark would be tried at every character);
# each branch then checks by lookbehind which mark it was, and the letters around it.
_NEED_SPACE = re.compile(
    f"[،؛:؟!?»).«(](?:(?<=[،؛:؟!?»)])(?=[{LETTERS}«])|(?<=[{LETTERS}]{{2}}\\.)(?=[{LETTERS}])"
    f"|(?<=[{LETTERS}۰-۹0-9][«(]))"
)


@dataclass(frozen=True)
class CharMap:
    """A step that swaps single characters one for one. Offsets never move, so the
    normalizer applies it with `str.translate` and only counts the changes."""

    pattern: re.Pattern[str]
    codes: dict[int, str]
    step: str

    def __call__(self, text: str) -> list[Edit]:
        codes, step = self.codes, self.step
        return [
            Edit(m.start(), m.end(), codes[ord(m[0])], step) for m in self.pattern.finditer(text)
        ]

    def translate(self, text: str) -> tuple[str, int]:
        """The mapped text and how many characters changed."""
        changed = len(self.pattern.findall(text))
        return (text.translate(self.codes), changed) if changed else (text, 0)


@dataclass(frozen=True)
class Rewrite:
    """A step that can also rewrite a text directly: `Normalizer.normalize`, which keeps no
    offset map, takes `apply` and skips creating, sorting and applying edits."""

    edits: StepFn
    apply: Callable[[str], str]

    def __call__(self, text: str) -> list[Edit]:
        return self.edits(text)


def _delete(pattern: re.Pattern[str], step: str) -> StepFn:
    def run(text: str) -> list[Edit]:
        return [Edit(m.start(), m.end(), "", step) for m in pattern.finditer(text)]

    return run


def unify_shapes(text: str) -> list[Edit]:
    """Arabic presentation forms to the letters they shape (NFKC), a run at a time."""
    return [
        Edit(m.start(), m.end(), unicodedata.normalize("NFKC", m[0]), "unify_shapes")
        for m in _SHAPES.finditer(text)
    ]


remove_invisible = _delete(_INVISIBLE, "remove_invisible")
remove_invisible.__doc__ = "Drop bidi marks, soft hyphens, BOM, ZWJ and control characters."
# Arabic yeh/kaf to Persian; ezafe heh (ۀ) to ه. Alef-hamza forms stay.
unify_letters = CharMap(_LETTER_RE, str.maketrans(PERSIAN_LETTERS), "unify_letters")
# Arabic-Indic digits to Persian digits; Latin digits stay.
unify_digits = CharMap(_DIGIT_RE, str.maketrans(_DIGIT_MAP), "unify_digits")
def remove_marks(text: str) -> list[Edit]:
    """Drop kashida and diacritics (harakat), which readers and matchers ignore; not a kashida
    standing alone as a dash."""
    return [
        Edit(m.start(), m.end(), "", "remove_marks") for m in _MARKS.finditer(text)
        if not _dash(text, m.start(), m.end())
    ]  # fmt: skip


def _dash(text: str, start: int, end: int) -> bool:
    """Only kashidas, with a space, punctuation, a line edge or the text's edge on both sides
    (punctuation too, so that a second pass keeps what the first did once «ـ :» became «ـ:»)."""
    return (
        text[start:end].strip(_TATWEEL) == ""
        and (start == 0 or _apart(text[start - 1]))
        and (end == len(text) or _apart(text[end]))
    )


def _apart(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] == "P"


def clean_zwnj(text: str) -> list[Edit]:
    """Collapse ZWNJ runs and drop a ZWNJ that is not between two letters."""
    edits = []
    for m in _ZWNJ_RUN.finditer(text):
        start, end = m.span()
        inside = start > 0 and end < len(text)
        if inside and text[start - 1] in _LETTER_SET and text[end] in _LETTER_SET:
            if end - start > 1:
                edits.append(Edit(start + 1, end, "", "clean_zwnj"))
        else:
            edits.append(Edit(start, end, "", "clean_zwnj"))
    return edits


def fix_spacing(text: str) -> list[Edit]:
    """One space between words; none at line ends, before closing or after opening marks."""
    edits = []
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else "\n"
        if before == "\n" or after == "\n" or after in _CLOSING or before in _OPENING:
            edits.append(Edit(start, end, "", "fix_spacing"))
        elif text[start] != " ":
            edits.append(Edit(start, end, " ", "fix_spacing"))
        elif end - start > 1:
            edits.append(Edit(start + 1, end, "", "fix_spacing"))
    return edits


def space_punctuation(text: str) -> list[Edit]:
    """A space after Persian punctuation and before «( when a word touches them (runs after
    fix_spacing, so `رفت .بعد` first loses its space, then gains one after the dot)."""
    edits = []
    for m in _NEED_SPACE.finditer(text):
        pos = m.start() if m.group() in _OPENING else m.end()
        edits.append(Edit(pos, pos, " ", "space_punctuation"))
    return edits


# Restore ZWNJ in joined or space-split words (see rasad.text.zwnj).
fix_zwnj = Rewrite(restore_zwnj, restored_text)


# Steps that edit a text only where one of these characters occurs. Most text has none of
# them, and a run of such steps then leaves it as it is: one scan for all of them shows that.
TRIGGERS: dict[str, str] = {
    "remove_invisible": _INVISIBLE_CHARS,
    "unify_shapes": _SHAPE_CHARS,
    "unify_letters": _LETTER_CHARS,
    "unify_digits": _DIGIT_CHARS,
    "remove_marks": _MARK_CHARS,
    "clean_zwnj": ZWNJ,
}

STEPS: dict[str, StepFn] = {
    "remove_invisible": remove_invisible,
    "unify_shapes": unify_shapes,
    "unify_letters": unify_letters,
    "unify_digits": unify_digits,
    "remove_marks": remove_marks,
    "clean_zwnj": clean_zwnj,
    "fix_spacing": fix_spacing,
    "space_punctuation": space_punctuation,
    "fix_zwnj": fix_zwnj,
}


class Normalizer:
    """Applies the named steps in order; switch any off by name, e.g.
    `Normalizer(fix_zwnj=False)`."""

    def __init__(self, **switches: bool) -> None:
        unknown = set(switches) - set(STEPS)
        if unknown:
            raise ValueError(f"unknown normalization steps: {sorted(unknown)}")
        self.steps: list[tuple[str, StepFn]] = [
            (name, fn) for name, fn in STEPS.items() if switches.get(name, True)
        ]
        # Consecutive steps with TRIGGERS run as one group behind one scan for any of their
        # characters (None: a group of one step without triggers, always run).
        self.groups: list[tuple[re.Pattern[str] | None, list[tuple[str, StepFn]]]] = []
        for gated, group in groupby(self.steps, key=lambda step: step[0] in TRIGGERS):
            steps = list(group)
            if gated:
                chars = "".join(TRIGGERS[name] for name, _ in steps)
                self.groups.append((re.compile(f"[{chars}]"), steps))
            else:
                self.groups.extend((None, [step]) for step in steps)

    def normalize_with_offsets(self, text: str) -> tuple[str, OffsetMap, dict[str, int]]:
        """Normalized text, its map to `text`, and how many edits each step made."""
        offsets = OffsetMap.identity(len(text))
        counts: dict[str, int] = {}
        for gate, steps in self.groups:
            if gate is not None and not gate.search(text):
                counts.update((name, 0) for name, _ in steps)
                continue
            for name, fn in steps:
                if isinstance(fn, CharMap):  # one for one: the map stays as it is
                    text, counts[name] = fn.translate(text)
                    continue
                edits = fn(text)
                counts[name] = len(edits)
                if edits:
                    text, offsets = offsets.apply(text, edits)
        return text, offsets, counts

    def normalize(self, text: str) -> str:
        """Normalized text alone: the same edits, without building an offset map."""
        for gate, steps in self.groups:
            if gate is not None and not gate.search(text):
                continue
            for _, fn in steps:
                if isinstance(fn, CharMap):
                    text = fn.translate(text)[0]
                elif isinstance(fn, Rewrite):
                    text = fn.apply(text)
                elif edits := fn(text):
                    text = _apply(text, edits)
        return text


def _apply(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` applied (OffsetMap.apply, without the map)."""
    out, pos = [], 0
    for edit in sorted(edits, key=_START):
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


@cache
def default_normalizer() -> Normalizer:
    return Normalizer()


def normalize(text: str) -> str:
    """Normalize with every step on."""
    return default_normalizer().normalize(text)


def normalize_with_offsets(text: str) -> tuple[str, OffsetMap]:
    text_out, offsets, _ = default_normalizer().normalize_with_offsets(text)
    return text_out, offsets


def normalize_line(line: str) -> str:
    """One line in, one line out (for `rasad normalize`): a stray newline becomes a space."""
    return normalize(line.replace("\r", "").replace("\n", " "))


@stage("normalize", assigns={"text"})
def normalize_stage(doc: Document) -> Document:
    doc.text, doc.offsets, counts = default_normalizer().normalize_with_offsets(doc.raw)
    doc.edits_by_step = counts
    return doc
