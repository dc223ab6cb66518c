#!/usr/bin/python3
"""`loupe serve --class` in real browsers: one teacher and two students, each a headless chromium
of their own (Debian's chromium, chromedriver and python3-selenium). Run by
Tests/LoupeEndToEndTests/ClassBrowserTests.swift.

    /usr/bin/python3 Tests/Browser/class_e2e.py BASE_URL TEACHER_KEY SCREENSHOT_DIR

Ada joins and answers nato-count right, with a reflection; Bob joins and answers it wrong and gets
the exercise's feedback; the teacher signs in with the key, sees both on the dashboard (Ada passed,
Bob not yet), opens Ada's attempts and finds her reflection, and exports the gradebook as CSV.
Screenshots: class-1-ada.png, class-2-bob.png, class-3-dashboard.png, class-4-ada-attempts.png.
Exit status as browser_e2e.py's: 0 passed, 1 a check failed, 3 no browser.
"""

import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_e2e import By, Failure, Session, WebDriverException, expect  # noqa: E402

RIGHT = 'return corpus:count("nato|nato\'s")'
REFLECTION = "RT and TASS say NATO most; <b>not</b> a surprise"


def join(s, name):
    s.open("/class")
    s.wait("the join form", lambda: s.css("input#name"))
    s.css("input#name")[0].send_keys(name)
    s.css("form[action='/class/join'] button")[0].click()
    s.wait(f"{name}'s list of exercises", lambda: s.arrived("/class") and s.css("table.exercises"))
    expect(f"Signed in as {name}" in s.page_text(), "the list says who is signed in", f"Signed in as {name}", s.page_text()[:200])


def answer(s, code, reflection=None):
    s.css("a[href='/class/exercise/nato-count']")[0].click()
    s.wait("the exercise page", lambda: s.arrived("/class/exercise/nato-count") and s.css("textarea#code"))
    box = s.css("textarea#code")[0]
    box.clear()
    box.send_keys(code)
    if reflection is not None:
        r1 = s.css("textarea#r1")
        expect(len(r1) == 1, "the exercise's first reflection question (textarea#r1)", 1, len(r1))
        r1[0].send_keys(reflection)
    before = len(s.css("ol.attempts li"))
    s.css("button#check")[0].click()
    s.wait("the attempt's verdict", lambda: s.arrived("/class/exercise/nato-count") and len(s.css("ol.attempts li")) == before + 1)
    return s.css("ol.attempts li")[0]


def main():
    base, key, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(shots, exist_ok=True)
    sessions = []
    step = "start"
    try:
        try:
            ada, bob, teacher = Session(base, shots), Session(base, shots), Session(base, shots)
        except WebDriverException as error:
            print(f"class_e2e: cannot start headless chromium: {error.msg or error}", file=sys.stderr)
            return 3
        sessions = [ada, bob, teacher]
        started = time.monotonic()

        step = "Ada tries a script without checking it"
        join(ada, "Ada")
        ada.css("a[href='/class/exercise/nato-count']")[0].click()
        ada.wait("the exercise page", lambda: ada.arrived("/class/exercise/nato-count") and ada.css("button#try"))
        ada.css("textarea#code")[0].send_keys('print("trying") return corpus:freq():head(3)')
        ada.css("button#try")[0].click()
        ada.wait("the run's cell under the form", lambda: ada.css("#try-output table.result"))
        rows = ada.css("#try-output table.result tbody tr")
        printed = [p.text for p in ada.css("#try-output pre.output")]
        expect(len(rows) == 3 and printed == ["trying"], "the run shows the returned Table and what was printed",
               "3 rows, ['trying']", (len(rows), printed))
        expect(len(ada.css("ol.attempts li")) == 0, "a run is not an attempt", 0, len(ada.css("ol.attempts li")))
        ada.open("/class")
        ada.wait("the list again", lambda: ada.arrived("/class"))

        step = "Ada answers"
        verdict = answer(ada, RIGHT, REFLECTION)
        expect("Passed" in verdict.text, "Ada's right answer", "Passed", verdict.text)
        ada.screenshot("class-1-ada.png")

        step = "Bob answers"
        join(bob, "Bob")
        expect("Ada" not in bob.page_text(), "Bob's page shows nothing of Ada", "no 'Ada'", bob.page_text()[:300])
        verdict = answer(bob, "return 1")
        expect("Not yet" in verdict.text and "Too few" in verdict.text, "Bob's wrong answer and its feedback",
               "Not yet … Too few", verdict.text)
        bob.screenshot("class-2-bob.png")

        step = "the teacher's dashboard"
        teacher.open("/teacher/login?key=" + key)
        teacher.wait("the dashboard after signing in", lambda: teacher.arrived("/teacher") and teacher.css("table.dashboard"))
        expect("key=" not in teacher.driver.current_url, "the key has left the address bar", "/teacher", teacher.driver.current_url)
        rows = {r.find_elements(By.CSS_SELECTOR, "td")[0].text: r for r in teacher.css("table.dashboard tbody tr")}
        expect(set(rows) == {"Ada", "Bob"}, "the dashboard's students", {"Ada", "Bob"}, set(rows))
        header = [h.text for h in teacher.css("table.dashboard thead th")]
        column = header.index("nato-count")
        ada_cell = rows["Ada"].find_elements(By.CSS_SELECTOR, "td")[column]
        bob_cell = rows["Bob"].find_elements(By.CSS_SELECTOR, "td")[column]
        expect("passed" in ada_cell.get_attribute("class") and ada_cell.text.startswith("✓ 1"), "Ada's nato-count cell",
               "passed, ✓ 1", (ada_cell.get_attribute("class"), ada_cell.text))
        expect("not-yet" in bob_cell.get_attribute("class") and bob_cell.text.startswith("✗ 1"), "Bob's nato-count cell",
               "not-yet, ✗ 1", (bob_cell.get_attribute("class"), bob_cell.text))
        teacher.screenshot("class-3-dashboard.png")

        step = "Ada's attempts"
        rows["Ada"].find_elements(By.CSS_SELECTOR, "td a")[0].click()
        teacher.wait("Ada's attempts", lambda: teacher.arrived(lambda p: p.startswith("/teacher/student/")) and teacher.css("blockquote.reflection"))
        quoted = [q.text for q in teacher.css("blockquote.reflection")]
        expect(any(REFLECTION in q for q in quoted), "Ada's reflection, as she typed it (markup as text)", REFLECTION, quoted)
        teacher.screenshot("class-4-ada-attempts.png")

        step = "the export"
        cookie = teacher.driver.get_cookie("loupe_teacher")
        expect(cookie is not None and cookie.get("httpOnly"), "the teacher's cookie, HttpOnly", "httpOnly", cookie)
        request = urllib.request.Request(base.rstrip("/") + "/teacher/export.csv", headers={"Cookie": "loupe_teacher=" + cookie["value"]})
        with urllib.request.urlopen(request, timeout=30) as answer_:
            csv = answer_.read().decode("utf-8")
        expect("\nAda,nato-count,true,1," in csv and "\nBob,nato-count,false,1," in csv, "the gradebook export",
               "Ada passed, Bob not yet", csv[:600])
        print(f"class_e2e: passed in {time.monotonic() - started:.1f} s")
        return 0
    except (Failure, WebDriverException) as error:
        print(f"FAILED at {step}: {error}")
        for i, s in enumerate(sessions):
            try:
                s.screenshot(f"failed-{i}.png")
            except Exception:
                pass
        return 1
    finally:
        for s in sessions:
            s.close()


if __name__ == "__main__":
    sys.exit(main())
