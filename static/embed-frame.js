/* Inside the framed conversation: tell the host page (and only the page whose origin the
   server checked) how tall the conversation is, whenever that changes. */
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
})();
