"""Event actors (issue 4): who acts (actor1) and who is acted on (actor2) in hand-written sentences
(tests/data/event_actor_cases.tsv) run through the whole pipeline, the helpers of stages/events/actors.py, and
the grammar's word lists (resources/data/event_actors.json) with the shapes they are built into.

Each row of the table is a test; the rows that fail today are listed by id in tests/data/known_failures.tsv
as strict expected failures (tests/known_failures.py), with what was extracted.
"""

from __future__ import annotations

import copy
import csv
import pickle
import re
from datetime import date
from pathlib import Path

import pytest

from marsad.eval.scorer import norm_name
from marsad.model.document import DocMeta, Document
from marsad.model.records import Actor, ActorMention
from marsad.resources.registry import read_json
from marsad.stages.events import actors as event_actors
from marsad.stages.events.actors_lex import LETTERS, SETS, TUPLES, WORDS, ActorGrammar
from marsad.text.normalize import fold
from tests import known_failures

TABLE = Path(__file__).parent / "data" / "event_actor_cases.tsv"
TABLE_NAME = "event_actor_cases"


def _load() -> list[dict]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = _load()


@pytest.fixture(scope="module")
def pipe(pipeline):
    return pipeline


def _events(pipe, row: dict):
    doc = Document(row["text"], DocMeta(id=row["id"], published=date.fromisoformat(row["published"])))
    pipe(doc)
    return doc.events


def _name(m: ActorMention | None) -> str | None:
    return m.actor.name if m is not None else None


def _passes(row: dict, events) -> bool:
    want1, want2 = row["actor1"], row["actor2"]
    for ev in events:
        if norm_name(_name(ev.actor1)) != norm_name(want1):
            continue
        if not want2:
            return True
        if want2 == "NONE" and ev.actor2 is None:
            return True
        if want2 != "NONE" and norm_name(_name(ev.actor2)) == norm_name(want2):
            return True
    return False


def test_table_is_well_formed():
    ids = [r["id"] for r in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(CASES) >= 60
    for r in CASES:
        assert r["text"].strip() and r["actor1"].strip(), r["id"]
        date.fromisoformat(r["published"])


def _why(pipe, row: dict) -> str | None:
    events = _events(pipe, row)
    if _passes(row, events):
        return None
    got = [(ev.sub_event_type, _name(ev.actor1), _name(ev.actor2)) for ev in events]
    return f"want {row['actor1']!r} / {row['actor2']!r}, got {got}"


def failures(pipe=None) -> dict[tuple[str, str], str]:
    """(check, row id) -> why, for every failing row (tests/known_failures.py writes them down)."""
    from marsad.pipeline import Pipeline

    pipe = pipe or Pipeline.build()
    return {("actors", r["id"]): why for r in CASES if (why := _why(pipe, r)) is not None}


@pytest.mark.parametrize("row", known_failures.rows(TABLE_NAME, "actors", CASES, lambda r: r["id"]))
def test_event_actor_case(pipe, row: dict) -> None:
    """actor1 and, where given, actor2 of one of the row's events."""
    why = _why(pipe, row)
    assert why is None, why


def test_known_failures_name_rows_of_the_table() -> None:
    assert known_failures.listed(TABLE_NAME, "actors") <= {r["id"] for r in CASES}


# --- helpers ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "country", "name"), [
    ("protesters", "Egypt", "Protesters (Egypt)"),
    ("rioters", "Bahrain", "Rioters (Bahrain)"),
    ("civilians", "Syria", "Civilians (Syria)"),
    ("unidentified", "Libya", "Unidentified Armed Group (Libya)"),
    ("civilians", None, "Civilians"),
])
def test_generic_actor(kind, country, name):
    a = event_actors.generic_actor(kind, country)
    assert a.name == name and a.country == country
    assert a.inter == event_actors.GENERIC_INTER[kind]


@pytest.mark.parametrize(("text", "stem"), [
    ("المتمردون", "متمرد"), ("المتمردين", "متمرد"), ("الثوار", "ثوار"), ("مسلحين", "مسلح"),
])
def test_fold_stem(grammar, text, stem):
    assert event_actors.fold_stem(text, grammar) == stem


def _mention(doc: Document, actor: Actor) -> ActorMention:
    return ActorMention(0, 3, doc.text[:3], actor)


@pytest.mark.parametrize(("actor", "arrest", "want"), [
    (Actor("ministry_interior:Egypt", "Ministry of Interior (Egypt)", "state", 1, "Egypt"), False,
     "Police Forces of Egypt"),
    (Actor("ministry_national_defence:Algeria", "Ministry of National Defence (Algeria)", "state", 1, "Algeria"),
     False, "Military Forces of Algeria"),
    (Actor("government:Tunisia", "Government of Tunisia", "state", 1, "Tunisia"), True, "Police Forces of Tunisia"),
    (Actor("government:Tunisia", "Government of Tunisia", "state", 1, "Tunisia"), False, "Government of Tunisia"),
    (Actor("ministry_defence:United States", "US Department of Defense", "state", 1, "United States"), False,
     "Military Forces of the United States"),
    (Actor("HAMAS", "Hamas", "rebel", 2, "Palestine"), True, "Hamas"),
])
def test_as_side(grammar, actor, arrest, want):
    doc = Document("نص قصير للاختبار")
    assert event_actors.as_side(doc, _mention(doc, actor), grammar, arrest).actor.name == want


