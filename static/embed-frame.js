/* Inside the framed conversation: tell the host page (and only the page whose origin the
   server checked) how tall the conversation is and how many comments it has, whenever that
   changes; take the host's scheme from that page alone. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var root = document.documentElement;
  var host = root.getAttribute("data-host-origin");
  if (!host) return;
  var last = -1;
  function tell() {
    var h = Math.ceil(root.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: "broadsheet:height", height: h }, host);
  }
  if (window.ResizeObserver) new ResizeObserver(tell).observe(root);
  window.addEventListener("load", tell);
  tell();

  // The heading says "Comments (N)"; the site's script changes it as comments arrive.
  var heading = document.getElementById("comments-heading");
  var count = -1;
  function tellCount() {
    var m = /\((\d+)\)/.exec(heading.textContent);
    var n = m ? Number(m[1]) : -1;
    if (n < 0 || n === count) return;
    count = n;
    window.parent.postMessage({ type: "broadsheet:count", count: n }, host);
  }
  if (heading && window.MutationObserver) {
    new MutationObserver(tellCount).observe(heading, { childList: true, characterData: true, subtree: true });
    tellCount();
  }

  window.addEventListener("message", function (e) {
    if (e.origin !== host || e.source !== window.parent) return;
    var d = e.data;
    if (d && d.type === "broadsheet:theme" && /^(light|dark|auto)$/.test(d.theme)) {
      root.setAttribute("data-theme", d.theme);
    }
  });
})();
