"""Event clusters: the coded events (mentions) that report one happening, across sentences and documents.

Two mentions can describe the same happening when they fall in the same *block* — the same directed
dyad (source and target keys: the country, or the actor code for organisations and actors without a
country) and the same CAMEO root — and their dates and locations are compatible:

* day-precision dates join a cluster whose anchor (its earliest, most precise date) is at most
  ``WINDOW_DAYS`` days away (a cluster of the same code first, then the closest);
* a coarser date (month, year, decade) joins a cluster whose anchor falls inside its period (a
  cluster of the same code first, then the one with the most mentions, then the earliest); otherwise
  it starts a cluster that later mentions of the same period join;
* undated mentions stay on their own;
* when both the mention and the cluster have a location, they must be the same place.

Each block is clustered from scratch, from the set of its events sorted by date precision, date,
publication and id, so the result depends only on which events are stored — never on the order or
the runs they arrived in.  Clustering is incremental: ``update_clusters`` re-clusters only the blocks
holding the new events.  A cluster's id is the event id of its anchor; its best event has the
highest confidence, then the earliest report.  Every member row keeps a ``reason`` in words.
Only events coded by realpolitik are clustered; imported rows count as their own cluster
(the ``events_counted`` view).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

WINDOW_DAYS = 3
DATASET = "realpolitik"
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3}

# The block key of an event row, in SQL (kept equal to ``Mention.block``).
_SIDE_KEY = (
    "coalesce(CASE WHEN {s}_country IS NULL OR {s}_country = 'IGO' THEN {s}_code ELSE {s}_country END, '')"
)
BLOCK_SQL = (
    f"({_SIDE_KEY.format(s='e.source')} || '|' || {_SIDE_KEY.format(s='e.target')} || '|' "
    "|| coalesce(e.root, ''))"
)

_MENTION_SQL = f"""
SELECT e.event_id, e.doc_id, e.sentence_index, e.source_code, e.source_country, e.target_code,
       e.target_country, e.cameo, e.root, e.event_date, e.date_precision, e.location, e.confidence,
       d.published, coalesce(d.source, e.doc_id) AS outlet, {BLOCK_SQL} AS block
FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
WHERE e.dataset = '{DATASET}'
"""


def side_key(country: str | None, code: str | None) -> str:
    """The key of one side of a dyad: its country, or its code for organisations and countryless actors."""
    if country is None or country == "IGO":
        return code or ""
    return country


@dataclass(frozen=True, slots=True)
class Mention:
    """One coded event, as clustering sees it."""

    event_id: str
    doc_id: str | None
    sentence_index: int | None
    source_code: str | None
    source_country: str | None
    target_code: str | None
    target_country: str | None
    cameo: str
    root: str
    event_date: date | None
    date_precision: str | None
    location: str | None
    confidence: float
    published: date | None
    outlet: str

    @property
    def block(self) -> str:
        src = side_key(self.source_country, self.source_code)
        tgt = side_key(self.target_country, self.target_code)
        return f"{src}|{tgt}|{self.root}"

    @property
    def dyad(self) -> str:
        src = side_key(self.source_country, self.source_code)
        return f"{src}-{side_key(self.target_country, self.target_code) or '(none)'}"

    @property
    def rank(self) -> int:
        return PRECISION_RANK.get(self.date_precision or "", 4) if self.event_date else 5

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.rank,
            self.event_date or date.max,
            self.published or date.max,
            self.doc_id or "",
            self.sentence_index if self.sentence_index is not None else -1,
            self.event_id,
        )

    def period(self) -> tuple[date, date] | None:
        """The first and last day the mention's date can mean."""
        d = self.event_date
        if d is None:
            return None
        if self.date_precision == "month":
            return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
        if self.date_precision == "year":
            return date(d.year, 1, 1), date(d.year, 12, 31)
        if self.date_precision == "decade":
            y0 = d.year // 10 * 10
            return date(y0, 1, 1), date(y0 + 9, 12, 31)
        return d, d

    def date_label(self) -> str:
        d = self.event_date
        if d is None:
            return "undated"
        if self.date_precision == "month":
            return d.strftime("%Y-%m")
        if self.date_precision == "year":
            return str(d.year)
        if self.date_precision == "decade":
            return f"{d.year // 10 * 10}s"
        return d.isoformat()


