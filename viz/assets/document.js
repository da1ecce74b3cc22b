// Outline every piece of the fact named in the URL fragment (crossing spans are split).
(function () {
  "use strict";
  function mark() {
    var wanted = decodeURIComponent(window.location.hash.slice(1));
    var pieces = document.querySelectorAll("[data-f]");
    for (var i = 0; i < pieces.length; i++) {
      pieces[i].classList.toggle("hit", pieces[i].getAttribute("data-f") === wanted);
    }
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
