#!/usr/bin/python3
"""`loupe serve` in a real browser: Debian's chromium, headless, driven by chromedriver
through Debian's python3-selenium (no pip). Run by Tests/LoupeEndToEndTests/BrowserPagesTests.swift.

    /usr/bin/python3 Tests/Browser/browser_e2e.py BASE_URL SCREENSHOT_DIR [--steps a,b,c,d]

Steps (one browser session for all of them):
  a  `/`: the documents table has a row per document of /api/corpus.
  b  the header's search box: "minsk agreements" + Enter; the page's hit count is /api/count's.
  c  a concordance line's match link (one of a document with 2+ hits) opens the reader: as many
     hit anchors as that document's hits counted by Lua through POST /api/run, each marked,
     and the URL's #hN is one of them.
  d  `/console`: a cell setting t, one returning it (a table.result of 5 rows), one failing.
Each step saves a screenshot (1-corpus.png, 2-search.png, 3-reader.png, 4-console.png). A failed
check prints what was expected and what was seen, saves failed-STEP.png and exits 1; a browser
that cannot be started exits 3. Environment: LOUPE_CHROMEDRIVER (default /usr/bin/chromedriver),
LOUPE_CHROMIUM (the browser binary, default: chromedriver's choice).
"""

import argparse
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import (JavascriptException, NoSuchElementException, StaleElementReferenceException,
                                            TimeoutException, WebDriverException)
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:
    print(f"browser_e2e: cannot import selenium ({error}): `make test` installs python3-selenium "
          f"(apt-get install chromium-driver python3-selenium); run this with Debian's /usr/bin/python3, "
          f"not {sys.executable}", file=sys.stderr)
    sys.exit(3)

QUERY = "minsk agreements"
WAIT = 20  # seconds any one thing may take to appear


class Failure(Exception):
    pass


def expect(condition, what, expected, seen):
    if not condition:
        raise Failure(f"{what}\n    expected: {expected}\n    seen:     {seen}")


class Session:
    def __init__(self, base, shots):
        self.base = base.rstrip("/")
        self.shots = shots
        self.profile = tempfile.mkdtemp(prefix="loupe-chromium-")
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                         "--user-data-dir=" + self.profile, "--window-size=1200,900"]:
            options.add_argument(argument)
        if os.environ.get("LOUPE_CHROMIUM"):
            options.binary_location = os.environ["LOUPE_CHROMIUM"]
        driver_path = os.environ.get("LOUPE_CHROMEDRIVER") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        self.driver.set_page_load_timeout(60)

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    # the API, read without the browser: what the pages are checked against

    def api(self, path, body=None):
        request = urllib.request.Request(self.base + path, data=None if body is None else body.encode("utf-8"),
                                         method="GET" if body is None else "POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return json.loads(answer.read().decode("utf-8"))
        except (OSError, ValueError) as error:  # URLError and HTTPError are OSErrors
            detail = error.read().decode("utf-8", "replace")[:300] if isinstance(error, urllib.error.HTTPError) else ""
            raise Failure(f"{'POST' if body else 'GET'} {self.base}{path}{' ' + repr(body) if body else ''}\n"
                          f"    expected: a JSON answer\n    seen:     {error} {detail}")

    def lua(self, code):
        """The value a Lua chunk returns, through POST /api/run (the REPL's display, tab-separated)."""
        answer = self.api("/api/run", code)
        expect(answer.get("ok") is True, f"POST /api/run {code!r} runs", "ok: true", json.dumps(answer))
        return answer["value"]

    # the browser

    def open(self, path):
        self.driver.get(self.base + path)

    def wait(self, what, condition, timeout=WAIT):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1, ignored_exceptions=(
                NoSuchElementException, StaleElementReferenceException, JavascriptException)).until(lambda d: condition())
        except TimeoutException:
            raise Failure(f"{what}: not within {timeout} s\n    page: {self.driver.current_url}\n"
                          f"    title: {self.driver.title!r}\n    text: {self.page_text()[:600]!r}")

    def arrived(self, path):
        """On a page whose URL path is `path` (or passes it, a function), parsed to its end: not the page before
        a navigation, nor one half parsed (a slow machine may show the first rows before the last have arrived)."""
        now = urllib.parse.urlsplit(self.driver.current_url).path
        return (path(now) if callable(path) else now == path) \
            and self.driver.execute_script("return document.readyState") == "complete"

    def css(self, selector, within=None):
        return (within or self.driver).find_elements(By.CSS_SELECTOR, selector)

    def page_text(self):
        try:
            return self.driver.find_element(By.TAG_NAME, "body").text
        except WebDriverException:
            return ""

    def screenshot(self, name):
        path = os.path.join(self.shots, name)
        expect(self.driver.save_screenshot(path), f"screenshot {name} saved", path, "nothing written")
        print(f"  screenshot {path}")