@dataclass(slots=True)
class Cluster:
    """Mentions of one happening; ``members`` pairs each mention with why it joined."""

    anchor: Mention
    members: list[tuple[Mention, str]] = field(default_factory=list)

    @property
    def cluster_id(self) -> str:
        return self.anchor.event_id

    @property
    def locations(self) -> set[str]:
        return {_place(m.location) for m, _ in self.members if m.location}

    @property
    def best(self) -> Mention:
        return min(
            (m for m, _ in self.members),
            key=lambda m: (-m.confidence, m.published or date.max, m.event_date or date.max, m.event_id),
        )

    def summary(self) -> dict[str, Any]:
        """The ``event_clusters`` row."""
        mentions = [m for m, _ in self.members]
        best, anchor = self.best, self.anchor
        published = [m.published for m in mentions if m.published]
        located = sorted(m.location for m in mentions if m.location)
        return {
            "cluster_id": self.cluster_id,
            "block": anchor.block,
            "source_code": best.source_code,
            "target_code": best.target_code,
            "source_country": best.source_country,
            "target_country": best.target_country,
            "cameo": best.cameo,
            "root": best.root,
            "event_date": anchor.event_date,
            "date_precision": anchor.date_precision if anchor.event_date else None,
            "location": located[0] if located else None,
            "first_report": min(published) if published else None,
            "last_report": max(published) if published else None,
            "n_mentions": len(mentions),
            "n_documents": len({m.doc_id for m in mentions}),
            "n_sources": len({m.outlet for m in mentions}),
            "best_event_id": best.event_id,
        }


def _place(location: str) -> str:
    return " ".join(location.casefold().split())


def _location_ok(mention: Mention, cluster: Cluster) -> tuple[bool, str]:
    places = cluster.locations
    if not mention.location or not places:
        return True, ""
    if _place(mention.location) in places:
        return True, f", location {mention.location}"
    return False, ""


# One happening seen from either side: a visit made and a visit hosted.
_MIRRORS = [{"042", "043"}]


def compatible_codes(a: str, b: str) -> bool:
    """Two CAMEO codes can describe one happening: equal, one refining the other ("023" and "0231"),
    or one being its root's residual code ("040" Consult with "042" Make a visit); not two different
    acts of one family ("051" Praise and "054" Recognise)."""
    if a == b or a.startswith(b) or b.startswith(a) or {a, b} in _MIRRORS:
        return True
    residual = {a[:2] + "0", a[:2]}
    return a[:2] == b[:2] and (a in residual or b in residual)


def _codes(mention: Mention, anchor: Mention) -> str:
    if mention.cameo == anchor.cameo:
        return f"code {mention.cameo} = {anchor.cameo}"
    return f"codes {mention.cameo} ~ {anchor.cameo} (same root {mention.root})"


def _join_reason(mention: Mention, cluster: Cluster, dates: str, place: str) -> str:
    return f"same dyad {mention.dyad}, {_codes(mention, cluster.anchor)}, {dates}{place}"


def _day_match(mention: Mention, clusters: Sequence[Cluster], window: int) -> tuple[Cluster, str] | None:
    assert mention.event_date is not None
    found: tuple[tuple[bool, int, int], Cluster, str] | None = None
    for i, cluster in enumerate(clusters):
        anchor = cluster.anchor
        if anchor.rank != 0 or anchor.event_date is None:
            continue
        gap = abs((mention.event_date - anchor.event_date).days)
        ok, place = _location_ok(mention, cluster)
        if gap > window or not ok or not compatible_codes(mention.cameo, anchor.cameo):
            continue
        key = (mention.cameo != anchor.cameo, gap, i)
        if found is None or key < found[0]:
            days = "same day" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''}"
            dates = f"dates {anchor.date_label()} ~ {mention.date_label()} ({days})"
            found = (key, cluster, dates + place)
    return (found[1], found[2]) if found else None


def _period_match(mention: Mention, clusters: Sequence[Cluster]) -> tuple[Cluster, str] | None:
    period = mention.period()
    assert period is not None
    found: tuple[tuple[bool, int, int], Cluster, str] | None = None
    for i, cluster in enumerate(clusters):
        anchor = cluster.anchor
        if anchor.event_date is None or anchor.rank > mention.rank:
            continue
        if not period[0] <= anchor.event_date <= period[1]:
            continue
        if anchor.rank == mention.rank and anchor.period() != period:
            continue
        if not compatible_codes(mention.cameo, anchor.cameo):
            continue
        ok, place = _location_ok(mention, cluster)
        if not ok:
            continue
        key = (mention.cameo != anchor.cameo, -len(cluster.members), i)
        if found is None or key < found[0]:
            dates = (
                f"date {mention.date_label()} ({mention.date_precision}) contains {anchor.date_label()}"
                if anchor.rank < mention.rank
                else f"dates {anchor.date_label()} = {mention.date_label()} ({mention.date_precision})"
            )
            found = (key, cluster, dates + place)
    return (found[1], found[2]) if found else None


