"""Search columns on mentions, for the API's and CLI's filters: coordinates (bbox), actor ids, the actors'
Arabic mentions and the evidence folded (Arabic-folded text search, store.search.search_key); clusters get
the confidence of the merged event (the noisy-or of their mentions'). Existing rows are filled from their
payloads.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = (("latitude", sa.Float), ("longitude", sa.Float), ("actor1_id", sa.Text), ("actor2_id", sa.Text),
            ("actor_text", sa.Text), ("evidence_folded", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("clusters") as batch:
        batch.add_column(sa.Column("confidence", sa.Float, nullable=True))
    from marsad.model.results import EventRecord
    from marsad.store.search import mention_search_columns

    conn = op.get_bind()
    mentions = sa.table("mentions", sa.column("id", sa.String), sa.column("payload", sa.JSON),
                        sa.column("cluster_id", sa.String), *(sa.column(n, k) for n, k in _COLUMNS))
    rows = [(rid, EventRecord.from_json(payload), cid) for rid, payload, cid in
            conn.execute(sa.select(mentions.c.id, mentions.c.payload, mentions.c.cluster_id))]
    if rows:
        conn.execute(mentions.update().where(mentions.c.id == sa.bindparam("b_id")).values(
            {n: sa.bindparam(f"b_{n}") for n, _ in _COLUMNS}),
            [{"b_id": rid, **{f"b_{k}": v for k, v in mention_search_columns(ev).items()}}
             for rid, ev, _ in rows])
        from marsad.dedup.merge import noisy_or

        by_cluster: dict[str, list[EventRecord]] = {}
        for _, ev, cid in rows:
            by_cluster.setdefault(cid, []).append(ev)
        clusters = sa.table("clusters", sa.column("id", sa.String), sa.column("confidence", sa.Float))
        conn.execute(clusters.update().where(clusters.c.id == sa.bindparam("b_id")).values(
            confidence=sa.bindparam("b_conf")),
            [{"b_id": cid, "b_conf": noisy_or(ps)} for cid, ps in by_cluster.items()])


def downgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        for name, _ in _COLUMNS:
            batch.drop_column(name)
