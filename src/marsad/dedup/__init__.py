"""Cross-document de-duplication: the same real event reported by several outlets becomes one event."""

from marsad.dedup.match import Profile, Verdict, compare
from marsad.dedup.merge import merge_mentions

__all__ = ["Profile", "Verdict", "compare", "merge_mentions"]
