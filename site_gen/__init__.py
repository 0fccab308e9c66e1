"""site_gen: publish Chinese local yearbooks as static, searchable websites."""

__version__ = "0.15.0"
