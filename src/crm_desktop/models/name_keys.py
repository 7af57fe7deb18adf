"""Pinyin keys of a customer's or a staff member's name: the order every Chinese office list
uses, and what a clerk types to find a name by its initials (zw for 张伟) or its pinyin.

Computed with pypinyin when a name is written (the models' ``name`` validators, the demo's
and the import's bulk inserts, migration 0010) and stored in indexed columns: a query never
computes them per row. Three keys:

* ``sort``: each syllable with its tone number (zhang1wei3), Latin letters and digits
  lower-cased as they are, then a space and the name itself, so that names reading alike
  stay together and the shorter name comes first (张伟 before 张伟明: the space sorts below
  every letter and digit);
* ``initials``: the first letter of each syllable (zw), Latin words and numbers whole;
* ``full``: the syllables without tones (zhangwei).

A character pypinyin does not know (a rare one, 嗧) stays itself in all three keys: it sorts
after the letters at its place and no Latin query matches through it.

Heteronyms: pypinyin reads words by its phrase dictionary (重庆 chong, 银行 hang, and the
compound surnames it lists: 单于 chan yu, 尉迟 yu chi, 万俟 mo qi). A name shaped like a
person's (two to four Chinese characters) whose first two characters are not such a phrase
reads its first character as a surname where the surname's reading differs from pypinyin's
everyday one (曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou, 查 zha, 朴 piao …); pypinyin has no
surname mode of its own (python-pinyin issues #120, #297). 解放饭店 stays jie: 解放 is a phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# The surname's reading where pypinyin's single-character default is another one.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng1", "单": "shan4", "解": "xie4", "仇": "qiu2", "区": "ou1", "查": "zha1", "朴": "piao2",
    "盖": "ge3", "缪": "miao4", "覃": "qin2", "翟": "zhai2", "秘": "bi4", "员": "yun4", "种": "chong2",
    "繁": "po2",
}

SORT_LENGTH = 1000  # 120 characters of a name: up to 7 per syllable, a space and the name
FULL_LENGTH = 800
INITIALS_LENGTH = 200

_SYLLABLE = re.compile(r"[a-z]+[1-5]?")
_HAN = "[\u3400-\u9fff\U00020000-\U0003134f]"
_PERSON = re.compile(_HAN + "{2,4}")
_OTHER = re.compile("[A-Za-z0-9]+|" + _HAN)  # what stays of a piece pypinyin could not read
_MARK = "\x00"  # what pypinyin could not read comes back behind this mark


@dataclass(frozen=True)
class NameKeys:
    sort: str
    initials: str
    full: str

    def columns(self) -> dict[str, str]:
        """The keys as the models' column names (name_key, name_initials, name_pinyin)."""
        return {"name_key": self.sort, "name_initials": self.initials, "name_pinyin": self.full}


def _read(text: str) -> list[str]:
    # imported on first use: pypinyin reads its dictionaries (3 MB of JSON) as it loads,
    # about 0.4 s that the program's start does not wait for
    from pypinyin import Style, lazy_pinyin

    # neutral_tone_with_five would also put a 5 behind what could not be read: added below
    return lazy_pinyin(text, style=Style.TONE3, errors=lambda chars: [_MARK + chars])


def _syllables(name: str) -> list[str]:
    from pypinyin.phrases_dict import phrases_dict

    if _PERSON.fullmatch(name) and name[:2] not in phrases_dict and name[0] in SURNAME_READINGS:
        return [SURNAME_READINGS[name[0]], *_read(name[1:])]
    return _read(name)


@lru_cache(maxsize=65536)  # the demo's and an import's names repeat
def name_keys(name: str | None) -> NameKeys:
    name = " ".join((name or "").split())
    sort: list[str] = []
    initials: list[str] = []
    full: list[str] = []
    for piece in _syllables(name):
        if not piece.startswith(_MARK) and _SYLLABLE.fullmatch(piece):
            bare = piece.rstrip("12345")
            sort.append(piece if piece != bare else piece + "5")  # the neutral tone last
            initials.append(piece[0])
            full.append(bare)
            continue
        # Latin words and numbers whole; a Chinese character pypinyin does not know as itself;
        # spaces and punctuation left out
        rest = piece.removeprefix(_MARK)
        for match in _OTHER.finditer(rest):
            word = match.group().lower()
            sort.append(word)
            initials.append(word)
            full.append(word)
    return NameKeys(("".join(sort) + " " + name)[:SORT_LENGTH], "".join(initials)[:INITIALS_LENGTH],
                    "".join(full)[:FULL_LENGTH])


# -- what a query asks -------------------------------------------------------------------------

_PINYIN_TERM = re.compile(r"[A-Za-z]+")


def is_pinyin_term(term: str) -> bool:
    """A word of Latin letters only: it may be initials or pinyin (a number or a model name
    with digits such as lp1020 is not)."""
    return bool(_PINYIN_TERM.fullmatch(term))


MIN_PINYIN_LETTERS = 2  # one letter starts the names of a tenth of all customers


def prefix_bounds(term: str) -> tuple[str, str]:
    """(low, high) such that key >= low and key < high is "key begins with the term", on an
    index (the keys are lower-case ASCII where a Latin query can reach)."""
    low = term.lower()
    return low, low[:-1] + chr(ord(low[-1]) + 1)
