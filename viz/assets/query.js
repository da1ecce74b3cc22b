// A canned-query page. Served by `policykg serve`, the form runs the query on the Oxigraph
// endpoint behind the same origin (a query without parameters runs as the page opens, so
// its numbers come typed); opened from disk, the page shows the rows computed when the site
// was written. Parameter values are kept in the URL (#p.NAME=…), so a link re-runs them.
(function () {
  "use strict";
  var spec = JSON.parse(document.getElementById("query-data").textContent);
  var form = document.getElementById("query-form");
  var status = document.getElementById("status");
  var holder = document.getElementById("results");
  var hints = document.getElementById("suggestions");
  var served = window.location.protocol === "http:" || window.location.protocol === "https:";

  function clear(message) {
    holder.replaceChildren();
    hints.replaceChildren();
    hints.hidden = true;
    status.textContent = message;
  }
  function field(name) { return document.getElementById("param-" + name); }
  function suggest(answer) {
    // close names the server found for a looked-up parameter that matched nothing
    var offered = [];
    ((answer.policykg || {}).resolutions || []).forEach(function (found) {
      (found.suggestions || []).forEach(function (s) {
        offered.push({ param: found.param, value: s.label, label: s.label });
      });
    });
    if (!offered.length) { return; }
    hints.hidden = false;
    hints.appendChild(document.createTextNode("您是不是要找 did you mean: "));
    offered.forEach(function (s) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "suggestion";
      button.textContent = s.label || s.value;
      button.addEventListener("click", function () {
        var param = s.param || (spec.params[0] || [])[0];
        if (param && field(param)) { field(param).value = s.value || s.label; }
        run();
      });
      hints.append(button, " ");
    });
  }
  function run(event) {
    if (event) { event.preventDefault(); }
    if (!served) {
      status.textContent = "打开方式为本地文件：请用 `policykg serve` 运行查询 (opened from disk: run `policykg serve` to query)";
      return;
    }
    var body = new URLSearchParams(), kept = new URLSearchParams(window.location.hash.slice(1));
    body.set("name", spec.name);
    spec.params.forEach(function (param) {
      body.set(param[0], field(param[0]).value);
      kept.set("p." + param[0], field(param[0]).value);
    });
    if (spec.params.length) { window.history.replaceState(null, "", "#" + kept.toString()); }
    clear("…");
    fetch(spec.endpoint, {
      method: "POST", body: body,
      headers: { "Accept": "application/sparql-results+json" },
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) { throw new Error("HTTP " + response.status + ": " + text.slice(0, 500)); }
        return JSON.parse(text);
      });
    }).then(function (answer) {
      if (!answer.results) { throw new Error("not a SELECT result"); }
      var found = window.policykgResults.fromSparqlJson(answer, spec.columns);
      window.policykgResults.show(holder, spec.name, found.columns, found.rows, spec.root,
                                  spec.exportUrl);
      status.textContent = found.rows.length + " 行 rows";
      if (!found.rows.length) {
        status.textContent = "没有结果 no rows match";
        suggest(answer);
      }
    }).catch(function (error) {
      clear("错误 error: " + error.message);
    });
  }
  form.addEventListener("submit", run);
  var given = new URLSearchParams(window.location.hash.slice(1));
  var filled = spec.params.length > 0 && spec.params.every(function (param) {
    var value = given.get("p." + param[0]);
    if (value !== null) { field(param[0]).value = value; }
    return value !== null;
  });
  if (served && (filled || !spec.params.length)) {
    run();
  } else if (spec.rows) {
    window.policykgResults.show(holder, spec.name, spec.columns, spec.rows, spec.root, "");
    status.textContent = spec.rows.length + " 行 rows";
  } else if (!served) {
    status.textContent = "用 `policykg serve` 运行 run with `policykg serve`";
  }
})();
