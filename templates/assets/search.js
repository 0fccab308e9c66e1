// Search in the reader's own script: a query typed in traditional characters (最美人牆) is converted
// character by character to the simplified text the index holds, with the map the build writes
// (assets/t2s.json, from OpenCC). window.siteGenQuery(term) is what the search UI and the tests use.
(function () {
  let map = {};
  window.siteGenReady = fetch(document.currentScript.dataset.t2s)
    .then((response) => (response.ok ? response.json() : {}))
    .then((loaded) => { map = loaded; })
    .catch(() => {});
  window.siteGenQuery = (term) => Array.from(term, (ch) => map[ch] || ch).join("");
  // A result reads yearbook › category › section › title, so a reader sees where an entry sits.
  window.siteGenResult = (result) => {
    if (result.meta && result.meta.crumbs) {
      result.meta.title = `${result.meta.crumbs} › ${result.meta.title}`;
    }
    return result;
  };
})();
