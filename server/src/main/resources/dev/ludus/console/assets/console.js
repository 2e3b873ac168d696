// The Ludus console's own script: loaded from this server (the Content-Security-Policy allows no
// inline script). It adds the CSRF token to htmx requests, keeps a form's input when the session has
// ended, and wires copy buttons, typed confirmations, file uploads into text areas and fields shown
// only for some value of another.
(function () {
  "use strict";
  var DRAFT = "ludus-draft:";

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrf();
  });

  // A change sent after the session ended answers 401: keep what was typed (never passwords or keys),
  // go to sign in, and put it back when the page is shown again.
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status !== 401) { return; }
    var form = event.detail.elt.closest("form");
    if (form) {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.name !== "_csrf" && el.type !== "password" && el.type !== "file" && el.type !== "hidden") {
          values[el.name] = el.type === "checkbox" ? (el.checked ? "on" : "") : el.value;
        }
      });
      sessionStorage.setItem(DRAFT + location.pathname, JSON.stringify({ action: form.getAttribute("action") || "", values: values }));
    }
    location.assign("/console/sign-in?next=" + encodeURIComponent(location.pathname + location.search));
  });

  // An element that refreshes itself (data-poll, such as a leaderboard's ranking) after the session
  // ended gets the sign-in page: go there instead of swapping it in, and come back to this page after.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var url = event.detail.xhr.responseURL || "";
    if (event.detail.elt.hasAttribute("data-poll") && url.indexOf("/console/sign-in") >= 0) {
      event.detail.shouldSwap = false;
      location.assign("/console/sign-in?next=" + encodeURIComponent(location.pathname + location.search));
    }
  });

  function restoreDraft() {
    var saved = sessionStorage.getItem(DRAFT + location.pathname);
    if (!saved) { return; }
    sessionStorage.removeItem(DRAFT + location.pathname);
    var draft = JSON.parse(saved);
    var forms = document.querySelectorAll("main form");
    var form = Array.prototype.find.call(forms, function (f) { return (f.getAttribute("action") || "") === draft.action; }) || forms[0];
    if (!form) { return; }
    Object.keys(draft.values).forEach(function (name) {
      var el = form.elements[name];
      if (!el || el.type === "password") { return; }
      if (el.type === "checkbox") { el.checked = draft.values[name] === "on"; } else { el.value = draft.values[name]; }
    });
    var note = document.createElement("p");
    note.className = "notice";
    note.id = "draft-restored";
    note.textContent = "Your session had ended, so your change was not saved. What you typed is back in the form: check it and send it again.";
    form.parentNode.insertBefore(note, form);
  }

  function wire(root) {
    root.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (target && navigator.clipboard) {
          navigator.clipboard.writeText(target.textContent.trim()).then(function () { button.textContent = "Copied"; });
        }
      });
    });
    // <input data-confirm="the-value" data-confirm-button="button-id">: the button works only once the value is typed
    root.querySelectorAll("input[data-confirm]").forEach(function (input) {
      var button = document.getElementById(input.getAttribute("data-confirm-button"));
      if (!button) { return; }
      var check = function () { button.disabled = input.value !== input.getAttribute("data-confirm"); };
      input.addEventListener("input", check);
      check();
    });
    // <input type="file" data-into="textarea-id">: the chosen file's text goes into the text area
    root.querySelectorAll("input[type=file][data-into]").forEach(function (input) {
      input.addEventListener("change", function () {
        var area = document.getElementById(input.getAttribute("data-into"));
        if (input.files.length && area) { input.files[0].text().then(function (text) { area.value = text; }); }
      });
    });
    // <div data-when="field-name" data-when-in="a b">: shown only while the form's field of that name holds one of the values
    root.querySelectorAll("[data-when]").forEach(function (el) {
      var form = el.closest("form");
      var control = form && form.elements.namedItem(el.getAttribute("data-when"));
      if (!control) { return; }
      var values = (el.getAttribute("data-when-in") || "").split(" ");
      var update = function () { el.hidden = values.indexOf(control.value) < 0; };
      control.addEventListener("change", update);
      update();
    });
  }

  function ready() {
    restoreDraft();
    wire(document);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
  document.addEventListener("htmx:afterSettle", function (event) { wire(event.detail.elt); restoreDraft(); });
})();
