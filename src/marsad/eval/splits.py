"""The fixed rule that splits the annotated articles (tests/data/annotated) into train and blind.

An article id's last digit decides: even -> **train** (read, mine and tune on it), odd -> **blind** (scored in
aggregate only; never read its per-document errors or mine words from its articles). The rule is written
in tests/data/annotated/README.md too; it never changes, so every session measures on the same blind half.

    >>> split_of("u1004"), split_of("u2017")
    ('train', 'blind')
"""

from __future__ import annotations

SPLITS = ("train", "blind")


def split_of(doc_id: str) -> str:
    """'train' for an id ending in an even digit, 'blind' for an odd one."""
    last = doc_id.rstrip()[-1:] if doc_id else ""
    if not last.isdigit():
        raise ValueError(f"{doc_id!r}: an annotated article id must end in a digit")
    return "train" if int(last) % 2 == 0 else "blind"


def in_split(doc_id: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    return split_of(doc_id) == split
