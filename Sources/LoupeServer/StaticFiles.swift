/// The stylesheet and script the pages load, served from the binary (no CDN, no npm).
/// The pages work without the script: it only adds conveniences.
enum StaticFiles {
    static let files: [String: (type: String, text: String)] = [
        "style.css": ("text/css; charset=utf-8", style),
        "app.js": ("text/javascript; charset=utf-8", script),
    ]

    static let style = """
        :root { --ink: #1d1d1f; --muted: #6b6b70; --line: #d8d8dc; --mark: #ffe08a; --accent: #2456a6; --bad: #a61b1b; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
        header { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; align-items: center; padding: 0.6em 1.2em;
                 border-bottom: 1px solid var(--line); background: #f7f7f9; position: sticky; top: 0; z-index: 1; }
        header nav a.home { font-weight: 700; text-decoration: none; color: var(--ink); }
        .corpus-name { color: var(--muted); margin-left: 0.4em; }
        main { padding: 1em 1.2em 3em; max-width: 80em; }
        a { color: var(--accent); }
        h1 { font-size: 1.4em; margin: 0.3em 0 0.6em; }
        h2 { font-size: 1.15em; margin-top: 2em; }
        form.search { display: flex; gap: 0.4em; flex: 1 1 24em; }
        form.search input[type=search] { flex: 1; font: inherit; padding: 0.25em 0.5em; min-width: 10em; }
        form.search input[aria-invalid=true] { outline: 2px solid var(--bad); }
        button { font: inherit; padding: 0.25em 0.9em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { padding: 0.2em 0.6em; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { font-weight: 600; background: #fafafa; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.kwic { width: 100%; table-layout: fixed; font-size: 0.95em; }
        table.kwic th.n, table.kwic td.n { width: 4em; text-align: right; color: var(--muted); }
        table.kwic td.left { text-align: right; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; direction: rtl; }
        table.kwic td.left span { direction: ltr; unicode-bidi: embed; }
        table.kwic td.node { text-align: center; white-space: nowrap; width: 14em; font-weight: 600; }
        table.kwic td.right { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        table.kwic td.doc, table.kwic th.doc { width: 14em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9em; }
        table.kwic tr:hover td { background: #f3f6fb; }
        .summary { color: var(--muted); }
        .summary .count { color: var(--ink); }
        nav.pager { margin: 0.5em 0; color: var(--muted); }
        .error { border-left: 4px solid var(--bad); padding: 0.3em 1em; background: #fdf3f3; }
        pre.query-error { font-size: 1.05em; margin: 0.3em 0 0.6em; }
        pre.query-error .caret { color: var(--bad); font-weight: 700; }
        dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0 0 1em; }
        dl.metadata dt { color: var(--muted); }
        dl.metadata dd { margin: 0; overflow-wrap: anywhere; }
        article.reader .text { max-width: 46em; font-size: 1.05em; }
        article.reader form.search { max-width: 40em; margin: 0.5em 0; }
        mark { background: var(--mark); padding: 0 0.05em; }
        mark.current { outline: 2px solid var(--accent); }
        span.hit { scroll-margin-top: 6em; }
        code { background: #f2f2f4; padding: 0 0.2em; }
        """

    static let script = """
        // Loupe: small conveniences; every page works without this file.
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          // A query error: select the character the error points at.
          var q = document.getElementById("q");
          if (q && q.dataset.errorStart !== undefined) {
            q.focus();
            q.setSelectionRange(Number(q.dataset.errorStart), Number(q.dataset.errorEnd));
          }
          // The reader: n and p move to the next and previous hit.
          var anchors = Array.prototype.slice.call(document.querySelectorAll("span.hit"));
          if (anchors.length === 0) return;
          var current = -1;
          var wanted = location.hash.match(/^#h(\\d+)$/);
          if (wanted) current = Number(wanted[1]) - 1;
          function show(i) {
            if (i < 0 || i >= anchors.length) return;
            var old = document.querySelector("mark.current");
            if (old) old.classList.remove("current");
            current = i;
            var mark = anchors[i].nextElementSibling || anchors[i].parentElement;
            if (mark && mark.tagName === "MARK") mark.classList.add("current");
            anchors[i].scrollIntoView({ block: "center" });
            history.replaceState(null, "", "#h" + (i + 1));
          }
          if (current >= 0) show(current);
          document.addEventListener("keydown", function (e) {
            if (e.target && (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA")) return;
            if (e.altKey || e.ctrlKey || e.metaKey) return;
            if (e.key === "n") show(Math.min(anchors.length - 1, current + 1));
            if (e.key === "p") show(Math.max(0, current - 1));
          });
        });

        """
}
