// The search page: the site's own interface over Pagefind's JavaScript API (pagefind.js and its index, no
// UI bundle: a third of the bytes a first search fetched), and the site's own order of results.
//
// A query is searched three ways at once and the answers merged (window.siteGenSearch, which the tests run):
// 1. its exact title (assets/titles/, site/index/titles.py): a title typed as printed is the first result,
//    even where the browser splits its words otherwise than the index did and Pagefind finds nothing;
// 2. Pagefind, all of its words; the first results whose data is loaded anyway are put in the order of
//    their titles: the same as the query, then holding it, then the rest as Pagefind ranked them;
// 3. with few results, Pagefind word by word (the index's chunks are loaded already: no extra bytes), pages
//    with most of the words after the others.
// A query typed in traditional characters (最美人牆) is converted character by character to the simplified
// text the index holds (assets/t2s.json, from OpenCC).
(function () {
  const PAGE = 5;  // results shown at a time
  const ORDERED = 5;  // the first results, whose data is loaded (to be shown) and ordered by their titles
  const FEW = 5;  // fewer results than this: word-by-word results are added
  const script = document.currentScript.dataset;
  let map = {};
  let numbers = new Set();
  const load = (url, fallback) => fetch(url)
    .then((response) => (response.ok ? response.json() : fallback))
    .catch(() => fallback);
  window.siteGenReady = Promise.all([load(script.t2s, {}), load(script.numbers, [])])
    .then(([loadedMap, loadedNumbers]) => { map = loadedMap; numbers = new Set(loadedNumbers); });
  // A day typed as a date (2021年1月18日, 1月18日) asks for the chronicle: the query becomes the day's
  // word (d20210118, d0118) that the build gives each event (site/build.py, day_words), and the search
  // applies the 类型 filter 大事, so that day's events are listed.
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
  const simplify = (term) => Array.from(term, (ch) => map[ch] || ch).join("");
  window.siteGenQuery = (term) => {
    const day = DAY.exec(term);
    if (day) { return `d${day[1] || ""}${two(day[2])}${two(day[3])}`; }
    const simplified = simplify(term);
    return numberWord(simplified) || simplified;
  };
  window.siteGenFilters = (term) => (DAY.test(term) ? { 类型: ["大事"] } : {});

  // Pagefind joins a page's blocks with an ASCII ". " (`概况. 2021年`): Chinese text reads them as a
  // full stop, or as nothing after its own punctuation.
  const punctuated = (excerpt) => (excerpt || "")
    .replace(/(?:<mark>)?\b(?:d\d{4,8}|wh[0-9a-f]+y\d{4}n\d+h)(?:<\/mark>)? ?/g, "")  // day and number words: the index's
    .replace(/([。！？；：，、）」』”》])\. /g, "$1")
    .replace(/([\u3400-\u9fff])\.(?: |$)/g, "$1。");
  // A result reads yearbook › category › section › title, so a reader sees where an entry sits.
  const shown = (data) => ({
    url: data.url,
    title: [data.meta.crumbs, data.meta.title].filter(Boolean).join(" › "),
    excerpt: punctuated(data.excerpt),
    subs: (data.sub_results || []).filter((sub) => sub.url !== data.url && sub.url.includes("#"))
      .sort((a, b) => b.locations.length - a.locations.length).slice(0, 3)
      .map((sub) => ({ url: sub.url, title: sub.title, excerpt: punctuated(sub.excerpt) })),
  });

  // The key a title is looked up by, as site/index/titles.py makes it: NFKC, lower case, no punctuation,
  // symbols, spaces or controls; its file, by FNV-1a of its UTF-8 modulo the number of files.
  const titleKey = (text) => text.normalize("NFKC").toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, "");
  const bucketOf = (key) => {
    let value = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(key)) { value = Math.imul(value ^ byte, 0x01000193) >>> 0; }
    return (value % Number(script.buckets)).toString(16).padStart(2, "0");
  };
  const buckets = {};
  const exactTitles = (key) => {
    if (!key) { return Promise.resolve([]); }
    const bucket = bucketOf(key);
    buckets[bucket] = buckets[bucket] || load(`${script.titles}${bucket}.json`, {});
    return buckets[bucket].then((titles) => titles[key] || []);
  };

  let pagefind = null;
  window.siteGenPagefind = (async () => {
    await window.siteGenReady;
    pagefind = await import(`${script.bundle}pagefind.js`);
    // excerpts of 24 words as Pagefind segments Chinese: about two lines of text on a phone
    await pagefind.options({ baseUrl: script.base, excerptLength: 24 });
    // A site of many yearbooks has more than one index (pagefind/shards.json lists the others): merged here.
    for (const path of await load(`${script.bundle}shards.json`, [])) {
      await pagefind.mergeIndex(script.bundle + path, { baseUrl: script.base });
    }
    await pagefind.init();
    return pagefind;
  })();

  const words = (text) => Array.from(new Intl.Segmenter("zh-CN", { granularity: "word" }).segment(text))
    .filter((segment) => segment.isWordLike).map((segment) => segment.segment);
  // Pages with most of the query's words, for a query whose words the index split otherwise.
  const byMostWords = async (query, filters, seen) => {
    const parts = [...new Set(words(query))];
    if (parts.length < 3) { return []; }
    const found = new Map();
    for (const part of parts) {
      for (const result of (await pagefind.search(part, { filters })).results) {
        if (seen.has(result.id)) { continue; }
        const hit = found.get(result.id) || { result, count: 0, score: 0 };
        hit.count += 1;
        hit.score += result.score;
        found.set(result.id, hit);
      }
    }
    const enough = Math.max(2, Math.ceil(parts.length * 0.6));
    return [...found.values()].filter((hit) => hit.count >= enough)
      .sort((a, b) => b.count - a.count || b.score - a.score).map((hit) => hit.result);
  };

  // Every result for `term` in the site's order: {total, filters (counts), items}; an item's `data()`
  // gives what a result shows ({url, title, excerpt, subs}).
  window.siteGenSearch = async (term, chosen = {}) => {
    await window.siteGenPagefind;
    const filters = { ...chosen };
    for (const [name, values] of Object.entries(window.siteGenFilters(term))) {  // a day's 大事, beside the reader's
      filters[name] = [...new Set([...(filters[name] || []), ...values])];
    }
    const query = window.siteGenQuery(term);
    // values ticked in one filter are alternatives (条目 or 大事), as checkboxes read
    const wanted = Object.fromEntries(Object.entries(filters).filter(([, values]) => values.length)
      .map(([name, values]) => [name, { any: values }]));
    const filtered = Object.keys(wanted).length > 0;
    const key = titleKey(simplify(term));
    const typedKey = titleKey(term);  // (乾, 於 are in titles as printed; the t2s map would make them 干, 于)
    const lookups = filtered ? [] : [...new Set([typedKey, key])].map(exactTitles);
    const [search, ...found] = await Promise.all([pagefind.search(query, { filters: wanted }), ...lookups]);
    const exact = found.flat().filter(([url], k, all) => all.findIndex(([other]) => other === url) === k);
    const seen = new Set(search.results.map((result) => result.id));
    const results = search.results.length < FEW ? [...search.results, ...await byMostWords(query, wanted, seen)]
      : search.results;
    const first = await Promise.all(results.slice(0, ORDERED).map((result) => result.data().then(shown)));
    const rank = (item) => {
      const title = titleKey(item.title.split(" › ").pop());
      return title === key || title === typedKey ? 0 : title.includes(key) ? 1 : 2;
    };
    const ordered = first.map((item, k) => [rank(item), k, item]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, , item]) => item);
    const base = script.base.replace(/\/$/, "");
    const loaded = new Map(ordered.map((item) => [item.url, item]));
    const titled = exact.map(([url, title]) => loaded.get(base + url) || { url: base + url, title, excerpt: "", subs: [] });
    const top = [...titled, ...ordered.filter((item) => !titled.includes(item))];
    const items = top.map((item) => ({ data: async () => item }))
      .concat(results.slice(ORDERED).map((result) => ({ data: () => result.data().then(shown) })));
    const extra = titled.filter((item) => !ordered.includes(item)).length;  // exact titles Pagefind did not list first
    return { total: results.length + extra, filters: search.filters, items };
  };

  // ---- the page's interface ----
  const root = document.getElementById("search");
  if (!root) { return; }
  const input = root.querySelector(".search-input");
  const message = root.querySelector(".search-message");
  const list = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");
  const panel = root.querySelector(".search-filters");
  const chosen = {};  // filter → the values the reader ticked
  let generation = 0;
  let pending = [];  // the results not shown yet
  let listed = new Set();  // the URLs of the results shown

  const element = (tag, className, text) => {
    const made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined) { made.textContent = text; }
    return made;
  };
  const link = (className, url, text) => {
    const made = element("a", className, text);
    made.href = url;
    return made;
  };
  const excerpt = (className, html) => {
    const made = element("p", className);
    made.innerHTML = html;  // Pagefind's excerpt: the page's text escaped, the query's words in <mark>
    return made;
  };
  const render = (item) => {
    const entry = element("li", "search-result");
    const heading = element("p", "search-result-title");
    heading.append(link("search-result-link", item.url, item.title));
    entry.append(heading);
    if (item.excerpt) { entry.append(excerpt("search-result-excerpt", item.excerpt)); }
    for (const sub of item.subs) {
      const nested = element("div", "search-result-nested");
      nested.append(link("search-result-link", sub.url, sub.title));
      if (sub.excerpt) { nested.append(excerpt("search-result-excerpt", sub.excerpt)); }
      entry.append(nested);
    }
    return entry;
  };
  // The next PAGE results not listed yet (an exact title Pagefind also ranks lower is listed once); with
  // `focus`, the first of them takes the focus (the button may be gone: nothing more to show).
  const showMore = async (mine, focus) => {
    more.disabled = true;
    let added = 0;
    let firstAdded = null;
    while (added < PAGE && pending.length) {
      const items = await Promise.all(pending.splice(0, PAGE - added).map((item) => item.data()));
      if (mine !== generation) { return; }
      for (const item of items.filter((shownItem) => !listed.has(shownItem.url))) {
        listed.add(item.url);
        const entry = render(item);
        list.append(entry);
        firstAdded = firstAdded || entry;
        added += 1;
      }
    }
    more.hidden = pending.length === 0;
    more.disabled = false;
    if (focus && firstAdded) { firstAdded.querySelector("a").focus(); }
  };
  const drawFilters = (counts, day) => {
    for (const [name, values] of Object.entries(counts)) {
      let group = panel.querySelector(`[data-filter="${CSS.escape(name)}"]`);
      if (!group) {  // a filter folded under its name, so that the results stay in view on a phone
        const folded = element("details", "search-filter");
        folded.append(element("summary", "search-filter-name", name));
        group = element("div", "search-filter-values");
        group.dataset.filter = name;
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", name);
        folded.append(group);
        panel.append(folded);
      }
      for (const [value, count] of Object.entries(values)) {
        let label = group.querySelector(`label[data-value="${CSS.escape(value)}"]`);
        if (!label) {
          label = element("label", "search-filter-value");
          label.dataset.value = value;
          const box = element("input");
          box.type = "checkbox";
          box.addEventListener("change", () => {
            chosen[name] = (chosen[name] || []).filter((v) => v !== value).concat(box.checked ? [value] : []);
            search(input.value, 0);
          });
          label.append(box, element("span", "", value), element("span", "search-filter-count"));
          group.append(label);
        }
        const box = label.querySelector("input");
        box.disabled = (day[name] || []).includes(value);  // a day's 大事: set by the query, not by the box
        box.checked = box.disabled || (chosen[name] || []).includes(value);
        label.querySelector(".search-filter-count").textContent = `（${count}）`;
      }
    }
  };
  const search = async (term, wait) => {
    const mine = ++generation;
    if (wait) { await new Promise((resolve) => { setTimeout(resolve, wait); }); }
    if (mine !== generation) { return; }
    const typed = term.trim();
    const url = new URL(window.location.href);
    if (typed) { url.searchParams.set("q", typed); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url);
    if (!typed) {
      list.replaceChildren();
      message.textContent = "";
      more.hidden = true;
      return;
    }
    message.textContent = "正在搜索……";
    const found = await window.siteGenSearch(typed, chosen);
    if (mine !== generation) { return; }
    drawFilters(found.filters, window.siteGenFilters(typed));
    list.replaceChildren();
    pending = found.items;
    listed = new Set();
    message.textContent = found.total ? `找到 ${found.total} 个与“${typed}”相关的结果`
      : `没有找到与“${typed}”相关的结果`;
    await showMore(mine);
  };

  input.addEventListener("input", () => search(input.value, 300));
  root.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value, 0);
  });
  more.addEventListener("click", () => showMore(generation, true));
  window.siteGenPagefind.then((loaded) => loaded.filters())  // every filter's values, before any search
    .then((all) => { if (generation === 0) { drawFilters(all, {}); } });
  const asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    search(asked, 0);
  } else {
    input.focus();
  }
})();
