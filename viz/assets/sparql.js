// The free SPARQL page: a YASQE editor (vendored from npm) with the project's prefixes
// declared for you, worked examples, errors that point at their line, SELECT/ASK answers
// as a linked table and CONSTRUCT/DESCRIBE answers as Turtle. Needs `policykg serve`.
(function () {
  "use strict";
  var spec = JSON.parse(document.getElementById("query-data").textContent);
  var status = document.getElementById("status");
  var holder = document.getElementById("results");
  var picker = document.getElementById("example");
  var about = document.getElementById("example-description");
  var served = window.location.protocol === "http:" || window.location.protocol === "https:";
  // no autocompleter: YASQE's fetch prefixes from a public site or query the endpoint as
  // one types (its options merge lists by position, so the defaults must be emptied)
  Yasqe.defaults.autocompleters = [];
  var yasqe = new Yasqe(document.getElementById("editor"), {
    value: "", persistenceId: null, showQueryButton: false, resizeable: true,
    editorHeight: "22rem", createShareableLink: null,
    requestConfig: { endpoint: spec.endpoint },  // never its default public endpoint
  });
  window.policykgEditor = yasqe;  // for the browser tests and the console
  var marked = null;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", !!isError);
  }
  function unmark() {
    if (marked !== null) { yasqe.removeLineClass(marked, "background", "error-line"); marked = null; }
  }
  // PREFIX lines for the declared prefixes the query uses and does not declare itself
  function prologue(text) {
    var declared = {}, lines = [];
    text.replace(/PREFIX\s+([A-Za-z][\w.-]*)?:/gi, function (all, name) { declared[name || ""] = 1; });
    var body = text.replace(/<[^>\s]*>/g, " ").replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ")
      .replace(/#[^\n]*/g, " ");
    Object.keys(spec.prefixes).sort().forEach(function (name) {
      if (!declared[name] && new RegExp("(^|[^\\w.-])" + name + ":").test(body)) {
        lines.push("PREFIX " + name + ": <" + spec.prefixes[name] + ">");
      }
    });
    return lines;
  }
  function form(text) {
    var body = text.replace(/#[^\n]*/g, " ").replace(/<[^>\s]*>/g, " ")
      .replace(/\b(PREFIX|BASE)\b[^\n]*/gi, " ");
    var found = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(body);
    return found ? found[1].toUpperCase() : "SELECT";
  }
  // Oxigraph says "error at 3:14: …" (line:column of what it was sent)
  function failed(message, added) {
    holder.replaceChildren();  // no stale rows under an error
    var at = /(?:error at|line)\s*(\d+):(\d+)/i.exec(message);
    var line = at ? parseInt(at[1], 10) - added : 0;
    unmark();
    if (line >= 1 && line <= yasqe.lineCount()) {
      marked = line - 1;
      yasqe.addLineClass(marked, "background", "error-line");
      say("错误 error, 第 " + line + " 行 line " + line + ", 第 " + at[2] + " 列 column: " + message, true);
    } else {
      say("错误 error: " + message, true);
    }
  }
  function run(event) {
    if (event) { event.preventDefault(); }
    if (!served) {
      say("打开方式为本地文件：请用 `policykg serve` 运行查询 (opened from disk: run `policykg serve` to query)", true);
      return;
    }
    var text = yasqe.getValue(), extra = prologue(text), kind = form(text);
    var graph = kind === "CONSTRUCT" || kind === "DESCRIBE";
    var body = new URLSearchParams();
    body.set("query", extra.concat([text]).join("\n"));
    unmark();
    holder.replaceChildren();
    say("…");
    fetch(spec.endpoint, {
      method: "POST", body: body,
      headers: { "Accept": graph ? "text/turtle" : "application/sparql-results+json" },
    }).then(function (response) {
      return response.text().then(function (answer) {
        if (!response.ok) { throw new Error(answer.slice(0, 800) || "HTTP " + response.status); }
        return answer;
      });
    }).then(function (answer) {
      if (graph) {
        var pre = document.createElement("pre");
        pre.id = "turtle";
        pre.textContent = answer;
        holder.replaceChildren(pre);
        say((answer.match(/ \.\s*$/gm) || []).length + " 条 Turtle statements");
        return;
      }
      var parsed = JSON.parse(answer);
      if (typeof parsed.boolean === "boolean") {
        var p = document.createElement("p");
        p.id = "ask-answer";
        p.textContent = parsed.boolean ? "是 true" : "否 false";
        holder.replaceChildren(p);
        say("ASK");
        return;
      }
      var found = window.policykgResults.fromSparqlJson(parsed, []);
      window.policykgResults.show(holder, "sparql", found.columns, found.rows, spec.root,
                                  spec.exportUrl);
      say(found.rows.length + " 行 rows");
    }).catch(function (error) { failed(error.message, extra.length); });
  }
  function choose(name) {
    var example = spec.examples.filter(function (e) { return e.name === name; })[0];
    if (!example) { return; }
    picker.value = name;
    about.textContent = example.description;
    yasqe.setValue(example.text);
  }
  picker.addEventListener("change", function () { choose(picker.value); });
  document.getElementById("query-form").addEventListener("submit", run);
  yasqe.addKeyMap({ "Ctrl-Enter": function () { run(); } });
  if (spec.examples.length) { choose(spec.examples[0].name); }
  if (!served) { say("用 `policykg serve` 运行 run with `policykg serve`"); }
})();
