// Search page: Pagefind's UI over HTTP; an offline index loaded by a plain <script> when the page
// is opened from disk (file://), where Chromium refuses Pagefind's fetch() and import().
// A file, not inline code: the page's Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";
  var script = document.currentScript;
  var pagefindJs = new URL(script.dataset.pagefind, document.baseURI).href;
  var pagefindDir = pagefindJs.replace(/pagefind\.js$/, "");
  var offlineIndexUrl = script.dataset.offlineIndex;
  var shardsUrl = script.dataset.shards;
  var shardDirs = [];
  var MAX_SHOWN = 50;

  // Pagefind ships Vietnamese strings (picked from <html lang="vi">); these fix the awkward ones.
  var TRANSLATIONS = {
    placeholder: "Nhập từ khóa, có dấu hoặc không dấu",
    search_label: "Tìm kiếm trong các bài viết",
    load_more: "Xem thêm kết quả",
    alt_search: "Không có kết quả cho [SEARCH_TERM]. Đang hiện kết quả cho [DIFFERENT_TERM]",
    search_suggestion: "Không có kết quả cho [SEARCH_TERM]. Hãy thử:",
    filters_label: "Bộ lọc",
    clear_search: "Xóa"
  };

  var ui = null;

  function startPagefind(sortOrder, term) {
    var options = { element: "#search", showSubResults: true, showImages: false, resetStyles: false,
                    bundlePath: pagefindDir, translations: TRANSLATIONS, mergeIndex: shardDirs.map(function (dir) { return { bundlePath: dir }; }) };
    if (sortOrder) options.sort = { date: sortOrder };
    ui = new window.PagefindUI(options);
    // Pagefind labels its box with a title only; a real accessible name helps screen readers.
    var input = document.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.setAttribute("aria-label", TRANSLATIONS.search_label);
      input.addEventListener("input", function () { rememberInUrl({ q: input.value.trim() }); });
    }
    if (term) ui.triggerSearch(term);
  }

  // The query and the order live in the address (?q=...&sap-xep=desc), so a search can be
  // shared, bookmarked and returned to with Back.
  function rememberInUrl(values) {
    var url = new URL(location.href);
    Object.keys(values).forEach(function (key) {
      if (values[key]) url.searchParams.set(key, values[key]);
      else url.searchParams.delete(key);
    });
    history.replaceState(null, "", url.href);
    return url;
  }

  var SORT_ORDERS = ["asc", "desc"];

  // Pagefind takes its sort order only when its UI is made. Its UI's destroy() does not wait
  // for the shared search worker to stop: a new UI made at once had its requests cut off
  // ("Pagefind worker terminated", no results) whenever the order changed during a search.
  // A new order therefore loads the page again, with the query and the order in the address.
  function enableSort(sortOrder) {
    var box = document.getElementById("sap-xep");
    var select = document.getElementById("sap-xep-theo");
    box.hidden = false;
    select.value = sortOrder;
    select.addEventListener("change", function () {
      var input = document.querySelector(".pagefind-ui__search-input");
      rememberInUrl({ q: input ? input.value.trim() : "", "sap-xep": select.value });
      location.reload();
    });
  }

  // The build indexes each year separately; assets/search-shards.js lists the bundles to merge.
  function loadShards(then) {
    loadScript(shardsUrl, function () {
      shardDirs = (window.SEARCH_SHARDS || []).map(function (dir) {
        return new URL(dir, document.baseURI).href;  // a fresh options object per UI: Pagefind consumes it
      });
      then();
    }, then);
  }

  function loadScript(src, onload, onerror) {
    var loader = document.createElement("script");
    loader.src = src;
    loader.onload = onload;
    loader.onerror = onerror;
    document.head.appendChild(loader);
  }

  // --- Offline fallback -------------------------------------------------------------------
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }

  function words(text) {
    return " " + text.toLowerCase().normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }

  function prepare(entry) {
    var all = words([entry.t, entry.l, entry.k, entry.c.join(" "), entry.o.join(" "), entry.x, entry.w].join(" "));
    var title = words(entry.t);
    return { entry: entry, exact: all, folded: fold(all), title: title, foldedTitle: fold(title) };
  }

  function score(doc, tokens, folded) {
    var total = 0;
    for (var i = 0; i < tokens.length; i++) {
      if (doc.folded.indexOf(" " + folded[i]) < 0) return -1;  // every word must match
      if (doc.exact.indexOf(" " + tokens[i]) >= 0) total += 100;  // same diacritics: rank first
      if (doc.foldedTitle.indexOf(" " + folded[i]) >= 0) total += 10;
    }
    var phrase = " " + folded.join(" ");
    if (tokens.length > 1 && doc.folded.indexOf(phrase) >= 0) total += 5;
    return total;
  }

  function search(docs, query) {
    var tokens = words(query).trim().split(" ").filter(Boolean);
    if (!tokens.length) return [];
    var folded = tokens.map(fold);
    var hits = [];
    docs.forEach(function (doc) {
      var s = score(doc, tokens, folded);
      if (s >= 0) hits.push({ doc: doc, score: s });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || (a.doc.entry.d < b.doc.entry.d ? 1 : a.doc.entry.d > b.doc.entry.d ? -1 : 0);
    });
    return hits;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderHit(entry) {
    var item = element("li", "entry");
    var meta = element("p", "entry-meta");
    var when = element("time", "", entry.d.split("-").reverse().join("/"));
    when.dateTime = entry.d;
    meta.appendChild(when);
    [[entry.k, "tag"], [entry.l, "place"]].forEach(function (pair) {
      if (pair[0]) meta.appendChild(element("span", pair[1], pair[0]));
    });
    var link = element("a", "entry-title", entry.t);
    link.href = entry.u;
    item.appendChild(meta);
    item.appendChild(link);
    if (entry.x) item.appendChild(element("p", "excerpt", entry.x));
    if (entry.o.length) item.appendChild(element("p", "entry-officials", entry.o.join(", ")));
    return item;
  }

  function showResults(docs, query) {
    var list = document.getElementById("o-ket-qua");
    var status = document.getElementById("o-trang-thai");
    var hits = search(docs, query);
    list.textContent = "";
    hits.slice(0, MAX_SHOWN).forEach(function (hit) { list.appendChild(renderHit(hit.doc.entry)); });
    status.textContent = !query.trim() ? "" : hits.length ? hits.length + " kết quả cho “" + query.trim() + "”"
      : "Không tìm thấy kết quả cho “" + query.trim() + "”";
  }

  function startOffline() {
    var form = document.getElementById("tim-ngoai-tuyen");
    var input = document.getElementById("o-tu-khoa");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    loadScript(offlineIndexUrl, function () {
      var docs = (window.DIGEST_SEARCH_INDEX || []).map(prepare);
      input.addEventListener("input", function () { showResults(docs, input.value); });
      var initial = new URLSearchParams(location.search).get("q");
      if (initial) input.value = initial;
      if (input.value) showResults(docs, input.value);
      form.dataset.ready = "true";
    }, function () {
      document.getElementById("o-trang-thai").textContent = "Không tải được chỉ mục tìm kiếm ngoại tuyến.";
    });
  }

  if (location.protocol === "file:" || !window.PagefindUI) {
    startOffline();
    return;
  }
  // Pagefind can still fail over HTTP (index not built, blocked import): fall back then too.
  import(pagefindJs).then(function () {
    loadShards(function () {
      var params = new URLSearchParams(location.search);
      var asked = params.get("sap-xep");
      // Pagefind sorts each merged index on its own and interleaves them by rank: a date sort
      // over several shard indexes would be wrong, so it is offered only for a single index.
      var sortOrder = !shardDirs.length && SORT_ORDERS.indexOf(asked) >= 0 ? asked : "";
      startPagefind(sortOrder, (params.get("q") || "").trim());
      if (!shardDirs.length) enableSort(sortOrder);
    });
  }, startOffline);
})();
