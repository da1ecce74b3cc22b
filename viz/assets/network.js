// Draws the graph embedded as JSON in #graph-data. Labels and tooltips are plain
// strings: vis-network puts them into canvas text and innerText, never into HTML.
// Nodes carry their own colour and shape and no vis "group" (a group would give them
// vis-network's default palette whenever a node is updated, e.g. hidden by a filter).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.policykgNetwork = network;  // for the browser tests and the console
  var details = document.getElementById("details");
  var link = document.getElementById("details-link");
  // only links we generated: relative paths and fragments, never a scheme
  var safeUrl = /^[A-Za-z0-9._\/-]*(#[A-Za-z0-9_-]+)?$/;
  var names = { doc: "文件 document", level: "级别 level", agency: "单位 agency", group: "群体 group" };
  var chosen = {};
  var LABEL_PX = 14;  // on-screen size of the labels of the busiest nodes
  var LABELLED = 12;  // how many of the busiest shown nodes are labelled at any zoom

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

  // fit the view to ``ids`` (all nodes when omitted), never zooming a small graph past 1:1
  function fitTo(ids) {
    network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
    if (network.getScale() > 1) { network.moveTo({ scale: 1, animation: false }); }
  }

  // labels: the busiest shown nodes keep a readable on-screen size whatever the zoom; the
  // others keep the normal size, which vis-network draws only once zoomed in enough
  var labelled = {};
  function relabel() {
    var scale = network.getScale() || 1;
    var size = Math.min(Math.max(LABEL_PX, Math.ceil(LABEL_PX / scale)), 400);
    var shown = nodes.get({ filter: function (node) { return !node.hidden; } });
    shown.sort(function (a, b) { return (b.rank || 0) - (a.rank || 0) || (a.id < b.id ? -1 : 1); });
    var want = {};
    shown.slice(0, LABELLED).forEach(function (node) { want[node.id] = size; });
    var changes = [];
    Object.keys(labelled).forEach(function (id) {
      if (!(id in want)) { changes.push({ id: id, font: { size: LABEL_PX } }); }
    });
    Object.keys(want).forEach(function (id) {
      if (labelled[id] !== want[id]) { changes.push({ id: id, font: { size: want[id] } }); }
    });
    labelled = want;
    if (changes.length) { nodes.update(changes); }
  }
  var pending = null;
  network.on("zoom", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () { pending = null; relabel(); }, 120);
  });

  // filters: a node stays when, for every chosen filter, its tags hold the chosen value;
  // the view then fits what is left
  function applyFilters() {
    var changes = [], visible = [];
    nodes.forEach(function (node) {
      var keep = Object.keys(chosen).every(function (name) {
        return !chosen[name] || (node.tags && (node.tags[name] || []).indexOf(chosen[name]) >= 0);
      });
      if (keep) { visible.push(node.id); }
      if (!!node.hidden === keep) { changes.push({ id: node.id, hidden: !keep }); }
    });
    nodes.update(changes);
    document.getElementById("visible-count").textContent = visible.length + " / " + nodes.length;
    fitTo(visible);
    relabel();
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
      relabel();
    }
  });

  // the layout settles once, then physics stops: dragging a node moves only that node
  function settled() {
    network.setOptions({ physics: false });
    fitTo();
    relabel();
    document.body.setAttribute("data-network", "ready");
  }
  if (nodes.length) { network.once("stabilizationIterationsDone", settled); } else { settled(); }
})();
