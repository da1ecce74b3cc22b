// Query results as a linked table: IRIs of agencies, tasks, documents and groups become
// their short label linking to their page (assets/links.js, written with the site), other
// IRIs their last segment; typed numbers stay numbers for JSON and XLSX.
(function () {
  "use strict";
  var NUMBERS = /#(integer|int|long|short|byte|decimal|double|float|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
  var IRI = /^(https?|urn):\S+$/;
  var FACETS = { source: "文件 document", cited_source: "被引文件 cited document",
                 level: "级别 level", role: "角色 role", period: "期限 period",
                 issuer: "发文机关 issuer", year: "年份 year" };

  function short(iri) {
    var at = iri.indexOf("/id/");
    if (at >= 0) { return iri.slice(at + 4); }
    var cut = Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/"));
    return cut >= 0 && cut < iri.length - 1 ? iri.slice(cut + 1) : iri;
  }
  // binding: a SPARQL JSON term, or a plain string (rows computed when the site was written)
  function cell(binding, column, root) {
    var links = window.policykgLinks || {}, sources = window.policykgSources || {};
    if (binding === undefined || binding === null) { return { text: "", raw: "" }; }
    if (typeof binding === "number" || typeof binding === "boolean") {
      return { text: String(binding), raw: binding };
    }
    var term = typeof binding === "object" ? binding
      : { type: IRI.test(binding) ? "uri" : "literal", value: String(binding) };
    var value = String(term.value);
    if (term.type === "uri") {
      var hit = links[value];
      if (hit) { return { text: hit[0], raw: value, href: root + hit[1], title: value, level: hit[2] || "" }; }
      return { text: short(value), raw: value, title: value };
    }
    if (term.type === "bnode") { return { text: "_:" + value, raw: "_:" + value }; }
    if (term.datatype && NUMBERS.test(term.datatype) && value !== "" && !isNaN(Number(value))) {
      return { text: value, raw: Number(value) };
    }
    var doc = (column === "source" || column === "cited_source") ? sources[value] : null;
    if (doc) { return { text: value, raw: value, href: root + doc[1], title: doc[0], doc: doc[0] }; }
    return { text: value, raw: value };
  }
  function show(holder, name, columns, rows, root, exportUrl) {
    var table = rows.map(function (row) {
      var out = {};
      columns.forEach(function (c) { out[c] = cell(row[c], c, root); });
      return out;
    });
    var facets = [];
    columns.forEach(function (c) {
      if (!FACETS[c]) { return; }
      facets.push({ name: c, label: FACETS[c], value: function (row) {
        return row[c].doc || row[c].text;
      } });
    });
    if (columns.indexOf("level") < 0) {  // the level of the agency in the row, when known
      var from = columns.filter(function (c) {
        return table.some(function (row) { return row[c].level; });
      })[0];
      if (from) {
        facets.push({ name: "level", label: FACETS.level,
                      value: function (row) { return row[from].level || ""; } });
      }
    }
    return window.policykgTable(holder, {
      id: "result-table", name: name, rows: table, facets: facets, exportUrl: exportUrl,
      columns: columns.map(function (c) { return { name: c, label: c }; }),
    });
  }
  function fromSparqlJson(answer, columns) {
    var vars = columns && columns.length ? columns : (answer.head.vars || []);
    return { columns: vars, rows: answer.results.bindings };
  }
  window.policykgResults = { show: show, fromSparqlJson: fromSparqlJson, cell: cell };
})();
