// The citation box: copy the GB/T 7714—2025 reference (as printed: the 2025 edition gives a book's part no
// 引用日期), or download the citation as RIS or BibTeX for a reference manager, made from the page's JSON-LD
// (#citation-data), the same fields the page's meta tags carry, with today's date as the access date. Today
// is China's date (a reader at 07:00 in Hangzhou is not on yesterday's UTC date). Without script the buttons
// stay hidden; the reference can be selected by hand.
const today = new Intl.DateTimeFormat("en-CA", {timeZone: "Asia/Shanghai"}).format(new Date());  // 2026-11-30

// A site built without a host in base_url prints its addresses as paths: shown (and copied) in full, as the
// reader's browser reached them.
const permalink = document.querySelector("a.permalink");
const printed = permalink ? permalink.textContent : "";  // the page's address as the build wrote it
if (permalink && !/^[a-z][a-z0-9+.-]*:/i.test(printed)) {
  permalink.textContent = permalink.href;
  const reference = document.querySelector("#reference");  // ends with that address and a full stop
  if (reference && reference.textContent.endsWith(`${printed}.`)) {
    reference.textContent = `${reference.textContent.slice(0, -printed.length - 1)}${permalink.href}.`;
  }
}

document.querySelectorAll("button.copy[data-copy]").forEach((button) => {
  const source = document.querySelector(button.dataset.copy);
  const status = button.parentElement.querySelector(".copied");
  if (!source) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = source.textContent.trim();
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "已复制";
    } catch (error) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "已选中，请按 Ctrl+C 复制";
    }
  });
});

function ris(data) {
  const book = data.isPartOf || {};
  const lines = [["TY", "CHAP"], ["TI", data.name], ...(data.author || []).map((a) => ["AU", a.name]),
    ["T2", book.name], ["A2", book.editor?.name], ["PY", book.datePublished], ["SP", data.pageStart], ["PB", book.publisher?.name],
    ["CY", book.locationCreated?.name], ["LA", data.inLanguage], ["UR", data.url], ["Y2", today]];
  return lines.filter(([, value]) => value).map(([tag, value]) => `${tag}  - ${value}`).join("\r\n") + "\r\nER  - \r\n";
}

function bibtex(data) {
  const book = data.isPartOf || {};
  const braced = (value) => `{${String(value).replace(/[{}\\]/g, "")}}`;
  const fields = [["title", data.name], ["author", (data.author || []).map((a) => a.name).join(" and ")],
    ["booktitle", book.name], ["year", book.datePublished], ["pages", data.pageStart],
    ["editor", book.editor?.name], ["publisher", book.publisher?.name], ["address", book.locationCreated?.name], ["language", data.inLanguage],
    ["url", data.url], ["urldate", today]];
  const key = `${book.datePublished || "nd"}-${data.url.split("/").filter(Boolean).pop() || "page"}`;
  return `@incollection{${key},\n` + fields.filter(([, value]) => value)
    .map(([name, value]) => `  ${name} = ${braced(value)}`).join(",\n") + "\n}\n";
}

const record = document.getElementById("citation-data");
const downloads = document.querySelector(".cite .download");
if (record && downloads) {
  const data = JSON.parse(record.textContent);
  const name = data.url.split("/").filter(Boolean).pop() || "citation";
  for (const [selector, text, type, extension] of [[".ris", ris(data), "application/x-research-info-systems", "ris"],
                                                   [".bibtex", bibtex(data), "application/x-bibtex", "bib"]]) {
    const link = downloads.querySelector(selector);
    link.href = URL.createObjectURL(new Blob([text], {type: `${type};charset=utf-8`}));
    link.download = `${name}.${extension}`;
  }
  downloads.hidden = false;
}
