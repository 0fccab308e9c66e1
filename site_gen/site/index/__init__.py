"""Stage 6: the search index (Pagefind), the engine that builds it, the query helpers it ships."""
