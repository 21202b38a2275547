"""One event, many reports: near-duplicate documents and clusters of events across documents.

* ``documents`` — MinHash/LSH detection of near-duplicate documents at ingest (syndicated copies,
  light rewrites); a duplicate is stored, linked to its original and not coded.
* ``clusters`` — coded events describing the same happening (same dyad, compatible CAMEO codes,
  overlapping dates, compatible places) grouped into clusters with their mentions and reasons.
"""

from realpolitik.dedupe.clusters import (
    Cluster,
    Mention,
    cluster_all,
    cluster_counts,
    cluster_members,
    cluster_mentions,
    list_clusters,
    rebuild_clusters,
    update_clusters,
)
from realpolitik.dedupe.documents import (
    Duplicate,
    DuplicateIndex,
    Signature,
    duplicates,
    save_duplicate,
    save_signature,
    shingles,
    signature,
)

__all__ = [
    "Cluster",
    "Duplicate",
    "DuplicateIndex",
    "Mention",
    "Signature",
    "cluster_all",
    "cluster_counts",
    "cluster_members",
    "cluster_mentions",
    "duplicates",
    "list_clusters",
    "rebuild_clusters",
    "save_duplicate",
    "save_signature",
    "shingles",
    "signature",
    "update_clusters",
]
