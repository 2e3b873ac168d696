// The console's live feed page: reads the stream of Server-Sent Events named by data-live-stream and
// puts each committed event at the top of the list (built with textContent: nothing from an event is
// read as HTML). Pause keeps what arrives aside and shows it on resume; the server's notices of
// dropped or possibly missed entries are said in the status line. htmx swaps the whole section when
// the filters change, so the page watches for new sections.
(function () {
  "use strict";
  var KEEP = 200;

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = value;
    return el;
  }

  function item(entry) {
    var li = document.createElement("li");
    li.className = "live-entry";
    li.setAttribute("data-event-id", entry.event_id);
    var head = document.createElement("div");
    head.appendChild(text("time", "", new Date(entry.committed_at).toLocaleTimeString()));
    head.lastChild.setAttribute("datetime", entry.committed_at);
    head.appendChild(text("strong", "live-user", entry.user_id));
    head.appendChild(text("span", "live-metric", entry.metric + " " + entry.value));
    li.appendChild(head);
    if (entry.changes.length) {
      var changes = document.createElement("ul");
      changes.className = "live-changes";
      entry.changes.forEach(function (change) {
        changes.appendChild(text("li", "live-" + change.kind, change.text));
      });
      li.appendChild(changes);
    }
    return li;
  }

  function watch(section) {
    if (section.getAttribute("data-live-watched")) { return; }
    section.setAttribute("data-live-watched", "true");
    var list = section.querySelector("[data-live-entries]");
    var status = section.querySelector("[data-live-status]");
    var pause = section.querySelector("[data-live-pause]");
    var held = [];
    var paused = false;
    var notice = "";

    function say(message) { status.textContent = message + (notice ? " " + notice : ""); }

    function show(entry) {
      list.insertBefore(item(entry), list.firstChild);
      while (list.children.length > KEEP) { list.removeChild(list.lastChild); }
    }

    var source = new EventSource(section.getAttribute("data-live-stream"));
    source.addEventListener("ready", function () { say(paused ? "Paused." : "Live."); });
    source.addEventListener("entry", function (message) {
      var entry = JSON.parse(message.data);
      if (paused) {
        held.push(entry);
        if (held.length > KEEP) { held.shift(); }
        say("Paused: " + held.length + " new.");
      } else {
        show(entry);
      }
    });
    source.addEventListener("dropped", function (message) {
      notice = JSON.parse(message.data).dropped + " events were dropped because this page read too slowly.";
      say(paused ? "Paused." : "Live.");
    });
    source.addEventListener("gap", function () {
      notice = "The link between the nodes was lost for a moment: events may be missing.";
      say(paused ? "Paused." : "Live.");
    });
    source.addEventListener("error", function () {
      say(source.readyState === EventSource.CLOSED ? "Disconnected: reload the page." : "Reconnecting…");
    });
    pause.addEventListener("click", function () {
      paused = !paused;
      pause.setAttribute("aria-pressed", paused ? "true" : "false");
      pause.textContent = paused ? "Resume" : "Pause";
      if (!paused) {
        held.forEach(show);
        held = [];
      }
      say(paused ? "Paused." : "Live.");
    });
    // a section swapped out by htmx: stop reading its stream
    var observer = new MutationObserver(function () {
      if (!document.body.contains(section)) { source.close(); observer.disconnect(); }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-live-stream]"), watch);
  }
  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", start);
})();
