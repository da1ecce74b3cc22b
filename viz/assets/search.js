// The home page's search box: matches page titles in the embedded index (works from disk),
// lists links; Enter or the link beside it opens the full-text search with the words.
(function () {
  "use strict";
  var entries = JSON.parse(document.getElementById("search-data").textContent);
  var input = document.getElementById("site-search");
  var list = document.getElementById("search-results");
  var safeUrl = /^[A-Za-z0-9._\/-]*(#[A-Za-z0-9_-]+)?$/;
  var fullText = document.getElementById("full-text");
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && input.value.trim()) { window.location.href = fullText.href; }
  });
  input.addEventListener("input", function () {
    fullText.setAttribute("href", "search.html" + (input.value.trim()
      ? "#q=" + encodeURIComponent(input.value.trim()) : ""));
    var words = input.value.trim().toLowerCase();
    list.replaceChildren();
    if (!words) { return; }
    entries.filter(function (entry) {
      return entry[0].toLowerCase().indexOf(words) >= 0 && safeUrl.test(entry[2]);
    }).slice(0, 50).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry[2];
      link.textContent = entry[0];
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " " + entry[1];
      item.append(link, kind);
      list.appendChild(item);
    });
  });
})();
