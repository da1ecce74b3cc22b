// The search page: full-text search over task sentences and document titles, run on the
// served graph (the view-search canned query), hits highlighted, narrowed by 发文机关
// (issuer), level and year. The words are kept in the URL (#q=…).
(function () {
  "use strict";
  var spec = JSON.parse(document.getElementById("search-spec").textContent);
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var holder = document.getElementById("results");
  var served = window.location.protocol === "http:" || window.location.protocol === "https:";
  var LABELS = { hit: "命中 hit", kind: "类型 kind", title: "文件 document",
                 issuer: "发文机关 issuer", level: "级别 level", year: "年份 year",
                 section: "章节 section" };
  var SHOWN = ["hit", "kind", "title", "section", "issuer", "level", "year"];

  function escapeRegex(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  // where the words stand in a hit, line breaks and spaces between characters allowed
  function marks(text, words) {
    var chars = Array.from(words.replace(/\s+/g, "")).map(escapeRegex);
    if (!chars.length) { return []; }
    var pattern = new RegExp(chars.join("\\s*"), "g"), found = [], hit;
    while ((hit = pattern.exec(text)) !== null) {
      found.push([hit.index, hit.index + hit[0].length]);
      if (!hit[0].length) { pattern.lastIndex++; }
    }
    return found;
  }
  function say(text, empty) {
    status.textContent = text;
    status.classList.toggle("nothing", !!empty);
  }
  function show(words, answer) {
    var links = window.policykgLinks || {}, sources = window.policykgSources || {};
    var rows = answer.results.bindings.map(function (b) {
      var value = function (name) { return b[name] ? String(b[name].value) : ""; };
      var doc = sources[value("source")] || [value("source"), ""];
      var page = value("kind") === "task" ? links[value("task")] : null;
      return {
        hit: { text: value("hit"), raw: value("hit"), marks: marks(value("hit"), words),
               href: spec.root + ((page && page[1]) || doc[1]) },
        kind: value("kind") === "task" ? "任务 task" : "文件 document",
        title: { text: value("title") || value("source"), raw: value("source"),
                 href: doc[1] ? spec.root + doc[1] : "" },
        section: value("section"), issuer: value("issuer"), level: value("level"),
        year: value("year"),
      };
    });
    if (!rows.length) {
      holder.replaceChildren();
      say("没有找到「" + words + "」 nothing matches “" + words + "” in task sentences or document titles", true);
      return;
    }
    window.policykgTable(holder, {
      id: "result-table", name: "search", rows: rows, exportUrl: spec.exportUrl,
      columns: SHOWN.map(function (name) {
        return { name: name, label: LABELS[name], facet: ["issuer", "level", "year"].indexOf(name) >= 0 };
      }),
    });
    say(rows.length + " 处命中 hits for “" + words + "”");
  }
  function search(event) {
    if (event) { event.preventDefault(); }
    var words = input.value.trim();
    var state = new URLSearchParams(window.location.hash.slice(1));
    if (state.get("q") !== words) {
      // new words: the old table's filters and facets no longer apply
      state = new URLSearchParams();
      state.set("q", words);
      window.history.replaceState(null, "", "#" + state.toString());
    }
    if (!words) { holder.replaceChildren(); say(""); return; }
    if (!served) {
      say("全文搜索需要 `policykg serve` (full-text search runs on the served workbench; " +
          "opened from disk, the home page's search finds pages by their titles)", true);
      return;
    }
    say("…");
    var body = new URLSearchParams();
    body.set("name", spec.query);
    body.set("text", words);
    fetch(spec.endpoint, { method: "POST", body: body,
                           headers: { "Accept": "application/sparql-results+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (answer) { show(words, answer); })
      .catch(function (error) { holder.replaceChildren(); say("错误 error: " + error.message, true); });
  }
  document.getElementById("search-form").addEventListener("submit", search);
  var given = new URLSearchParams(window.location.hash.slice(1)).get("q");
  if (given) { input.value = given; search(); }
})();
