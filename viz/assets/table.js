// Result tables that lead somewhere: sort by a column, filter each column, narrow by facets
// (document, level, role, period …), page through, keep all of it in the URL (#…), and
// download what is filtered as CSV (with a BOM, for Excel), JSON (numbers as numbers) or,
// served, XLSX. Every value goes into the page as text; links are our own relative paths.
//
// window.policykgTable(holder, spec) draws rows given as data; every <table class="sortable">
// of the page is read into the same component when the page loads.
(function () {
  "use strict";
  var PAGE = 50;
  var FACET_VALUES = 40;  // values listed per facet, the most frequent first
  var safeUrl = /^[A-Za-z0-9._\/-]*(#[A-Za-z0-9_-]+)?$/;
  var served = window.location.protocol === "http:" || window.location.protocol === "https:";

  function hashState() { return new URLSearchParams(window.location.hash.slice(1)); }

  function cellOf(value) {
    if (value && typeof value === "object") { return value; }
    var text = value === undefined || value === null ? "" : String(value);
    return { text: text, raw: typeof value === "number" ? value : text };
  }
  function compare(a, b) {
    var x = a.raw, y = b.raw;
    if (typeof x === "number" && typeof y === "number") { return x - y; }
    var nx = Number(a.text), ny = Number(b.text);
    if (a.text !== "" && b.text !== "" && !isNaN(nx) && !isNaN(ny)) { return nx - ny; }
    return a.text.localeCompare(b.text, "zh");
  }
  function csvField(value) {
    var text = String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }
  // a cell's text, with the [start, end) pieces in cell.marks highlighted (search hits)
  function fill(node, cell) {
    var at = 0;
    (cell.marks || []).forEach(function (piece) {
      node.appendChild(document.createTextNode(cell.text.slice(at, piece[0])));
      node.appendChild(element("mark", cell.text.slice(piece[0], piece[1])));
      at = piece[1];
    });
    node.appendChild(document.createTextNode(cell.text.slice(at)));
  }
  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  // spec: {id, name, columns: [{name, label, facet}], rows: [{column: cell}], facets:
  // [{name, label, value: function(row)}], exportUrl}; a cell is text, a number or
  // {text, raw, href, title}
  function Table(holder, spec) {
    this.holder = holder;
    this.spec = spec;
    this.rows = spec.rows.map(function (row) {
      var cells = {};
      spec.columns.forEach(function (c) { cells[c.name] = cellOf(row[c.name]); });
      return cells;
    });
    this.facets = (spec.facets || []).concat(spec.columns.filter(function (c) { return c.facet; })
      .map(function (c) {
        return { name: c.name, label: c.label || c.name,
                 value: function (row) { return row[c.name].text; } };
      }));
    this.state = { filters: {}, chosen: {}, sort: "", page: 1 };
    this.read();
    this.build();
    this.draw();
  }
  Table.prototype.key = function (part) { return this.spec.id + "." + part; };
  Table.prototype.read = function () {
    var self = this, params = hashState(), state = this.state;
    this.spec.columns.forEach(function (c) {
      var text = params.get(self.key("q." + c.name));
      if (text) { state.filters[c.name] = text; }
    });
    this.facets.forEach(function (f) {
      var values = params.getAll(self.key("f." + f.name));
      if (values.length) { state.chosen[f.name] = values; }
    });
    state.sort = params.get(this.key("sort")) || "";
    state.page = Math.max(1, parseInt(params.get(this.key("page")) || "1", 10) || 1);
  };
  Table.prototype.write = function () {
    var self = this, params = hashState(), prefix = this.spec.id + ".";
    Array.from(params.keys()).forEach(function (k) {
      if (k.indexOf(prefix) === 0) { params.delete(k); }
    });
    Object.keys(this.state.filters).forEach(function (name) {
      if (self.state.filters[name]) { params.append(self.key("q." + name), self.state.filters[name]); }
    });
    Object.keys(this.state.chosen).forEach(function (name) {
      self.state.chosen[name].forEach(function (v) { params.append(self.key("f." + name), v); });
    });
    if (this.state.sort) { params.set(this.key("sort"), this.state.sort); }
    if (this.state.page > 1) { params.set(this.key("page"), String(this.state.page)); }
    var hash = params.toString();
    window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
  };
  Table.prototype.matching = function (except) {
    var self = this, filters = this.state.filters, chosen = this.state.chosen;
    return this.rows.filter(function (row) {
      var ok = Object.keys(filters).every(function (name) {
        var words = filters[name].toLowerCase();
        return !words || row[name].text.toLowerCase().indexOf(words) >= 0
          || String(row[name].raw).toLowerCase().indexOf(words) >= 0;
      });
      return ok && self.facets.every(function (f) {
        var wanted = chosen[f.name];
        return f.name === except || !wanted || !wanted.length || wanted.indexOf(f.value(row)) >= 0;
      });
    });
  };
  Table.prototype.sorted = function (rows) {
    var sort = this.state.sort;
    if (!sort) { return rows; }
    var down = sort.charAt(0) === "-", name = down ? sort.slice(1) : sort;
    if (!this.spec.columns.some(function (c) { return c.name === name; })) { return rows; }
    return rows.slice().sort(function (a, b) {
      var order = compare(a[name], b[name]);
      return down ? -order : order;
    });
  };
  Table.prototype.build = function () {
    var self = this, spec = this.spec;
    var box = element("div", undefined, "table-tools");
    box.id = spec.id + "-tools";
    this.facetBox = element("div", undefined, "facets");
    this.facetBox.id = spec.id + "-facets";
    var bar = element("p", undefined, "table-bar");
    this.summary = element("span", undefined, "muted");
    this.summary.id = spec.id + "-summary";
    this.previous = element("button", "‹ 上一页 previous");
    this.previous.type = "button";
    this.previous.id = spec.id + "-previous";
    this.next = element("button", "下一页 next ›");
    this.next.type = "button";
    this.next.id = spec.id + "-next";
    this.previous.addEventListener("click", function () { self.state.page--; self.changed(); });
    this.next.addEventListener("click", function () { self.state.page++; self.changed(); });
    bar.append(this.summary, " ", this.previous, " ", this.next, " 下载 download: ");
    ["csv", "json"].concat(spec.exportUrl && served ? ["xlsx"] : []).forEach(function (format) {
      var button = element("button", format.toUpperCase());
      button.type = "button";
      button.id = spec.id + "-download-" + format;
      button.addEventListener("click", function () { self.download(format); });
      bar.append(button, " ");
    });
    box.append(this.facetBox, bar);
    var table = element("table", undefined, "results");
    table.id = spec.id;
    var head = table.createTHead();
    var names = head.insertRow(), filters = head.insertRow();
    filters.className = "filters";
    this.heads = {};
    spec.columns.forEach(function (c) {
      var th = element("th", c.label || c.name);
      th.setAttribute("data-column", c.name);
      th.title = "排序 sort";
      th.style.cursor = "pointer";
      th.addEventListener("click", function () {
        self.state.sort = self.state.sort === c.name ? "-" + c.name : c.name;
        self.changed();
      });
      self.heads[c.name] = th;
      names.appendChild(th);
      var cell = element("th");
      var input = element("input");
      input.type = "search";
      input.size = 8;
      input.id = spec.id + "-q-" + c.name;
      input.setAttribute("aria-label", "筛选 filter " + (c.label || c.name));
      input.placeholder = "筛选 filter";
      input.value = self.state.filters[c.name] || "";
      input.addEventListener("input", function () {
        self.state.filters[c.name] = input.value;
        self.state.page = 1;
        self.changed();
      });
      cell.appendChild(input);
      filters.appendChild(cell);
    });
    this.body = table.createTBody();
    this.table = table;
    this.holder.replaceChildren(box, table);
  };
  Table.prototype.changed = function () { this.write(); this.draw(); };
  Table.prototype.drawFacets = function () {
    var self = this;
    this.facetBox.replaceChildren();
    this.facets.forEach(function (f) {
      var counts = {};
      self.matching(f.name).forEach(function (row) {
        var value = f.value(row);
        if (value) { counts[value] = (counts[value] || 0) + 1; }
      });
      var values = Object.keys(counts).sort(function (a, b) {
        return counts[b] - counts[a] || a.localeCompare(b, "zh");
      });
      var chosen = self.state.chosen[f.name] || [];
      chosen.forEach(function (v) { if (!(v in counts)) { values.unshift(v); counts[v] = 0; } });
      if (!values.length) { return; }
      var group = element("fieldset", undefined, "facet");
      group.setAttribute("data-facet", f.name);
      group.appendChild(element("legend", f.label));
      values.slice(0, FACET_VALUES).forEach(function (value) {
        var button = element("button", value + " (" + counts[value] + ")");
        button.type = "button";
        button.setAttribute("data-value", value);
        button.setAttribute("aria-pressed", String(chosen.indexOf(value) >= 0));
        button.addEventListener("click", function () {
          var now = (self.state.chosen[f.name] || []).slice(), at = now.indexOf(value);
          if (at >= 0) { now.splice(at, 1); } else { now.push(value); }
          self.state.chosen[f.name] = now;
          self.state.page = 1;
          self.changed();
        });
        group.appendChild(button);
      });
      self.facetBox.appendChild(group);
    });
  };
  Table.prototype.draw = function () {
    var self = this, columns = this.spec.columns;
    var rows = this.sorted(this.matching(null));
    this.current = rows;
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    this.state.page = Math.min(Math.max(1, this.state.page), pages);
    var first = (this.state.page - 1) * PAGE;
    var shown = rows.slice(first, first + PAGE);
    var sortName = this.state.sort.replace(/^-/, "");
    Object.keys(this.heads).forEach(function (name) {
      var th = self.heads[name];
      if (name === sortName) {
        th.setAttribute("aria-sort", self.state.sort.charAt(0) === "-" ? "descending" : "ascending");
      } else { th.removeAttribute("aria-sort"); }
    });
    var body = element("tbody");
    shown.forEach(function (row) {
      var tr = body.insertRow();
      columns.forEach(function (c) {
        var cell = row[c.name], td = tr.insertCell();
        if (cell.node) {  // a cell of several links (the owners of a task) keeps its markup
          Array.prototype.forEach.call(cell.node.childNodes, function (n) {
            td.appendChild(n.cloneNode(true));
          });
        } else if (cell.href && safeUrl.test(cell.href)) {
          var link = element("a");
          fill(link, cell);
          link.href = cell.href;
          if (cell.title) { link.title = cell.title; }
          td.appendChild(link);
        } else {
          fill(td, cell);
          if (cell.title) { td.title = cell.title; }
        }
      });
    });
    this.table.replaceChild(body, this.body);
    this.body = body;
    this.summary.textContent = (rows.length ? (first + 1) + "–" + (first + shown.length) : "0")
      + " / " + rows.length + " 行 rows" + (rows.length < this.rows.length
        ? " (筛选自 filtered from " + this.rows.length + ")" : "")
      + " · 第 page " + this.state.page + " / " + pages;
    this.previous.disabled = this.state.page <= 1;
    this.next.disabled = this.state.page >= pages;
    this.drawFacets();
  };
  Table.prototype.exported = function () {
    var columns = this.spec.columns.map(function (c) { return c.name; });
    return { columns: columns, rows: this.current.map(function (row) {
      var out = {};
      columns.forEach(function (name) { out[name] = row[name].raw; });
      return out;
    }) };
  };
  Table.prototype.download = function (format) {
    var data = this.exported(), name = this.spec.name || this.spec.id;
    if (format === "csv") {
      var lines = [data.columns.map(csvField).join(",")].concat(data.rows.map(function (row) {
        return data.columns.map(function (c) { return csvField(row[c]); }).join(",");
      }));
      // the BOM tells Excel the file is UTF-8, so Chinese opens as Chinese
      save(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }),
           name + ".csv");
    } else if (format === "json") {
      save(new Blob([JSON.stringify(data.rows, null, 1) + "\n"], { type: "application/json" }),
           name + ".json");
    } else {
      fetch(this.spec.exportUrl, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: name, columns: data.columns, rows: data.rows }),
      }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.blob();
      }).then(function (blob) { save(blob, name + ".xlsx"); })
        .catch(function (error) { window.alert("XLSX: " + error.message); });
    }
  };

  // an HTML table written with the page: its cells (text and first link) become the rows
  function fromHtml(table, index) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var columns = heads.map(function (th, i) {
      return { name: th.getAttribute("data-column") || "c" + i, label: th.textContent.trim(),
               facet: th.hasAttribute("data-facet") };
    });
    var numeric = heads.map(function (th) { return th.getAttribute("data-type") === "number"; });
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      var row = {};
      columns.forEach(function (c, i) {
        var td = tr.cells[i], text = td ? td.textContent.trim() : "";
        var link = td ? td.querySelector("a[href]") : null;
        var number = numeric[i] && text !== "" ? Number(text) : NaN;
        row[c.name] = { text: text, raw: isNaN(number) ? text : number,
                        href: link && td.childElementCount === 1 && td.textContent.trim()
                          === link.textContent.trim() ? link.getAttribute("href") : "" };
        if (td && !row[c.name].href && td.querySelector("a")) { row[c.name].node = td; }
      });
      return row;
    });
    var holder = element("div", undefined, "table-holder");
    table.replaceWith(holder);
    var made = new Table(holder, { id: table.id || "table" + index, name: table.id || "table",
                                   columns: columns, rows: rows,
                                   exportUrl: table.getAttribute("data-export") || "" });
    return made;
  }

  window.policykgTable = function (holder, spec) { return new Table(holder, spec); };
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), fromHtml);
})();
