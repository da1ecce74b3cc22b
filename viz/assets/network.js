// Draws the graph embedded as JSON in #graph-data. Labels and tooltips are plain
// strings: vis-network puts them into canvas text and innerText, never into HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var details = document.getElementById("details");
  var link = document.getElementById("details-link");
  // only links we generated: relative paths and fragments, never a scheme
  var safeUrl = /^[A-Za-z0-9._\/-]*(#[A-Za-z0-9_-]+)?$/;
  var names = { doc: "文件 document", level: "级别 level", agency: "单位 agency", group: "群体 group" };
  var chosen = {};

  function nodeUrl(id) {
    var node = nodes.get(id);
    return node && typeof node.url === "string" && safeUrl.test(node.url) ? node.url : "";
  }
  function show(id) {
    var node = nodes.get(id);
    details.textContent = node.label + "\n\n" + (node.title || "");
    var url = nodeUrl(node.id);
    link.hidden = !url;
    if (url) { link.setAttribute("href", url); }
  }
  network.on("click", function (params) {
    if (params.nodes.length === 1) { show(params.nodes[0]); }
  });
  network.on("doubleClick", function (params) {
    var url = params.nodes.length === 1 ? nodeUrl(params.nodes[0]) : "";
    if (url) { window.location.href = url; }
  });

  // filters: a node stays when, for every chosen filter, its tags hold the chosen value
  function applyFilters() {
    var changes = [], visible = 0;
    nodes.forEach(function (node) {
      var keep = Object.keys(chosen).every(function (name) {
        return !chosen[name] || (node.tags && (node.tags[name] || []).indexOf(chosen[name]) >= 0);
      });
      if (keep) { visible++; }
      if (!!node.hidden === keep) { changes.push({ id: node.id, hidden: !keep }); }
    });
    nodes.update(changes);
    document.getElementById("visible-count").textContent = visible + " / " + nodes.length;
  }
  var holder = document.getElementById("filters");
  Object.keys(names).forEach(function (name) {
    var choices = (data.filters || {})[name] || [];
    if (choices.length < 2) { return; }
    var select = document.createElement("select");
    select.id = "filter-" + name;
    select.setAttribute("aria-label", names[name]);
    var all = document.createElement("option");
    all.value = "";
    all.textContent = names[name] + ": 全部 all";
    select.appendChild(all);
    choices.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    select.addEventListener("change", function () { chosen[name] = select.value; applyFilters(); });
    holder.appendChild(select);
  });

  // search: select every visible node whose label or tooltip holds the words; focus the first
  var search = document.getElementById("node-search");
  search.addEventListener("input", function () {
    var words = search.value.trim().toLowerCase();
    var found = !words ? [] : nodes.getIds({ filter: function (node) {
      return !node.hidden && ((node.label || "") + " " + (node.title || "")).toLowerCase().indexOf(words) >= 0;
    } });
    network.selectNodes(found);
    document.getElementById("search-count").textContent = words ? found.length + " 匹配 found" : "";
    if (found.length) {
      show(found[0]);
      network.focus(found[0], { scale: 1.2, animation: false });
    }
  });

  function done() {
    document.body.setAttribute("data-network", "ready");
  }
  if (data.stabilise) {
    // big graphs: settle once, then freeze so the page stays responsive
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      done();
    });
  } else {
    network.once("afterDrawing", done);
  }
})();
