"""What a question is about, apart from what only scopes it (the places, years, documents it
names)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.concepts import Concept, plain_words, syllables
from bot.understand import Query


def topic_of(
    query: Query, items: list[Concept], regions: Iterable[str] | None = None
) -> list[Concept]:
    """The concepts a question is about, without those that only scope it: the places, years,
    document types and numbers it names (steering and the place and year checks read those).
    A place no document governs ("phường Bắc Kạn" in a corpus without the province) is what
    the question is about, not its scope; `regions` are the places the documents govern."""
    from corpus.places import same_place

    places = query.places
    if regions is not None:
        places = tuple(p for p in places if any(same_place(p, r) for r in regions))
    scope: set[str] = set()
    for name in (*places, *query.years, *query.numbers, *query.doc_kinds):
        scope.update(syllables(name.replace("-", " ")))
    if not scope:
        return items
    return [c for c in items if not plain_words(c.alternatives[0]) <= scope]
