// A canned-query or free SPARQL page. Served by `policykg serve`, the form runs the query
// on the Oxigraph endpoint behind the same origin; opened from disk, the page shows the
// rows computed when the site was written. Every value goes into the page as text.
(function () {
  "use strict";
  var spec = JSON.parse(document.getElementById("query-data").textContent);
  var form = document.getElementById("query-form");
  var status = document.getElementById("status");
  var holder = document.getElementById("results");
  var served = window.location.protocol === "http:" || window.location.protocol === "https:";
  var current = { columns: [], rows: [] };

  function term(binding) {
    if (!binding) { return ""; }
    return binding.type === "bnode" ? "_:" + binding.value : String(binding.value);
  }
  function csvField(text) {
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function download(id, text, type) {
    var link = document.getElementById(id);
    if (link.href) { URL.revokeObjectURL(link.href); }
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.hidden = false;
  }
  function render(columns, rows) {
    current = { columns: columns, rows: rows };
    var table = document.createElement("table");
    table.className = "sortable";
    table.id = "result-table";
    var head = table.createTHead().insertRow();
    columns.forEach(function (name) {
      var th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      columns.forEach(function (name) { tr.insertCell().textContent = row[name] || ""; });
    });
    holder.replaceChildren(table);
    window.policykgSortable(table);
    status.textContent = rows.length + " 行 rows";
    var csv = [columns.map(csvField).join(",")].concat(rows.map(function (row) {
      return columns.map(function (c) { return csvField(row[c] || ""); }).join(",");
    })).join("\n") + "\n";
    download("download-csv", csv, "text/csv;charset=utf-8");
    download("download-json", JSON.stringify(rows, null, 1) + "\n", "application/json");
  }
  function fromSparqlJson(answer) {
    var vars = answer.head.vars || [];
    var columns = spec.columns.length ? spec.columns : vars;
    var rows = answer.results.bindings.map(function (solution) {
      var row = {};
      columns.forEach(function (name) { row[name] = term(solution[name]); });
      return row;
    });
    render(columns, rows);
  }
  function run(event) {
    event.preventDefault();
    if (!served) {
      status.textContent = "打开方式为本地文件：请用 `policykg serve` 运行查询 (opened from disk: run `policykg serve` to query)";
      return;
    }
    var body = new URLSearchParams();
    if (spec.mode === "sparql") {
      body.set("query", document.getElementById("sparql-text").value);
    } else {
      body.set("name", spec.name);
      spec.params.forEach(function (param) {
        body.set(param[0], document.getElementById("param-" + param[0]).value);
      });
    }
    status.textContent = "…";
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
      fromSparqlJson(answer);
    }).catch(function (error) {
      status.textContent = "错误 error: " + error.message;
    });
  }
  form.addEventListener("submit", run);
  if (spec.rows) { render(spec.columns, spec.rows); }
  else if (!served) { status.textContent = "用 `policykg serve` 运行 run with `policykg serve`"; }
})();
