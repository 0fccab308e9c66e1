// Search in the reader's own script: a query typed in traditional characters (最美人牆) is converted
// character by character to the simplified text the index holds, with the map the build writes
// (assets/t2s.json, from OpenCC). window.siteGenQuery(term) is what the search UI and the tests use.
(function () {
  let map = {};
  window.siteGenReady = fetch(document.currentScript.dataset.t2s)
    .then((response) => (response.ok ? response.json() : {}))
    .then((loaded) => { map = loaded; })
    .catch(() => {});
  // A day typed as a date (2021年1月18日, 1月18日) asks for the chronicle: the query becomes the day's
  // word (d20210118, d0118) that the build gives each event (site/build.py, day_words), and the search
  // page applies the 类型 filter 大事, so that day's events are listed.
  const DAY = /^\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$/;
  const two = (n) => n.padStart(2, "0");
  window.siteGenQuery = (term) => {
    const day = DAY.exec(term);
    if (day) { return `d${day[1] || ""}${two(day[2])}${two(day[3])}`; }
    return Array.from(term, (ch) => map[ch] || ch).join("");
  };
  window.siteGenFilters = (term) => (DAY.test(term) ? { 类型: ["大事"] } : {});
  // Pagefind joins a page's blocks with an ASCII ". " (`概况. 2021年`): Chinese text reads them as a
  // full stop, or as nothing after its own punctuation.
  const punctuated = (excerpt) => (excerpt || "")
    .replace(/(?:<mark>)?\bd\d{4,8}(?:<\/mark>)? ?/g, "")  // an event's day words are for the index only
    .replace(/([。！？；：，、）」』”》])\. /g, "$1")
    .replace(/([\u3400-\u9fff])\. /g, "$1。");
  // A result reads yearbook › category › section › title, so a reader sees where an entry sits; no
  // metadata is left to show as a chip of its own (Pagefind's would be labelled in English).
  window.siteGenResult = (result) => {
    const meta = result.meta || {};
    meta.title = [meta.crumbs, meta.title].filter(Boolean).join(" › ");
    for (const key of Object.keys(meta)) {
      if (key !== "title") { delete meta[key]; }
    }
    result.excerpt = punctuated(result.excerpt);
    for (const sub of result.sub_results || []) { sub.excerpt = punctuated(sub.excerpt); }
    return result;
  };
})();
