// Sortable tables: click a column heading to sort by it, click again to reverse.
(function () {
  "use strict";
  function key(cell) {
    var text = cell ? cell.textContent.trim() : "";
    var number = Number(text);
    return text !== "" && !isNaN(number) ? [0, number, ""] : [1, 0, text];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) { return a[0] - b[0]; }
    if (a[0] === 0) { return a[1] - b[1]; }
    return a[2].localeCompare(b[2], "zh");
  }
  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, index) {
      th.style.cursor = "pointer";
      th.title = "排序 sort";
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var down = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(key(a.cells[index]), key(b.cells[index]));
          return down ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  window.policykgSortable = sortable;
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);
})();
