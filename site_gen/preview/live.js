// Live reload for `site-gen serve` (injected into pages as they are served, never written to disk).
// Listens for rebuilds: reloads this page when it changed (or a stylesheet, script or many pages did);
// shows a build error over the page until a rebuild succeeds.
(() => {
  const script = document.currentScript;
  let seen = Number(script.dataset.version);
  let overlay = null;

  const here = () => decodeURI(location.pathname).replace(/index\.html$/, "");

  function showError(lines) {
    overlay?.remove();
    overlay = document.createElement("div");
    overlay.id = "site-gen-error";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "构建出错");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2em;" +
      "background:rgba(20,20,20,.93);color:#fff;font:15px/1.6 system-ui,sans-serif";
    const title = document.createElement("h2");
    title.textContent = "构建出错：页面仍是上次成功构建的结果，修正后自动刷新";
    title.style.cssText = "color:#ff8a80;font-size:1.2em;margin:0 0 1em";
    const list = document.createElement("pre");
    list.textContent = lines.join("\n");
    list.style.cssText = "white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;margin:0";
    overlay.append(title, list);
    document.body.append(overlay);
  }

  const events = new EventSource("/__site_gen/events");
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.error) {
      seen = state.version;
      showError(state.error);
      return;
    }
    if (state.version === seen) return;
    const missed = state.version > seen + 1;  // changes while this page was loading
    seen = state.version;
    if (overlay || missed || state.all || state.changed.includes(here()) ||
        state.changed.some((path) => /\.(css|js)$/.test(path))) {
      location.reload();
    }
  });
})();
