"""Do two English names name the same entity?  The strict scorer's test for speakers and actors.

A user needs the resolved entity, not the words at the quote, so the scorer compares canonical English names
(the gold `speaker` / `speaker_org` / `actor1` against marsad's `name` / `org`). Names are compared as keys:

- case, accents and punctuation folded; articles ("al-", "el-", "the") and function words ("of", "for", "and")
  dropped; a demonym counts as its country ("Iraqi Ministry of Health" = "Ministry of Health (Iraq)");
- each word reduced to its consonant skeleton, so transliteration variants agree ("Mohammed" = "Muhammad",
  "Hussein" = "Husayn", "Abdullah" = "Abdallah");
- the word SETS must be equal: a bare surname does not name the person ("Brennan" != "John Brennan"), a
  ministry of another country is another ministry;
- an abbreviation or alternative name in parentheses, or either side of " / ", is a name on its own
  ("SDF" = "Syrian Democratic Forces (SDF)", "Ansar Allah" = "Houthis (Ansar Allah)"), but a country in
  parentheses is part of the name;
- ACLED writes the unidentified armed group with or without its country: without a country it matches
  any; with two different countries it does not.

    >>> same_entity("Mohamed Ahmed", "Muhammad Ahmad")
    True
    >>> same_entity("Brennan", "John Brennan")
    False
    >>> same_entity("Iraqi Ministry of Health", "Ministry of Health (Iraq)")
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_STOP = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "the", "of", "for", "and", "in",
                   "on", "de", "du", "la", "le", "des"})
_PAREN = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[a-z0-9]+")
_UAG = "unidentified armed group"


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], frozenset[str]]:
    """demonym or country word -> country key; and the set of country keys."""
    from marsad.resources.registry import read_tsv

    demonym: dict[str, str] = {}
    for row in read_tsv("actors_countries.tsv"):
        country = _plain(row["name"])
        for form in (row["name"], row.get("of", ""), row.get("demonym", "")):
            if form:
                demonym[_plain(form)] = country
    extra = {"american": "united states", "us": "united states", "usa": "united states",
             "british": "united kingdom", "uk": "united kingdom", "russian": "russia", "french": "france",
             "german": "germany", "chinese": "china", "emirati": "united arab emirates",
             "uae": "united arab emirates", "saudi": "saudi arabia", "gazan": "gaza"}
    for k, v in extra.items():
        demonym.setdefault(k, v)
    return demonym, frozenset(demonym.values())


def _plain(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("`", "'")
    return " ".join(_WORD.findall(s.replace("'", "")))


def _skeleton(word: str) -> str:
    """Consonant skeleton of one Latin word: vowels (and y, w between letters) dropped, doubles collapsed."""
    w = word.replace("ou", "u").replace("ee", "i").replace("q", "k").replace("g", "j")
    out: list[str] = []
    for c in w:
        if c in "aeiouy":
            continue
        if out and out[-1] == c:
            continue
        out.append(c)
    return "".join(out) or w


def _words_key(part: str) -> frozenset[str]:
    demonym, _ = _countries()
    plain = _plain(part)
    # multi-word countries first ("saudi arabia", "united states")
    for form in sorted((f for f in demonym if " " in f), key=len, reverse=True):
        if form in plain:
            plain = plain.replace(form, demonym[form].replace(" ", "_"))
    words = []
    for w in plain.split():
        if w in _STOP:
            continue
        w = demonym.get(w, w)
        words.append(w.replace(" ", "_"))
    return frozenset(_skeleton(w) if "_" not in w else w for w in words)


def _is_country(part: str) -> bool:
    demonym, countries = _countries()
    p = _plain(part)
    return p in countries or p in demonym


@lru_cache(maxsize=4096)
def entity_keys(name: str | None) -> frozenset[frozenset[str]]:
    """Every key under which `name` names its entity (empty for no name)."""
    if not name or not name.strip():
        return frozenset()
    keys: set[frozenset[str]] = set()
    for alt in re.split(r"\s+/\s+", name.strip()):
        parens = _PAREN.findall(alt)
        outer = _PAREN.sub(" ", alt)
        keys.add(_words_key(alt))
        for p in parens:
            if p.strip() and not _is_country(p):
                # an abbreviation or an alternative name: each half names the entity on its own
                keys.add(_words_key(outer))
                keys.add(_words_key(p))
    return frozenset(k for k in keys if k)


def _uag_country(name: str) -> tuple[bool, str | None]:
    p = _plain(name)
    if not p.startswith(_UAG):
        return False, None
    m = _PAREN.search(name)
    return True, (_plain(m.group(1)) if m else None)


def same_entity(a: str | None, b: str | None) -> bool:
    """Whether two English names name the same entity (see the module doc)."""
    if not a or not b:
        return False
    ua, ca = _uag_country(a)
    ub, cb = _uag_country(b)
    if ua or ub:
        return ua and ub and (ca is None or cb is None or ca == cb)
    return bool(entity_keys(a) & entity_keys(b))