def cluster_mentions(mentions: Iterable[Mention], *, window: int = WINDOW_DAYS) -> list[Cluster]:
    """Cluster the mentions of one block (see the module docstring); deterministic for a given set."""
    clusters: list[Cluster] = []
    for mention in sorted(mentions, key=Mention.sort_key):
        match = None
        if mention.event_date is not None:
            if mention.rank == 0:
                match = _day_match(mention, clusters, window)
            else:
                match = _period_match(mention, clusters)
        if match is None:
            where = f", in {mention.location}" if mention.location else ""
            reason = f"first mention: {mention.dyad} {mention.cameo} on {mention.date_label()}{where}" + (
                " (undated: not merged)" if mention.event_date is None else ""
            )
            clusters.append(Cluster(anchor=mention, members=[(mention, reason)]))
            continue
        cluster, why = match
        cluster.members.append((mention, _join_reason(mention, cluster, why, "")))
    return clusters


def cluster_all(mentions: Iterable[Mention], *, window: int = WINDOW_DAYS) -> list[Cluster]:
    """Cluster mentions of any blocks: each block on its own, blocks in name order."""
    blocks: dict[str, list[Mention]] = {}
    for m in mentions:
        blocks.setdefault(m.block, []).append(m)
    out: list[Cluster] = []
    for block in sorted(blocks):
        out.extend(cluster_mentions(blocks[block], window=window))
    return out


# -- the store ------------------------------------------------------------------------------------


def _mentions(con: Any, where: str, params: list[object]) -> list[Mention]:
    rows = con.execute(f"{_MENTION_SQL} AND {where}", params).fetchall()
    out = []
    for r in rows:
        out.append(
            Mention(
                event_id=r[0],
                doc_id=r[1],
                sentence_index=r[2],
                source_code=r[3],
                source_country=r[4],
                target_code=r[5],
                target_country=r[6],
                cameo=r[7] or "",
                root=r[8] or "",
                event_date=r[9],
                date_precision=r[10],
                location=r[11],
                confidence=float(r[12]) if r[12] is not None else 0.0,
                published=r[13],
                outlet=r[14],
            )
        )
    return out


def update_clusters(store: Any, doc_ids: Sequence[str] | None = None, *, window: int = WINDOW_DAYS) -> int:
    """Re-cluster the blocks holding the events of ``doc_ids`` (None: every event not clustered yet).

    Runs in one transaction; returns the number of blocks re-clustered.
    """
    con = store.con
    if doc_ids is None:
        sel, params = "e.event_id NOT IN (SELECT event_id FROM event_cluster_members)", []
    else:
        sel, params = "list_contains(?, e.doc_id)", [list(doc_ids)]
    blocks = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT block FROM ({_MENTION_SQL} AND {sel}) ORDER BY 1", params
        ).fetchall()
    ]
    if not blocks:
        return 0
    mentions = _mentions(con, f"list_contains(?, {BLOCK_SQL})", [blocks])
    clusters = cluster_all(mentions, window=window)
    _write(con, [m.event_id for m in mentions], clusters)
    return len(blocks)


def rebuild_clusters(store: Any, *, window: int = WINDOW_DAYS) -> int:
    """Re-cluster every coded event (e.g. after changing the window); returns the number of clusters."""
    con = store.con
    clusters = cluster_all(_mentions(con, "true", []), window=window)
    con.begin()
    try:
        con.execute("DELETE FROM event_cluster_members")
        con.execute("DELETE FROM event_clusters")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    _write(con, [m.event_id for c in clusters for m, _ in c.members], clusters)
    return len(clusters)


_CLUSTER_COLUMNS = (
    "cluster_id, block, source_code, target_code, source_country, target_country, cameo, root, event_date, "
    "date_precision, location, first_report, last_report, n_mentions, n_documents, n_sources, best_event_id"
)