def number(text):
    return int(text.replace(",", "").strip())


def document_of(href):
    """The document id of a reader link /doc/ID…"""
    return urllib.parse.unquote(urllib.parse.urlsplit(href).path[len("/doc/"):])


def lua_string(text):
    return '"' + "".join("\\" + c if c in '"\\' else "\\%03d" % ord(c) if ord(c) < 32 else c for c in text) + '"'


def step_corpus(s):
    documents = s.api("/api/corpus")["documents"]
    s.open("/")
    s.wait("the page / loaded", lambda: s.arrived("/"))
    rows = s.css("table.documents tbody tr")
    shown = min(len(documents), 200)  # the first page holds 200
    expect(len(rows) == shown, "rows in the documents table of / (table.documents tbody tr)",
           f"{shown} (documents in /api/corpus)", len(rows))
    ids = [document_of(row.find_element(By.CSS_SELECTOR, "td a").get_attribute("href")) for row in rows]
    expect(ids == [d["id"] for d in documents[:shown]], "the documents' links in order, as /api/corpus lists them",
           [d["id"] for d in documents[:shown]], ids)
    s.screenshot("1-corpus.png")


def step_search(s):
    expected = s.api("/api/count?q=" + urllib.parse.quote(QUERY))["count"]
    boxes = s.css("header input#q")
    expect(len(boxes) == 1, "the header's search box (header input#q)", "1 element", len(boxes))
    boxes[0].clear()
    boxes[0].send_keys(QUERY + Keys.ENTER)
    s.wait("the search page after Enter in the search box", lambda: s.arrived("/search"))
    url = urllib.parse.urlsplit(s.driver.current_url)
    q = urllib.parse.parse_qs(url.query).get("q")
    expect(q == [QUERY], "the search URL's q", [QUERY], q)
    counts = [e.text for e in s.css("strong.count")]
    expect(len(counts) == 1 and number(counts[0]) == expected, "the hit count on the search page (strong.count)",
           f"{expected:,} (/api/count)", counts)
    lines = s.css("table.kwic tbody tr")
    expect(len(lines) == min(expected, 50), "concordance lines (table.kwic tbody tr)", min(expected, 50), len(lines))
    s.screenshot("2-search.png")


