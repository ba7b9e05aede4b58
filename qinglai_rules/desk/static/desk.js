/* Keyboard shortcuts for the review desk (plain JS, no libraries).
 * Queue: j/k move the selection, Enter or o opens it.
 * Finding: j/k next/previous finding, u back to the queue, c/d/a choose confirm/dismiss/amend and
 * go to the reason, r focuses the reason, Enter in the reason submits (Shift+Enter: new line).
 * ? shows the list. A reason being typed is kept in sessionStorage until it is submitted, so an
 * expired session or an error page does not lose it.
 */
(function () {
  "use strict";

  function typing(target) {
    if (!target) { return false; }
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function plainKey(event) {
    return !event.ctrlKey && !event.metaKey && !event.altKey;
  }

  function follow(id) {
    var link = document.getElementById(id);
    if (link) { window.location.href = link.href; }
  }

  function initHelp() {
    var help = document.getElementById("shortcut-help");
    if (!help) { return; }
    document.addEventListener("keydown", function (event) {
      if (typing(event.target) || !plainKey(event)) { return; }
      if (event.key === "?") { help.hidden = !help.hidden; event.preventDefault(); }
      if (event.key === "Escape") { help.hidden = true; }
    });
  }

  function initQueue() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#queue-table tbody tr[data-href]"));
    if (!rows.length) { return; }
    var current = 0;
    function select(index) {
      current = Math.max(0, Math.min(rows.length - 1, index));
      rows.forEach(function (row, i) {
        row.classList.toggle("selected", i === current);
        row.setAttribute("aria-selected", i === current ? "true" : "false");
      });
      rows[current].scrollIntoView({block: "nearest"});
    }
    rows.forEach(function (row, i) {
      row.addEventListener("click", function (event) {
        if (event.target.closest("a")) { return; }
        select(i);
        window.location.href = row.dataset.href;
      });
    });
    select(0);
    document.addEventListener("keydown", function (event) {
      if (typing(event.target) || !plainKey(event)) { return; }
      if (event.key === "j") { select(current + 1); event.preventDefault(); }
      else if (event.key === "k") { select(current - 1); event.preventDefault(); }
      else if (event.key === "o" || (event.key === "Enter" && !event.target.closest("a, button"))) {
        window.location.href = rows[current].dataset.href;
        event.preventDefault();
      }
    });
  }

  function initFinding() {
    var form = document.getElementById("decision-form");
    var reason = document.getElementById("reason");
    var amendFields = document.getElementById("amend-fields");

    function chosenAction() {
      var checked = form && form.querySelector("input[name=action]:checked");
      return checked ? checked.value : "";
    }
    function syncAmend() {
      if (amendFields) { amendFields.disabled = chosenAction() !== "amend"; }
    }
    function choose(action) {
      var radio = document.getElementById("action-" + action);
      if (!radio) { return; }
      radio.checked = true;
      syncAmend();
      if (action === "amend") { document.getElementById("amend-family").focus(); }
      else { reason.focus(); }
    }

    document.addEventListener("keydown", function (event) {
      if (typing(event.target) || !plainKey(event)) { return; }
      var key = event.key;
      if (key === "j") { follow("next-link"); }
      else if (key === "k") { follow("prev-link"); }
      else if (key === "u") { follow("queue-link"); }
      else if (form && key === "c") { choose("confirm"); }
      else if (form && key === "d") { choose("dismiss"); }
      else if (form && key === "a") { choose("amend"); }
      else if (form && key === "r") { reason.focus(); }
      else { return; }
      event.preventDefault();  // the letter must not land in the field that just got focus
    });

    if (!form) { return; }
    form.addEventListener("change", syncAmend);
    syncAmend();

    // Enter submits from the reason; an IME composing Chinese text uses Enter to commit a word.
    reason.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { reason.blur(); return; }
      if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) { return; }
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });

    var submit = document.getElementById("submit-decision");
    form.addEventListener("submit", function () {
      submit.disabled = true;  // a double submit would only meet its own decision as a conflict
    });

    // Drafts: per finding and per decision state, so a decided finding never resurrects an old draft.
    var key = form.dataset.draftKey;
    var prefix = key.replace(/-\d+$/, "-");
    try {
      for (var i = window.sessionStorage.length - 1; i >= 0; i--) {
        var stored = window.sessionStorage.key(i);
        if (stored && stored.indexOf(prefix) === 0 && stored !== key) { window.sessionStorage.removeItem(stored); }
      }
      var draft = window.sessionStorage.getItem(key);
      if (draft && !reason.value) {
        reason.value = draft;
        document.getElementById("draft-note").hidden = false;
      }
      reason.addEventListener("input", function () { window.sessionStorage.setItem(key, reason.value); });
    } catch (error) {
      /* storage disabled: shortcuts still work */
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initHelp();
    var page = document.body.dataset.page;
    if (page === "queue") { initQueue(); }
    if (page === "finding") { initFinding(); }
  });
}());