def _write(con: Any, event_ids: list[str], clusters: list[Cluster]) -> None:
    """Replace the clusters of ``event_ids`` by ``clusters`` and set the best events' counts."""
    summaries = [c.summary() for c in clusters]
    members = [
        {"event_id": m.event_id, "cluster_id": c.cluster_id, "reason": reason}
        for c in clusters
        for m, reason in c.members
    ]
    clusters_df = pd.DataFrame(summaries, columns=[c.strip() for c in _CLUSTER_COLUMNS.split(",")])
    members_df = pd.DataFrame(members, columns=["event_id", "cluster_id", "reason"])
    con.begin()
    try:
        con.execute(
            "DELETE FROM event_clusters WHERE cluster_id IN "
            "(SELECT cluster_id FROM event_cluster_members WHERE list_contains(?, event_id))",
            [event_ids],
        )
        con.execute("DELETE FROM event_cluster_members WHERE list_contains(?, event_id)", [event_ids])
        con.register("_rp_clusters", clusters_df)
        con.register("_rp_members", members_df)
        try:
            con.execute(
                f"INSERT INTO event_clusters ({_CLUSTER_COLUMNS}) SELECT {_CLUSTER_COLUMNS} FROM _rp_clusters"
            )
            con.execute(
                "INSERT INTO event_cluster_members SELECT event_id, cluster_id, reason FROM _rp_members"
            )
        finally:
            con.unregister("_rp_clusters")
            con.unregister("_rp_members")
        con.execute(
            "UPDATE events SET num_mentions = 1, num_sources = 1 WHERE list_contains(?, event_id)",
            [event_ids],
        )
        con.execute(
            """
            UPDATE events SET num_mentions = c.n_mentions, num_sources = c.n_sources
            FROM event_clusters c
            WHERE events.event_id = c.best_event_id AND list_contains(?, c.best_event_id)
            """,
            [event_ids],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise


# -- reading --------------------------------------------------------------------------------------


def list_clusters(
    store: Any,
    *,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    min_mentions: int = 1,
    limit: int | None = None,
) -> pd.DataFrame:
    """Stored clusters, most mentioned first (then by date): one row each with the best event's text."""
    where = ["c.n_mentions >= ?"]
    params: list[object] = [min_mentions]
    if actor:
        a = actor.upper()
        where.append(
            "(c.source_country = ? OR c.target_country = ? OR starts_with(c.source_code, ?) "
            "OR starts_with(c.target_code, ?))"
        )
        params += [a, a, a, a]
    if since:
        where.append("c.event_date >= ?")
        params.append(since)
    if until:
        where.append("c.event_date <= ?")
        params.append(until)
    lim = f" LIMIT {int(limit)}" if limit else ""
    sql = f"""
        SELECT c.cluster_id, c.event_date, c.date_precision, c.source_code, c.target_code, c.cameo,
               c.location, c.n_mentions, c.n_documents, c.n_sources, c.first_report, c.last_report,
               c.best_event_id, e.sentence_text AS text
        FROM event_clusters c LEFT JOIN events e ON e.event_id = c.best_event_id
        WHERE {" AND ".join(where)}
        ORDER BY c.n_mentions DESC, c.event_date NULLS LAST, c.cluster_id{lim}
    """
    return store.con.execute(sql, params).df()


def cluster_members(store: Any, cluster_ids: Sequence[str]) -> pd.DataFrame:
    """The members of the given clusters with their document, sentence and reason."""
    sql = """
        SELECT m.cluster_id, m.event_id, m.event_id = c.best_event_id AS best, e.doc_id, d.source AS outlet,
               d.published, e.source_code, e.target_code, e.cameo, e.event_date, e.date_precision,
               e.location, e.confidence, m.reason, e.sentence_text AS text
        FROM event_cluster_members m
        JOIN event_clusters c ON c.cluster_id = m.cluster_id
        JOIN events e ON e.event_id = m.event_id
        LEFT JOIN documents d ON d.doc_id = e.doc_id
        WHERE list_contains(?, m.cluster_id)
        ORDER BY m.cluster_id, e.event_date NULLS LAST, d.published NULLS LAST, e.doc_id, e.sentence_index,
                 m.event_id
    """
    return store.con.execute(sql, [list(cluster_ids)]).df()


def cluster_counts(store: Any) -> dict[str, int]:
    """Coded events (mentions) and the clusters (events) they form."""
    row = store.con.execute(
        f"SELECT (SELECT count(*) FROM events WHERE dataset = '{DATASET}'), "
        "(SELECT count(*) FROM event_clusters), "
        f"(SELECT count(*) FROM events_counted WHERE dataset = '{DATASET}')"
    ).fetchone()
    assert row is not None
    return {"mentions": int(row[0]), "clusters": int(row[1]), "counted": int(row[2])}
