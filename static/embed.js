/* Broadsheet's conversation on another site: put a frame of the page's thread in each
   [data-broadsheet-conversation] element, and size it to what the frame says it needs. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src) return;
  var base = new URL(me.src).origin;
  var frames = [];
  var tokens = [];

  function canonical() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href;
  }

  function theme() {
    var t = document.documentElement.getAttribute("data-theme");
    return t === "dark" || t === "light" ? t : "";
  }

  function mount(el) {
    if (el.getAttribute("data-broadsheet-mounted")) return;
    el.setAttribute("data-broadsheet-mounted", "");
    var q = new URLSearchParams();
    var site = el.getAttribute("data-site");
    if (site) q.set("site", site);
    q.set("page", el.getAttribute("data-page") || canonical());
    var title = el.getAttribute("data-title") || document.title;
    if (title) q.set("title", title);
    var id = el.getAttribute("data-id");
    if (id) q.set("id", id);
    var t = el.getAttribute("data-theme") || theme();
    if (t) q.set("theme", t);
    var frame = document.createElement("iframe");
    frame.src = base + "/embed/thread?" + q.toString();
    frame.title = el.getAttribute("data-frame-title") || "Comments";
    frame.setAttribute("loading", "lazy");
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.height = "20rem";
    // The no-JavaScript link the host may have put inside gives way to the frame.
    while (el.firstChild) el.removeChild(el.firstChild);
    el.appendChild(frame);
    frames.push(frame);
    // The host's own sign-in token (data-token), handed to the frame by message when it asks:
    // never in its address, so no log or Referer carries it.
    tokens.push(el.getAttribute("data-token") || "");
  }

  window.addEventListener("message", function (e) {
    if (e.origin !== base) return;
    var d = e.data;
    if (!d) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== e.source) continue;
      if (d.type === "broadsheet:height" && typeof d.height === "number") {
        frames[i].style.height = Math.max(0, Math.ceil(d.height)) + "px";
      } else if (d.type === "broadsheet:want-token" && tokens[i]) {
        e.source.postMessage({ type: "broadsheet:token", token: tokens[i] }, base);
      }
    }
  });

  var all = document.querySelectorAll("[data-broadsheet-conversation]");
  for (var i = 0; i < all.length; i++) mount(all[i]);
})();

/* Listing pages: each <a data-broadsheet-count href="PAGE"> gets "N comments", all counts in
   one request. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src) return;
  var base = new URL(me.src).origin;
  var links = document.querySelectorAll("a[data-broadsheet-count]");
  if (!links.length) return;
  var q = new URLSearchParams();
  var site = links[0].getAttribute("data-site");
  if (site) q.set("site", site);
  var pages = [];
  for (var i = 0; i < links.length && pages.length < 100; i++) {
    var page = links[i].href.split("#")[0];
    if (pages.indexOf(page) < 0) { pages.push(page); q.append("page", page); }
  }
  fetch(base + "/embed/counts?" + q.toString(), { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.counts) return;
      for (var j = 0; j < links.length; j++) {
        var n = data.counts[links[j].href.split("#")[0]];
        if (typeof n === "number") links[j].textContent = n + (n === 1 ? " comment" : " comments");
      }
    })
    .catch(function () {});
})();
