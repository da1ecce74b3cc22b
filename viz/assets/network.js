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

  function nodeUrl(id) {
    var node = nodes.get(id);
    return node && typeof node.url === "string" && safeUrl.test(node.url) ? node.url : "";
  }
  network.on("click", function (params) {
    if (params.nodes.length !== 1) { return; }
    var node = nodes.get(params.nodes[0]);
    details.textContent = node.label + "\n\n" + (node.title || "");
    var url = nodeUrl(node.id);
    link.hidden = !url;
    if (url) { link.setAttribute("href", url); }
  });
  network.on("doubleClick", function (params) {
    var url = params.nodes.length === 1 ? nodeUrl(params.nodes[0]) : "";
    if (url) { window.location.href = url; }
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
