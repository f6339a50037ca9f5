// Timeline filters by locality and kind. Without JavaScript the form stays hidden and the page
// lists every article of the year; with it, entries that do not match are hidden (nothing is fetched).
(function () {
  "use strict";
  var form = document.getElementById("loc-dong-thoi-gian");
  if (!form) return;
  var locality = form.elements.locality;
  var kind = form.elements.kind;
  var status = form.querySelector(".filter-status");
  var entries = Array.prototype.slice.call(document.querySelectorAll(".year .entry"));

  function matches(entry) {
    var place = locality.value === "-" ? "" : locality.value;
    var placeOk = !locality.value || entry.dataset.locality === place;
    return placeOk && (!kind.value || entry.dataset.kind === kind.value);
  }

  function hideEmpty(selector) {
    document.querySelectorAll(selector).forEach(function (group) {
      group.hidden = !group.querySelector(".entry:not([hidden])");
    });
  }

  function apply() {
    var shown = 0;
    entries.forEach(function (entry) {
      entry.hidden = !matches(entry);
      if (!entry.hidden) shown += 1;
    });
    hideEmpty(".month");
    hideEmpty(".year");
    var filtered = locality.value || kind.value;
    status.textContent = filtered ? "Đang hiện " + shown + " trên " + entries.length + " bài." : "";
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
})();
