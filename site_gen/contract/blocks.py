"""The Markdown blocks both halves know beyond CommonMark: the import writes them, the site renders them.

A table is a `::: table 表N 标题` container around a pipe table; a cell `^^` is merged with the cell above
it (a row span), as in markdown-it's multimd-table syntax.
"""

CONTAINER = "table"
MERGED = "^^"  # a cell merged with the one above it (multimd-table syntax)
