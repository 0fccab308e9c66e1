"""Stage 2: what the pages share, gathered across the books: tables, chronicle events, documents,
people, glossary terms, editions, the live book index, and the marks that link them in running text."""