# --- the grammar's word lists -------------------------------------------------------------------------

DATA = read_json("event_actors.json")
# a folded entry: Arabic words separated by single spaces, each optionally ending in "*" (any ending)
_ENTRY = re.compile(r"[\u0621-\u064a]+\*?(?: [\u0621-\u064a]+\*?)*")


@pytest.fixture(scope="module")
def grammar() -> ActorGrammar:
    return ActorGrammar.load()


@pytest.mark.parametrize("name", sorted(DATA["lists"]))
def test_word_list_is_documented_folded_and_unique(name):
    spec = DATA["lists"][name]
    assert spec["about"].strip()
    folded = [fold(w) for w in spec["words"]]
    assert folded, f"{name} is empty"
    assert [w for w in folded if not _ENTRY.fullmatch(w) or fold(w) != w] == []
    assert sorted({w for w in folded if folded.count(w) > 1}) == [], f"{name} repeats words after folding"


def test_every_list_is_used_and_every_slot_filled():
    slots = {m for spec in DATA["shapes"].values() for m in re.findall(r"<([a-z_]+)>", spec["pattern"])}
    others = [*SETS.values(), *LETTERS.values(), *WORDS.values(), *TUPLES.values()]
    assert len(others) == len(set(others)) and not slots & set(others)
    assert slots | set(others) == set(DATA["lists"])


@pytest.mark.parametrize("name", sorted(DATA["shapes"]))
def test_shape_is_documented_and_its_arabic_folded(grammar, name):
    """Shapes are regular expressions over folded text and are not folded when loaded (fold would lower
    \\S to \\s): their Arabic must be written folded already. Each is a field of the grammar."""
    spec = DATA["shapes"][name]
    assert spec["about"].strip()
    arabic = re.findall(r"[\u0621-\u064a]+", spec["pattern"])
    assert [w for w in arabic if fold(w) != w] == []
    assert isinstance(getattr(grammar, name), re.Pattern)


@pytest.mark.parametrize(("field", "name"), [*LETTERS.items(), *WORDS.items(), *TUPLES.items()])
def test_letters_and_words_come_folded_from_the_lists(grammar, field, name):
    """The clitics, article and endings the grammar strips are the data file's lists, folded, in file order."""
    words = [fold(w) for w in DATA["lists"][name]["words"]]
    want = "".join(words) if field in LETTERS else words[0] if field in WORDS else tuple(words)
    assert getattr(grammar, field) == want
    if field in LETTERS:
        assert all(len(w) == 1 for w in words)


def test_grammar_loads_through_resources_and_pickles(grammar):
    from marsad.stages.resources import Resources

    assert Resources.build(["event_actors"])["event_actors"] == grammar
    again = pickle.loads(pickle.dumps(grammar))
    assert again == grammar and again.agent.pattern == grammar.agent.pattern


def _edit(name: str, words: list[str] | None) -> dict:
    data = copy.deepcopy(DATA)
    if words is None:
        del data["lists"][name]
    else:
        data["lists"].setdefault(name, {"about": "x", "words": []})["words"] = words
    return data


@pytest.mark.parametrize(("data", "message"), [
    (_edit("agent_markers", ["على يد", "علي يد"]), "repeats"),  # the same word once folded
    (_edit("locative", []), "empty"),
    (_edit("locative", ["في", "in"]), "malformed"),
    (_edit("locative", ["قرب."]), "malformed"),
    (_edit("claim_phrases", None), "missing"),
    (_edit("spare_words", ["كلمة"]), "unused"),
    (_edit("conjunctions", ["و", "فف"]), "single letters"),
    (_edit("article", ["ال", "لل"]), "one word"),
    ({**DATA, "shapes": {k: v for k, v in DATA["shapes"].items() if k != "between"}}, "shapes missing"),
])
def test_malformed_data_is_rejected(data, message):
    with pytest.raises(ValueError, match=message):
        ActorGrammar.from_data(data)


# (pattern, text in ordinary spelling (folded by the test), whether it fires). Texts are what the grammar
# sees: the words before a mention (" " + up to 30-50 characters), or after it for victim_after / that,
# or the mention itself for head_attack.
_AFTER = {"head_attack", "victim_after", "that", "lam_after", "from_gap"}


