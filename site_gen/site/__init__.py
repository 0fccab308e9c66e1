"""The site half, by stage, in the order build() runs them: load (content/ → pages) → collect
(what the pages share: tables, events, documents, people, terms, editions) → render (Markdown and
Jinja into every file of the site) → write (a stage beside the output, swapped in) → export (data,
sitemap) → index (Pagefind). It reads content/ only, never the import half."""
