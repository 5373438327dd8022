"""The store's tables (SQLAlchemy Core). Migrations in `store/migrations` create and change them.

documents  one row per stored article: text, provenance (with where its date came from), content hash and
           the pipeline version that read it
mentions   one row per event the pipeline found in one document (its EVENT dict in `payload`, without
           what the document's row holds: store/compact.py, migration 0012)
clusters   one row per real event: the mentions that describe it share a `cluster_id`; `profile` is what the
           matcher compares new mentions against (why each mention joined: `mentions.joined`)
quotes, posts  per document, their SCHEMA dicts in `payload`
feeds, feed_items  what `marsad watch` keeps between polls
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("content_hash", sa.String(40), nullable=False, index=True),
    sa.Column("url", sa.Text), sa.Column("outlet", sa.Text), sa.Column("title", sa.Text),
    sa.Column("published", sa.Date), sa.Column("lang", sa.String(16)),
    # where `published` came from: input | html | url | text (migration 0002); null without a date
    sa.Column("published_source", sa.String(16)),
    # the record's own provenance (model.document.meta_hash; migration 0003); null in older rows
    sa.Column("meta_hash", sa.String(40)),
    # when an archive or feed client fetched the page (ISO date-time; migration 0009); null otherwise
    sa.Column("crawled", sa.String(40)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("version", sa.String(64), nullable=False, index=True),
    sa.Column("n_events", sa.Integer, nullable=False), sa.Column("n_quotes", sa.Integer, nullable=False),
    sa.Column("n_posts", sa.Integer, nullable=False),
)

clusters = sa.Table(
    "clusters", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("country", sa.String(100)),
    sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float),  # noisy-or of its mentions' (migration 0004)
    # the start date, 0001-01-01 when undated: the pages' sort key (migration 0005)
    sa.Column("day", sa.Date, nullable=False, server_default=sa.text("'0001-01-01'")),
    # days from its first to its last date (migration 0007): bounds the index walk of a date-range page
    sa.Column("span", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("profile", sa.JSON, nullable=False),
    # mentions that joined so far, never decreasing: a joining mention's `joined` (migration 0010)
    sa.Column("joins", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Index("ix_clusters_block", "event_type", "country", "date_start"),
    sa.Index("ix_clusters_day", "day", "id"),
    sa.Index("ix_clusters_sources", "n_mentions", "id"),
    sa.Index("ix_clusters_span", "span"),
    # the candidate lookup of a new mention (store._candidates; migration 0008): without a country, and
    # among the few clusters spanning over SPAN_CAP = 31 days
    sa.Index("ix_clusters_type_start", "event_type", "date_start"),
    sa.Index("ix_clusters_long", "event_type", "date_start", sqlite_where=sa.text("span > 31"),
             postgresql_where=sa.text("span > 31")),
)

# the merged EVENT of a cluster of two or more mentions (dedup.merge_mentions of its mentions), read by every
# page of events; a batch ingest drops the rows of the clusters it changes and writes them once at its end, so
# a cluster's update costs what was added; a cluster without a row — every single report since migration
# 0011, which saves a copy of most events — is merged from its mentions when read (migration 0010)
cluster_events = sa.Table(
    "cluster_events", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("merged", sa.JSON, nullable=False),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("cluster_id", sa.String(40), sa.ForeignKey("clusters.id"), nullable=False, index=True),
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("date_start", sa.Date), sa.Column("date_end", sa.Date),
    sa.Column("country", sa.String(100)), sa.Column("admin1", sa.String(100)),
    sa.Column("location", sa.Text),
    sa.Column("actor1", sa.Text), sa.Column("actor2", sa.Text),
    sa.Column("fatalities", sa.Integer), sa.Column("confidence", sa.Float),
    sa.Column("payload", sa.JSON, nullable=False),
    # why it joined its cluster (null for the mention that founded it), and when: the merge reasons of a
    # cluster are its mentions' in `joined` order (migration 0010)
    sa.Column("merge_reason", sa.Text),
    sa.Column("joined", sa.Integer, nullable=False, server_default=sa.text("0")),
    # search columns (store/search.py; migration 0004)
    sa.Column("latitude", sa.Float), sa.Column("longitude", sa.Float),
    sa.Column("actor1_id", sa.Text), sa.Column("actor2_id", sa.Text),
    sa.Column("actor_text", sa.Text), sa.Column("evidence_folded", sa.Text),
    sa.Index("ix_mentions_country", "country", "cluster_id"),
    sa.Index("ix_mentions_type", "sub_event_type", "cluster_id"),
    sa.Index("ix_mentions_event_type", "event_type", "cluster_id"),
    sa.Index("ix_mentions_place", "longitude", "latitude", "cluster_id"),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("speaker", sa.Text), sa.Column("date", sa.Date),
    sa.Column("payload", sa.JSON, nullable=False),
)

posts = sa.Table(
    "posts", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("payload", sa.JSON, nullable=False),
)

# what `marsad watch` keeps between polls (migration 0009): validators and backoff per feed, and the items
# already ingested (by sha1 of feed URL and item key), so a restart resumes where it stopped
feeds = sa.Table(
    "feeds", metadata,
    sa.Column("url", sa.String(2048), primary_key=True),
    sa.Column("etag", sa.Text), sa.Column("modified", sa.Text),
    sa.Column("last_polled", sa.DateTime), sa.Column("last_ok", sa.DateTime),
    sa.Column("next_poll", sa.DateTime),
    sa.Column("failures", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("last_error", sa.Text),
    sa.Column("n_items", sa.Integer, nullable=False, server_default=sa.text("0")),
)

feed_items = sa.Table(
    "feed_items", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("feed_url", sa.String(2048), nullable=False),
    sa.Column("item_key", sa.Text, nullable=False),
    sa.Column("doc_id", sa.String(200)),
    sa.Column("seen_at", sa.DateTime, nullable=False),
)

TABLES = (documents, clusters, mentions, quotes, posts, cluster_events)   # the results (counts, dump)
