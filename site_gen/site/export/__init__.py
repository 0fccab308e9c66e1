"""Stage 5: the site as data (JSON export), the sitemap and robots.txt."""
