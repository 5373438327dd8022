"""Places the text gives without a gazetteer name: a capital by its country ("العاصمة الجزائرية"), a
country by its nationality adjective ("المدن الإسرائيلية") and the focus country as a whole ("عبر التراب
الوطني")."""

from __future__ import annotations

import re

from marsad.model.records import PlaceMention
from marsad.stages.places.candidates import context
from marsad.stages.places.cues import next_word, prev_words
from marsad.stages.places.scan import Scan
from marsad.text.match import is_word_char

_WORD = re.compile(r"[^\W\d_]+")


def capitals(scan: Scan, found: list[PlaceMention]) -> list[PlaceMention]:
    """'العاصمة الجزائرية' / 'عاصمة النيجر' (no name given) -> that country's capital."""
    out = list(found)
    text = scan.text
    word, art, clitics = scan.cues.capital_word, scan.cues.article, scan.cues.capital_clitics
    for k in range(len(text)):
        if not text.startswith(word, k) or (k and is_word_char(text[k - 1]) and text[k - 2:k] != art
                                            and text[k - 1] not in clitics):
            continue
        ns, ne, w = next_word(text, k + len(word))
        iso = scan.cues.nationality.get(w)
        if iso is None:
            s0, _ = scan.doc.norm.to_original(ns, ne)
            nxt = next((pm for pm in found if pm.start == s0 and pm.place.feature == "country"), None)
            if nxt is None:
                continue
            iso = next((e.iso for e in [scan.gaz.entry(nxt.place.id)]), None)
            out.remove(nxt)
        cap = next((e.place for e in scan.gaz.entries.values() if e.iso == iso and e.place.feature == "capital"),
                   None) if iso else None
        if cap is None:
            continue
        ws = k - 2 if text[k - 2:k] == art else k
        s0, t0 = scan.doc.norm.to_original(ws, ne)
        if any(pm.place.id == cap.id and 0 <= pm.start - t0 <= 2 for pm in out):
            continue  # "العاصمة الأردنية عمان": the name itself is the mention
        relative = context(scan, ws, "")[2]
        if any(pm.start < t0 and s0 < pm.end for pm in out) or scan.hidden(s0, t0):
            continue
        out.append(scan.mention(s0, t0, cap, 2 if relative else 1, 0.8))
    return out


def adjectives(scan: Scan, found: list[PlaceMention]) -> list[PlaceMention]:
    """Nationality adjectives as country mentions: 'تجاه المدن الإسرائيلية' (land noun + adjective) is a
    place (confidence 0.8); a bare 'الجيش المالي' only says which country the text is about (0.3)."""
    cues = scan.cues
    out: list[PlaceMention] = []
    taken = [(pm.start, pm.end) for pm in found]
    for mt in cues.nationality_re.finditer(scan.text):
        key = mt.group("bare") or mt.group("clitic")
        place = scan.gaz.country(cues.nationality[key])
        if place is None:
            continue
        ns, conf = mt.start(), 0.3
        prev = prev_words(scan.text, mt.start(), 1)
        block = cues.adjective_blockers.get(key)
        if block and prev and (prev[0][1] in block or cues.strip(prev[0][1], block)):
            continue  # "وزارة المالية" is the finance ministry, "الضفة اليمنى" the right bank
        if prev and cues.strip(prev[0][1], cues.land_nouns):
            ns, conf = prev[0][0], 0.8
        s, t = scan.doc.norm.to_original(ns, mt.end())
        if any(a < t and s < b for a, b in taken) or scan.hidden(s, t):
            continue
        out.append(scan.mention(s, t, place, 3, conf))
    return out


def nationwide(scan: Scan, found: list[PlaceMention], iso: str) -> list[PlaceMention]:
    """'عبر التراب الوطني', 'في مختلف أنحاء البلاد': the focus country as a whole."""
    out: list[PlaceMention] = []
    place = scan.gaz.country(iso)
    if place is None:
        return out
    text = scan.text
    taken = [(pm.start, pm.end) for pm in found]
    for phrase in scan.cues.nationwide:
        k = text.find(phrase)
        while k >= 0:
            e = k + len(phrase)
            if _whole_phrase(scan, k, e):
                s, t = scan.doc.norm.to_original(k, e)
                if not any(a < t and s < b for a, b in taken):
                    out.append(scan.mention(s, t, place, 3, 0.7))
                    taken.append((s, t))
            k = text.find(phrase, e)
    return out


def _whole_phrase(scan: Scan, k: int, e: int) -> bool:
    """Whether normalised [k, e) stands as words of its own, a proclitic allowed before it."""
    text = scan.text
    ws = k
    while ws > 0 and is_word_char(text[ws - 1]):
        ws -= 1
    return (text[ws:k] in scan.cues.clitics or ws == k) and (e >= len(text) or not is_word_char(text[e]))
