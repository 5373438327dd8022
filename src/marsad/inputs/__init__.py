"""Readers for what news arrives in besides single article files: web pages and their metadata (`pages`),
WARC archives (`warc`), RSS / Atom feeds (`feeds`), lists of URLs fetched politely (`http`, `urls`).

Each yields what `marsad.ingest.read_file` yields: Documents, IngestErrors naming the file (and record),
and `Skipped` notices counting what was passed over on purpose (a WARC archive's images, say).
"""
