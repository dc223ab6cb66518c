/// `/static/style.css`: the pages' one stylesheet.
enum StyleSheet {
    static let text = """
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
        header nav a { margin-right: 0.8em; }
        /* the console */
        form.console textarea { width: 100%; font: 0.95em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; padding: 0.4em; }
        form.console label { display: block; color: var(--muted); }
        .hint, .note, .ms { color: var(--muted); font-size: 0.9em; }
        div.cell { border-top: 1px solid var(--line); padding: 0.6em 0; }
        div.cell-head { color: var(--muted); font-size: 0.9em; }
        pre.code { counter-reset: line; background: #f7f7f9; padding: 0.4em 0.6em; margin: 0.2em 0; overflow-x: auto; }
        pre.code span.line { display: block; }
        pre.code span.line::before { counter-increment: line; content: counter(line); display: inline-block; width: 2.5em;
                                     color: var(--muted); text-align: right; margin-right: 1em; user-select: none; }
        pre.code span.error-line { background: #fbe3e3; }
        pre.output, pre.value { margin: 0.3em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        div.result { overflow-x: auto; }
        table.result { font-size: 0.95em; }
        img.figure { max-width: 100%; height: auto; border: 1px solid var(--line); }
        /* the analyses */
        form.analyse { display: grid; grid-template-columns: max-content 1fr; gap: 0.4em 1em; align-items: center; max-width: 48em; }
        form.analyse input, form.analyse select { font: inherit; }
        pre.lua { background: #f2f5fb; padding: 0.4em 0.6em; border-left: 4px solid var(--accent); white-space: pre-wrap; }
        /* the reader */
        article.reader { display: grid; grid-template-columns: minmax(0, 46em) minmax(14em, 1fr); gap: 0 2em; }
        article.reader > * { grid-column: 1; }
        article.reader aside.findings { grid-column: 2; grid-row: 1 / span 20; font-size: 0.92em; }
        @media (max-width: 60em) { article.reader { display: block; } }
        .text .ln { display: inline-block; width: 2.6em; margin-left: -3.2em; margin-right: 0.6em; text-align: right;
                    color: var(--muted); font-size: 0.75em; user-select: none; }
        .text .ln:target { color: var(--accent); font-weight: 700; }
        .text { padding-left: 3.2em; }
        .text p.boilerplate { color: #9a9aa0; }
        aside.findings h2 { font-size: 1em; margin: 1em 0 0.3em; }
        aside.findings ul { padding-left: 1.1em; margin: 0.2em 0; }
        .scare { text-decoration: underline wavy #c77; }
        aside.findings .kind { font-variant: small-caps; color: var(--muted); }
        aside.findings li { margin: 0.15em 0; overflow-wrap: anywhere; }
        ol.hits { columns: 3; }
        /* facets */
        .facets { display: flex; flex-wrap: wrap; gap: 0.5em 2em; margin: 0.5em 0 1em; }
        .facets ul { list-style: none; padding: 0; margin: 0; max-height: 12em; overflow-y: auto; }
        .facets h2 { font-size: 0.95em; margin: 0 0 0.2em; }
        th a.sort { color: inherit; text-decoration: none; }
        table.documents th { white-space: nowrap; }
        /* the class */
        .corpus-name { margin-right: 0.8em; }
        td.passed a, li.passed strong, .passed { color: #1b7a1b; }
        td.not-yet a, li.not-yet strong, .not-yet { color: var(--bad); }
        .flag { color: #b36b00; }
        table.dashboard td { text-align: center; white-space: nowrap; }
        table.dashboard td:first-child { text-align: left; }
        blockquote.reflection { border-left: 3px solid var(--line); margin: 0.4em 0; padding: 0 0.8em; }
        form.console textarea.reflection { font-family: inherit; }
        p.prompt { font-size: 1.1em; }
        th a.sort::after { content: " ↕"; color: var(--muted); }
        """
}
