#!/usr/bin/env python3
"""A class under load: STUDENTS simulated students join `loupe serve --class` and check answers to
every exercise (a wrong one first, then the exercise's model solution, read from its file), each
waiting THINK seconds between checks, while a teacher reloads the dashboard every 2 s. Used by
scripts/bench-class.sh; prints one JSON object: checks answered, their latencies, refusals,
the attempts the gradebook export holds, and the dashboard's latencies.

    bench/class_load.py BASE_URL TEACHER_KEY EXERCISES_DIR [--students 30] [--think 2]
"""

import argparse
import http.client
import json
import os
import re
import threading
import time
import urllib.parse


def request(base, method, path, fields=None, cookie=None):
    """One request without following redirects: (status, headers, body, seconds)."""
    u = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    body = urllib.parse.urlencode(fields) if fields is not None else None
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    started = time.monotonic()
    connection.request(method, path, body=body, headers=headers)
    answer = connection.getresponse()
    data = answer.read().decode("utf-8", "replace")
    seconds = time.monotonic() - started
    connection.close()
    return answer.status, answer.getheaders(), data, seconds


def cookie_of(headers, name):
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";")[0]
    return None


def solutions(folder):
    """Each exercise's id and model solution, read from its file (the benchmark plays a class that knows them)."""
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".lua"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        ident = re.search(r'\bid\s*=\s*"([^"]+)"', text)
        solution = re.search(r"\bsolution\s*=\s*\[(=*)\[(.*?)\]\1\]", text, re.S)
        if ident and solution:
            found.append((ident.group(1), solution.group(2)))
    return found


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("key")
    parser.add_argument("exercises")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--think", type=float, default=2.0)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    exercises = solutions(args.exercises)
    lock = threading.Lock()
    checks, statuses, acknowledged = [], {}, [0]
    done = threading.Event()

    def student(i):
        status, headers, _, _ = request(base, "POST", "/class/join", {"name": f"student {i:02d}"})
        me = cookie_of(headers, "loupe_student")
        assert status == 303 and me, f"join failed: {status}"
        for ident, solution in exercises:
            for code in ["return 1", solution]:
                while True:
                    status, _, _, seconds = request(base, "POST", f"/class/exercise/{ident}/check",
                                                    {"code": code, "r1": f"a thought of student {i}"}, me)
                    with lock:
                        statuses[status] = statuses.get(status, 0) + 1
                        if status == 303:
                            checks.append(seconds)
                            acknowledged[0] += 1
                    if status != 429:
                        break
                    time.sleep(5)          # the rate limit: wait as a student would
                time.sleep(args.think)

    dashboard = []

    def teacher():
        status, headers, _, _ = request(base, "GET", "/teacher/login?key=" + args.key)
        me = cookie_of(headers, "loupe_teacher")
        assert status == 303 and me, f"teacher login failed: {status}"
        while not done.is_set():
            status, _, _, seconds = request(base, "GET", "/teacher", cookie=me)
            if status == 200:
                dashboard.append(seconds)
            done.wait(2)
        return me

    started = time.monotonic()
    teacher_thread = threading.Thread(target=teacher)
    teacher_thread.start()
    students = [threading.Thread(target=student, args=(i,)) for i in range(args.students)]
    for t in students:
        t.start()
    for t in students:
        t.join()
    elapsed = time.monotonic() - started
    done.set()
    teacher_thread.join()
    _, headers, _, _ = request(base, "GET", "/teacher/login?key=" + args.key)
    _, _, csv, _ = request(base, "GET", "/teacher/export.csv", cookie=cookie_of(headers, "loupe_teacher"))
    exported = sum(int(line.split(",")[3]) for line in csv.splitlines()[1:]
                   if line.count(",") >= 8 and ",(total)," not in line and line.split(",")[3].isdigit())
    print(json.dumps({
        "students": args.students, "exercises": len(exercises), "seconds": round(elapsed, 1),
        "checks": len(checks), "acknowledged": acknowledged[0], "statuses": statuses,
        "check_p50_ms": round(1000 * percentile(checks, 50), 1), "check_p99_ms": round(1000 * percentile(checks, 99), 1),
        "check_max_ms": round(1000 * max(checks), 1),
        "dashboard_loads": len(dashboard), "dashboard_p50_ms": round(1000 * (percentile(dashboard, 50) or 0), 1),
        "dashboard_p99_ms": round(1000 * (percentile(dashboard, 99) or 0), 1),
        "attempts_exported": exported,
    }))


if __name__ == "__main__":
    main()
