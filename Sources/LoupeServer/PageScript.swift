/// `/static/app.js`: small conveniences; every page works without it (a form posts, a link goes).
enum PageScript {
    static let text = """
        // Loupe: small conveniences; every page works without this file.
        "use strict";

        // A query error: select the character the error points at.
        function selectQueryError() {
          var q = document.querySelector("input[data-error-start]");
          if (q) {
            q.focus();
            q.setSelectionRange(Number(q.dataset.errorStart), Number(q.dataset.errorEnd));
          }
        }

        // The reader: n and p (and the two buttons) move to the next and previous hit.
        function hitKeys() {
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
          function next() { show(Math.min(anchors.length - 1, current + 1)); }
          function previous() { show(Math.max(0, current - 1)); }
          var buttons = [["next-hit", next], ["prev-hit", previous]];
          buttons.forEach(function (b) {
            var button = document.getElementById(b[0]);
            if (!button) return;
            button.hidden = false;
            button.addEventListener("click", b[1]);
          });
          document.addEventListener("keydown", function (e) {
            if (e.target && (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA")) return;
            if (e.altKey || e.ctrlKey || e.metaKey) return;
            if (e.key === "n") next();
            if (e.key === "p") previous();
          });
        }

        // The console: Ctrl-Enter runs the cell; it is posted with fetch and its HTML, which the
        // server wrote and escaped, goes below the other cells. Without this the form posts.
        function consoleCells() {
          var form = document.getElementById("console-form");
          if (!form) return;
          var code = document.getElementById("code");
          var status = document.getElementById("console-status");
          var cells = document.getElementById("cells");
          var running = false;
          function run() {
            if (running || code.value.trim() === "") return;
            running = true;
            status.textContent = "running…";
            fetch("/console", {
              method: "POST", credentials: "same-origin", body: new URLSearchParams({ code: code.value }),
              headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Loupe-Fragment": "1" }
            }).then(function (r) {
              return r.text().then(function (text) { return { ok: r.ok, status: r.status, text: text }; });
            }).then(function (r) {
              running = false;
              if (!r.ok) {
                var page = new DOMParser().parseFromString(r.text, "text/html");
                var why = page.querySelector(".error p");
                status.textContent = (why ? why.textContent : "the server answered " + r.status);
                return;
              }
              status.textContent = "";
              cells.insertAdjacentHTML("beforeend", r.text);
              code.value = "";
              cells.lastElementChild.scrollIntoView({ block: "nearest" });
              code.focus();
            }).catch(function (e) {
              running = false;
              status.textContent = "could not reach the server: " + e;
            });
          }
          form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
          code.addEventListener("keydown", function (e) {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
          });
          code.focus();
        }

        // An exercise: "Run without checking" shows the script's cell, as the console would, under the form.
        function tryRuns() {
          var button = document.getElementById("try");
          var box = document.getElementById("code");
          var out = document.getElementById("try-output");
          if (!button || !box || !out) return;
          button.addEventListener("click", function (e) {
            e.preventDefault();
            out.textContent = "running…";
            fetch("/console", {
              method: "POST", credentials: "same-origin", body: new URLSearchParams({ code: box.value }),
              headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Loupe-Fragment": "1" }
            }).then(function (r) { return r.text().then(function (t) { return { ok: r.ok, status: r.status, text: t }; }); })
              .then(function (r) {
                if (!r.ok) {
                  var why = new DOMParser().parseFromString(r.text, "text/html").querySelector(".error p");
                  out.textContent = why ? why.textContent : "the server answered " + r.status;
                  return;
                }
                out.innerHTML = r.text;        // written and escaped by the server
              })
              .catch(function (error) { out.textContent = "could not reach the server: " + error; });
          });
        }

        document.addEventListener("DOMContentLoaded", function () {
          selectQueryError();
          hitKeys();
          consoleCells();
          tryRuns();
        });

        """
}
