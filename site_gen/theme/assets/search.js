// Search in the reader's own script: a query typed in traditional characters (最美人牆) is converted
// character by character to the simplified text the index holds, with the map the build writes
// (assets/t2s.json, from OpenCC). window.siteGenQuery(term) is what the search UI and the tests use.
(function () {
  let map = {};
  let numbers = new Set();
  const load = (url, fallback) => fetch(url)
    .then((response) => (response.ok ? response.json() : fallback))
    .catch(() => fallback);
  const script = document.currentScript.dataset;
  window.siteGenReady = Promise.all([load(script.t2s, {}), load(script.numbers, [])])
    .then(([loadedMap, loadedNumbers]) => { map = loadedMap; numbers = new Set(loadedNumbers); });
  // A day typed as a date (2021年1月18日, 1月18日) asks for the chronicle: the query becomes the day's
  // word (d20210118, d0118) that the build gives each event (site/build.py, day_words), and the search
  // page applies the 类型 filter 大事, so that day's events are listed.
  const DAY = /^\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$/;
  const two = (n) => n.padStart(2, "0");
  // A document's number typed with or without its brackets (上委办〔2018〕第34号, 上委办2018 34号) becomes the
  // one word the build gives that document's page (collect/documents.py, number_word), if a document of
  // the site has it (assets/numbers.json): Pagefind would match `1号` as a prefix of 10号 and 107号.
  const NUMBER = /^\s*([\u4e00-\u9fff]{1,10}?)\s*[〔﹝［\[（(]?\s*(\d{4})\s*[〕﹞］\]）)]?\s*(?:第\s*)?(\d{1,4})\s*号\s*$/;
  const numberWord = (text) => {
    const number = NUMBER.exec(text);
    if (!number) { return null; }
    const issuer = Array.from(number[1], (ch) => ch.codePointAt(0).toString(16)).join("");
    const word = `wh${issuer}y${number[2]}n${parseInt(number[3], 10)}h`;
    return numbers.has(word) ? word : null;
  };
  window.siteGenQuery = (term) => {
    const day = DAY.exec(term);
    if (day) { return `d${day[1] || ""}${two(day[2])}${two(day[3])}`; }
    const simplified = Array.from(term, (ch) => map[ch] || ch).join("");
    return numberWord(simplified) || simplified;
  };
  window.siteGenFilters = (term) => (DAY.test(term) ? { 类型: ["大事"] } : {});
  // Pagefind joins a page's blocks with an ASCII ". " (`概况. 2021年`): Chinese text reads them as a
  // full stop, or as nothing after its own punctuation.
  const punctuated = (excerpt) => (excerpt || "")
    .replace(/(?:<mark>)?\b(?:d\d{4,8}|wh[0-9a-f]+y\d{4}n\d+h)(?:<\/mark>)? ?/g, "")  // day and number words: the index's
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
