"""Stage `posts` (placeholder)."""

from __future__ import annotations


def find_posts(doc, res) -> None:
    doc.posts = []
