"""Which characters spell the same letter: the one table every normalization and every
comparison key builds on, so the stages, the store and the benches fold alike."""

from __future__ import annotations

# Arabic code points that Persian text writes with its own letters (normalization).
PERSIAN_LETTERS: dict[str, str] = {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ە": "ه"}

# For comparison keys only, further spellings of one word fold too: taa marbuta and the
# hamza-seated and madda alefs (as ../shared/tools/score folds them).
KEY_LETTERS: dict[str, str] = PERSIAN_LETTERS | {"ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا"}

TATWEEL = "\u0640"