@pytest.mark.parametrize(("field", "text", "hit"), [
    ("agent", " قتل شاب على يد ", True),
    ("agent", " انتحاريان من ", True),
    ("agent", " على يد الشاب ", False),  # the marker must end the text before the mention
    ("agent_suffix", " الهجوم الذي تبنته ", True),
    ("agent_suffix", " الهجوم على ", False),
    ("attack_noun", " بقصف مدفعي ", True),  # one adjective between noun and genitive
    ("attack_noun", " غارات جوية من ", True),
    ("attack_noun", " الغارات على ", False),
    ("victim", " مقتل 21 ", True),
    ("victim", " وإصابة عدد من ", True),
    ("victim", " وصل ", False),
    ("head_attack", "غارات أمريكية", True),
    ("head_attack", "الطيران الروسي", True),
    ("head_attack", "قوات التحالف", False),
    ("verbal_noun", " توقيف ", True),
    ("verbal_noun", " توقيف عدد ", False),
    ("victim_num", " قتل 5 ", True),
    ("victim_num", " قتل ", False),
    ("victim_after", " أصيبوا بجروح", True),
    ("victim_after", " لقوا حتفهم", True),
    ("victim_after", " وصلوا إلى", False),
    ("support", " بإسناد من ", True),
    ("support", " المدعومة من ", True),
    ("support", " بالتنسيق مع وحدات ", True),
    ("support", " ضد ", False),
    ("target_after", " هجوم على مواقع ", True),
    ("target_after", " بحق ", True),
    ("premises", " مقر ", True),
    ("premises", " ودوريات ", True),
    ("premises", " قرب ", False),
    ("source", " بحسب ما ذكرته ", True),
    ("source", " نقلا عن ", True),
    ("source", " قالت ", False),
    ("clash_before", " اشتباكات عنيفة بين ", True),
    ("clash_before", " تبادل لإطلاق النار بين ", True),
    ("clash_before", " الفرق بين ", False),
    ("that", " في بيان أن ثلاثة", True),
    ("that", " في بيان", False),
    ("arrest", "حملة اعتقالات واسعة", True),
    ("arrest", "ألقت القبض", True),
    ("arrest", "اشتباكات", False),
    ("state_action", "تفكيك خلية", True),
    ("state_action", "قصف", False),
    ("claim", "أعلنت مسؤوليتها عن الهجوم", True),
    ("claim", "تبنى تنظيم داعش", True),
    ("claim", "نفت الحركة", False),
    ("linked", " للاشتباه في ", True),
    ("linked", " بتهمة ", False),
    ("lam_after", " لعدد", True),
    ("lam_after", " على", False),
    ("between", " اشتباكات بين ", True),
    ("between", " بين الجيش ", False),
    ("from_gap", " من ", True),
    ("from_gap", " في ", False),
])
def test_shapes_built_from_the_lists(grammar, field, text, hit):
    rx = getattr(grammar, field)
    norm = fold(text)
    got = rx.match(norm) if field in _AFTER else rx.search(norm)
    assert bool(got) is hit


@pytest.mark.parametrize(("field", "word", "member"), [
    ("verbs", "اعتقلت", True), ("verbs", "ألقى", True), ("verbs", "قالت", False),
    ("passive_read", "قتل", True), ("passive_read", "قتلت", False),
    ("passive_after_subject", "اختطف", True),
    ("report", "أفادت", True), ("that_self", "إنها", True), ("that_self", "أن", False),
    ("not_civilian_before", "بيان", True), ("not_civilian_after", "الأعمال", True),
    ("locative", "إلى", True), ("locative", "ضد", False),
])
def test_word_sets(grammar, field, word, member):
    assert (fold(word) in getattr(grammar, field)) is member


def test_a_merged_mention_names_the_side_a_generic_one_left_unnamed(pipe) -> None:
    """Two mentions of one event: the side named by one ("عناصر الشرطة") wins over a generic side named by
    the other ("مدنيين"); a generic side never replaces a named one."""
    from dataclasses import replace

    from marsad.stages.events.merge import absorb

    doc = pipe(Document("قتل خمسة من عناصر الشرطة في تفجير سيارة مفخخة في مدينة الموصل صباح اليوم.",
                        DocMeta(id="t", published=date(2019, 6, 14))))
    ev = doc.events[0]
    police = ActorMention(0, 5, "عناصر الشرطة", Actor("police:Iraq", "Police Forces of Iraq", "state", 1, "Iraq"))
    civilians = ActorMention(0, 6, "مدنيين", Actor("generic:civilians:Iraq", "Civilians (Iraq)", "civilians", 7,
                                                   "Iraq"))
    target = replace(ev, actor2=civilians, evidence=list(ev.evidence))
    absorb(target, replace(ev, actor2=police, evidence=list(ev.evidence)))
    assert target.actor2 is police
    target = replace(ev, actor2=police, evidence=list(ev.evidence))
    absorb(target, replace(ev, actor2=civilians, evidence=list(ev.evidence)))
    assert target.actor2 is police
