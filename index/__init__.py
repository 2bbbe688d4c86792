"""Index stage: passages -> hybrid (BM25 + dense) search. See index/search.py and index/build.py."""

from index.build import build_index, open_index
from index.search import Index
from index.types import Hit, IndexStateError, QueryError

__all__ = ["Hit", "Index", "IndexStateError", "QueryError", "build_index", "open_index"]