def step_reader(s):
    lines = s.css("table.kwic tbody tr")
    expect(lines, "concordance lines to click (table.kwic tbody tr)", "at least 1", 0)
    documents = [document_of(line.find_element(By.CSS_SELECTOR, "td.doc a").get_attribute("href")) for line in lines]
    # a line of the first document with 2+ hits on this page, its second hit (#h2) if it has one
    chosen = 0
    for d in documents:
        if documents.count(d) >= 2:
            chosen = [j for j, e in enumerate(documents) if e == d][1]
            break
    link = lines[chosen].find_element(By.CSS_SELECTOR, "td.node a")
    target = urllib.parse.urlsplit(link.get_attribute("href"))
    document = document_of(link.get_attribute("href"))
    expect(document == documents[chosen], "the match link names the line's document", documents[chosen], document)
    fragment = target.fragment
    expect(re.fullmatch(r"h[1-9][0-9]*", fragment or ""), "the match link's fragment", "#hN", link.get_attribute("href"))
    print(f"  clicking line {chosen + 1}: {link.text!r} in {document} (#{fragment})")
    expected = int(s.lua(f"return corpus:filter(function(d) return d.id == {lua_string(document)} end)"
                         f":count({lua_string(QUERY)})"))
    link.click()
    s.wait(f"the reader of {document} after clicking the match", lambda: s.arrived(lambda p: p.startswith("/doc/")))
    url = urllib.parse.urlsplit(s.driver.current_url)
    expect(urllib.parse.unquote(url.path) == "/doc/" + document and url.fragment == fragment
           and urllib.parse.parse_qs(url.query).get("q") == [QUERY],
           "the reader's URL", f"/doc/{document}?q={QUERY}#{fragment}", s.driver.current_url)
    anchors = s.css("article.reader span.hit")
    expect(len(anchors) == expected, f"hit anchors (span.hit) in the reader of {document}",
           f"{expected} (Lua: that document's count of {QUERY!r})", len(anchors))
    ids = [a.get_attribute("id") for a in anchors]
    expect(ids == [f"h{i}" for i in range(1, expected + 1)], "the anchors' ids, in order",
           [f"h{i}" for i in range(1, expected + 1)], ids)
    # each hit's anchor stands inside a <mark> (overlapping hits) or just before one (other anchors between)
    unmarked = s.driver.execute_script("""
        return Array.from(document.querySelectorAll("article.reader span.hit")).filter(function (a) {
          if (a.closest("mark")) return false;
          var n = a.nextSibling;
          while (n && n.nodeType === 1 && n.matches("span.hit")) n = n.nextSibling;
          return !(n && n.nodeType === 1 && n.tagName === "MARK" && n.textContent.trim() !== "");
        }).map(function (a) { return a.id; });""")
    expect(unmarked == [], "every hit marked (a non-empty <mark> at each span.hit)", "none unmarked", unmarked)
    marks = s.css("article.reader .text mark")
    expect(len(marks) >= 1 and all(QUERY.split()[0] in m.text.lower() or QUERY.split()[1] in m.text.lower() for m in marks),
           "the marked text", f"each <mark> holds part of {QUERY!r}", [m.text for m in marks])
    counts = [e.text for e in s.css("article.reader strong.count")]
    expect(counts == [f"{expected:,}"], "the reader's hit count (strong.count)", f"{expected:,}", counts)
    targets = s.css("#" + fragment)
    expect(len(targets) == 1, f"the element the URL's #{fragment} names", "1 span.hit", len(targets))
    # the browser scrolled to it: the anchor is inside the window
    s.wait(f"#{fragment} scrolled into the window", lambda: s.driver.execute_script(
        "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;", fragment), timeout=5)
    s.screenshot("3-reader.png")


