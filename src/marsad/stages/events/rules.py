"""ACLED decision rules: from the cues of one clause to (event type, sub-event type) decisions.

The cue lexicon (resources/data/triggers.tsv) says what each word signals (an explosive, an air strike, a
protest, tear gas ...); these rules combine the cues of a clause the way the ACLED codebook does:
- a suicide cue with an explosion is a Suicide bomb, otherwise an explosive device is Remote explosive;
- an air/drone cue beats generic shelling ("غارة صاروخية" is an air strike);
- a protest with tear gas, dispersal or arrests is Protest with intervention; with live fire or deaths,
  Excessive force against protesters; a protest with stones, burning tyres or looting is a Riot;
- killing and attacking without explosives or artillery is an Armed clash between armed sides, and an
  Attack (violence against civilians) when the victims are civilians;
- remote violence absorbs the generic attack/kill cues of the same clause, a clash absorbs attack cues.
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"


CONFLICT = frozenset({"clash", "clash_weak", "attack", "kill", "air", "shell", "shell_generic", "ied", "suicide", "grenade",
                      "agreement", "takeover", "withdraw", "abduct", "arrest"})
# cues that name violence without saying which: a mention decided from these alone is "generic"
GENERIC = frozenset({"attack", "kill", "clash_weak", "shell_generic"})


@dataclass(frozen=True, slots=True)
class Decision:
    event_type: str
    sub_event_type: str
    heads: tuple[str, ...]  # the cue categories this decision consumes (its trigger is the first such cue)
    weight: float = 1.0  # prior reliability of the decision


def decide(cues: set[str], civilian_victims: bool, state_actor1: bool, crowd_side: bool = False) -> list[Decision]:
    """Event decisions for one clause, given the set of cue categories found in it. `crowd_side`: the clause's
    sides are a crowd (civilians, protesters, a party's supporters) and at most the state's forces, with no
    armed group: their "clash" is a violent demonstration, not a battle (ACLED: battles need two armed,
    organised sides)."""
    if crowd_side and cues & {"clash", "clash_weak"} and not cues & {"air", "shell", "ied", "suicide", "takeover"}:
        return _crowd_clash(cues, civilian_victims, state_actor1)
    implied = _implied(cues)
    whole = _whole_clause(cues, implied)
    if whole is not None:
        return [whole]
    return _decisions(implied, civilian_victims, state_actor1)


def _crowd_clash(cues: set[str], civilian_victims: bool, state_actor1: bool) -> list[Decision]:
    """A crowd's clash is a violent demonstration; the clause's strategic developments stand beside it."""
    rest = cues - {"clash", "clash_weak", "riot", "protest", "protest_weak", "attack", "kill"}
    return [Decision(RIOTS, "Violent demonstration", ("clash", "clash_weak", "riot", "protest", "protest_weak"),
                     0.8)] + [d for d in decide(rest, civilian_victims, state_actor1) if d.event_type == SD]


def _implied(cues: set[str]) -> set[str]:
    """The cue categories with those the clause's cues imply together."""
    if "disrupt_weak" in cues and cues & {"ied", "shell", "shell_generic", "air", "attack", "aircraft"}:
        cues = cues | {"disrupt"}  # "فككت عبوة ناسفة", "أسقطت الدفاعات الجوية صاروخا", "أحبطت هجوما"
    if "protest_purpose" in cues and cues & {"protest_weak", "crowd"}:
        cues = cues | {"protest"}  # "مسيرة حاشدة احتجاجا على": "in protest" alone ("أحرق نفسه احتجاجا") is none
    if "protest" in cues and cues & {"loot", "raid", "clash", "clash_weak"} and "riot" not in cues:
        # protesters setting fire to or storming a building, or fighting the police ("مواجهات بين الشرطة
        # ومحتجين"): a riot
        cues = cues | {"riot"}
    if "aircraft" in cues and cues & {"ied", "shell", "shell_generic"}:
        cues = cues | {"air"}  # "الطائرة الحوثية المفخخة", "قصف الطائرات"
    if "shell_generic" in cues:
        cues = cues | {"shell"}
    if "agreement_weak" in cues and cues & CONFLICT:
        cues = cues | {"agreement"}  # "اتفاق" counts in a conflict context (a truce, a prisoner swap)
    return cues


def _whole_clause(cues: set[str], implied: set[str]) -> Decision | None:
    """A decision that is all the clause says, read from its cues (a mob) or what they imply (the rest)."""
    if "nonviolent" in cues and cues & {"takeover", "takeover_weak", "withdraw"}:
        # "دخلت القوات المدينة دون قتال", "تسلمت مواقع بموجب تفاهم"
        return Decision(SD, "Non-violent transfer of territory", ("takeover", "takeover_weak", "withdraw"), 0.8)
    if "crowd" in cues and cues & {"attack", "kill", "loot", "riot", "clash", "clash_weak"} and "protest" not in cues:
        return Decision(RIOTS, "Mob violence", ("attack", "kill", "loot", "riot", "clash", "clash_weak", "crowd"), 0.8)
    if "disrupt" in implied and implied & {"air", "shell", "ied"}:
        # "اعتراض وتدمير طائرة مسيرة مفخخة": the weapon was stopped, nothing exploded on target
        return Decision(SD, "Disrupted weapons use", ("disrupt", "air", "shell", "ied"), 0.8)
    return None


def _decisions(cues: set[str], civilian_victims: bool, state_actor1: bool) -> list[Decision]:
    """Remote violence, a protest or riot, violence, then strategic developments, in that order."""
    out: list[Decision] = []
    remote = _remote(cues)
    if remote is not None:
        out.append(remote)
    protest = "protest" in cues or ("protest_weak" in cues and ("intervene" in cues or "riot" in cues))
    riot = "riot" in cues
    if protest or riot:
        out.append(_demonstration(cues, civilian_victims, protest, riot))
        cues = cues - {"arrest", "clash_weak", "attack"}
    out.extend(_violence(cues, civilian_victims, state_actor1, remote is not None, protest or riot))
    out.extend(_developments(cues, remote is not None, riot, bool(out)))
    return out


def _remote(cues: set[str]) -> Decision | None:
    """The one kind of remote violence the cues name, the most specific first."""
    if "chemical" in cues:
        return Decision(REMOTE, "Chemical weapon", ("chemical",))
    if "suicide" in cues and ("ied" in cues or "attack" in cues or "kill" in cues):
        return Decision(REMOTE, "Suicide bomb", ("suicide", "ied"))
    if "air" in cues:
        return Decision(REMOTE, "Air/drone strike", ("air", "shell", "shell_generic", "ied", "aircraft"))
    if "grenade" in cues:
        return Decision(REMOTE, "Grenade", ("grenade", "ied"))
    if "ied" in cues:
        return Decision(REMOTE, "Remote explosive/landmine/IED", ("ied",), 0.9)
    if "shell" in cues:
        return Decision(REMOTE, "Shelling/artillery/missile attack", ("shell", "shell_generic"), 0.9)
    return None


def _demonstration(cues: set[str], civilian_victims: bool, protest: bool, riot: bool) -> Decision:
    """A riot, or a protest by what met it: deaths, an intervention or nothing."""
    if riot:
        sub = "Mob violence" if civilian_victims and not protest else "Violent demonstration"
        return Decision(RIOTS, sub, ("riot", "protest", "protest_weak", "clash_weak"))
    if "lethal" in cues or ("kill" in cues and protest):
        return Decision(PROTESTS, "Excessive force against protesters", ("protest", "lethal", "kill"))
    if "intervene" in cues or "arrest" in cues:
        return Decision(PROTESTS, "Protest with intervention", ("protest", "protest_weak", "intervene"))
    return Decision(PROTESTS, "Peaceful protest", ("protest",), 0.9)


def _violence(cues: set[str], civilian_victims: bool, state_actor1: bool, remote: bool,
              demonstration: bool) -> list[Decision]:
    """Abduction, sexual violence, territory taken or left, and a clash or an attack."""
    out: list[Decision] = []
    if "abduct" in cues:
        out.append(Decision(VAC, "Abduction/forced disappearance", ("abduct",)))
    if "sexual" in cues:
        out.append(Decision(VAC, "Sexual violence", ("sexual",)))
    if "takeover" in cues:
        sub = "Government regains territory" if state_actor1 else "Non-state actor overtakes territory"
        out.append(Decision(BATTLES, sub, ("takeover",), 0.8))
    elif "withdraw" in cues and state_actor1 and not demonstration:
        out.append(Decision(SD, "Non-violent transfer of territory", ("withdraw",), 0.6))
    fight = _fight(cues, civilian_victims, remote, demonstration)
    return out + [fight] if fight is not None else out


def _fight(cues: set[str], civilian_victims: bool, remote: bool, demonstration: bool) -> Decision | None:
    """An armed clash, or killing and attacking without explosives: an attack on civilians or a clash."""
    if "clash" in cues or ("clash_weak" in cues and not demonstration):
        return Decision(BATTLES, "Armed clash", ("clash", "clash_weak", "attack", "kill"))
    if remote or demonstration or not ("attack" in cues or ("kill" in cues and "abduct" not in cues)):
        return None
    if civilian_victims:
        return Decision(VAC, "Attack", ("attack", "kill"), 0.8)
    return Decision(BATTLES, "Armed clash", ("attack", "kill"), 0.6)


def _developments(cues: set[str], remote: bool, riot: bool, decided: bool) -> list[Decision]:
    """Strategic developments; a change of group or a bare "Other" only when nothing else was decided."""
    out: list[Decision] = []
    if "arrest" in cues:
        out.append(Decision(SD, "Arrests", ("arrest",), 0.9))
    if "agreement" in cues:
        out.append(Decision(SD, "Agreement", ("agreement",), 0.8))
    if "loot" in cues and not riot:
        out.append(Decision(SD, "Looting/property destruction", ("loot",), 0.7))
    if ("disrupt" in cues or "cache" in cues) and not remote:
        # a seized cache or workshop ("ضبط ورشة لتصنيع السلاح") is disrupted weapons use; next to a strike
        # ("غارة على مخبأ") it is only the target
        out.append(Decision(SD, "Disrupted weapons use", ("disrupt", "cache"), 0.6))
    if "base" in cues:
        out.append(Decision(SD, "Headquarters or base established", ("base",), 0.5))
    if "change" in cues and not (decided or out):
        out.append(Decision(SD, "Change to group/activity", ("change",), 0.6))
    if not (decided or out) and cues & {"sweep", "surrender", "curfew", "other"}:
        out.append(Decision(SD, "Other", ("sweep", "surrender", "curfew", "other"), 0.4))
    return out
