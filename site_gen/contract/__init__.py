"""The contract between the halves: the pages the import writes and the site reads (front matter
keys and their types, the Markdown blocks both know)."""