def step_console(s):
    s.open("/console")
    s.wait("the page /console loaded", lambda: s.arrived("/console"))
    headings = [h.text for h in s.css("main h1")]
    expect(not any(h.startswith(("404", "400", "500")) for h in headings), "the console page at /console",
           "textarea#code, #run, #cells", f"an error page: {headings} {s.page_text()[:300]!r}")
    code = s.wait("the console's code box (textarea#code)", lambda: s.css("textarea#code"))[0]
    expect(code.get_attribute("name") == "code", "the code box's name", "code", code.get_attribute("name"))
    run = s.wait("the console's run button (#run)", lambda: s.css("#run"))[0]
    column, first, rows = s.lua("local t = corpus:freq():head(5) local c = t:columns()[1] return c, t[1][c], #t").split("\t")

    def cells():
        return s.css("#cells div.cell")

    def settled(cell):
        """True once a cell has stopped changing (its answer is in) and the run button is back."""
        html = cell.get_attribute("innerHTML")
        busy = cell.get_attribute("aria-busy") == "true" or re.search(r"\b(running|pending|busy)\b", cell.get_attribute("class") or "")
        time.sleep(0.15)
        return not busy and run.is_enabled() and html == cell.get_attribute("innerHTML")

    def submit(source, by_keyboard, done, what):
        before = len(cells())
        code.clear()
        code.send_keys(source)
        if by_keyboard:
            code.send_keys(Keys.CONTROL + Keys.ENTER)
        else:
            run.click()
        s.wait(f"a new div.cell in #cells after running {source!r} ({'Ctrl-Enter' if by_keyboard else 'the #run button'})",
               lambda: len(cells()) == before + 1)
        cell = cells()[-1]
        s.wait(f"{what} in the cell of {source!r}", lambda: done(cell))
        return cell

    def no_error(cell, source):
        errors = [e.text for e in s.css(".error", cell)]
        expect(not errors, f"the cell of {source!r}", "no .error", errors)

    first_code = "t = corpus:freq():head(5)"
    cell1 = submit(first_code, True, settled, "its answer")
    no_error(cell1, first_code)

    cell2 = submit("return t", False, lambda c: s.css("table.result", c) or s.css(".error", c), "a table.result")
    no_error(cell2, "return t")  # t was kept from the cell before
    tables = s.css("table.result", cell2)
    expect(len(tables) == 1, "table.result in the cell of 'return t'", 1, len(tables))
    body = s.css("tbody tr", tables[0])
    expect(len(body) == int(rows), "rows of the returned Table (table.result tbody tr)", rows, len(body))
    headers = [h.text.strip() for h in s.css("thead th", tables[0])]
    expect(headers[:1] == [column], "the first column header (table.result thead th)", column, headers)
    cells1 = [c.text.strip() for c in s.css("td, th", body[0])]
    expect(first in cells1, "the first row of table.result", f"a cell {first!r}", cells1)

    cell3 = submit('error("boom")', False, lambda c: s.css(".error", c), "an .error")
    errors = [e.text for e in s.css(".error", cell3)]
    expect(any("boom" in e for e in errors), "the error of error(\"boom\") (.error)", "a text with 'boom'", errors)
    expect(len(cells()) == 3, "cells in #cells after three runs", 3, len(cells()))
    s.screenshot("4-console.png")


STEPS = {"a": ("open /", step_corpus), "b": ("search", step_search), "c": ("reader", step_reader),
         "d": ("console", step_console)}


def main():
    parser = argparse.ArgumentParser(description="loupe serve in headless chromium")
    parser.add_argument("base", help="the server's URL, e.g. http://127.0.0.1:8080/")
    parser.add_argument("screenshots", help="the folder the PNGs go into")
    parser.add_argument("--steps", default="a,b,c,d", help="which steps, e.g. a,b,c or d (default a,b,c,d; b needs a's page, c b's)")
    args = parser.parse_args()
    steps = [x.strip() for x in args.steps.split(",") if x.strip()]
    unknown = [x for x in steps if x not in STEPS]
    if unknown or not steps:
        parser.error(f"unknown steps {unknown}: choose from {','.join(STEPS)}")
    os.makedirs(args.screenshots, exist_ok=True)
    # a test's timeout sends SIGTERM: quit chromedriver and chromium (the finally below) rather than leave them
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(124))
    started = time.monotonic()
    try:
        session = Session(args.base, args.screenshots)
    except WebDriverException as error:
        print(f"browser_e2e: cannot start headless chromium through chromedriver: {error.msg or error}\n"
              "`make test` installs them (apt-get install chromium chromium-driver python3-selenium)", file=sys.stderr)
        return 3
    print(f"browser_e2e: {session.driver.capabilities.get('browserVersion', '?')} headless, "
          f"{time.monotonic() - started:.1f} s to start")
    step = None
    try:
        for step in steps:
            name, run = STEPS[step]
            t = time.monotonic()
            run(session)
            print(f"ok {step} {name} ({time.monotonic() - t:.1f} s)")
        print(f"browser_e2e: passed {','.join(steps)} in {time.monotonic() - started:.1f} s")
        return 0
    except (Failure, WebDriverException) as error:
        kind = "" if isinstance(error, Failure) else "webdriver error: "
        print(f"FAILED step {step} ({STEPS[step][0]}): {kind}{error}")
        try:
            session.screenshot(f"failed-{step}.png")
        except Exception:
            pass
        return 1
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(main())
