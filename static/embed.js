/* Broadsheet's conversation on another site: put a frame of the page's thread in each
   [data-broadsheet-conversation] element, size it to what the frame says it needs, keep it in
   the host's scheme, and fill each <a data-broadsheet-count> with its page's count (all in one
   request), kept current as comments are posted in a frame on this page. Messages are taken
   only from Broadsheet's origin and from this script's own frames. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src) return;
  var base = new URL(me.src).origin;
  var frames = []; // { frame, page, id, token }
  var STYLE = { "data-font": "font", "data-text-color": "text", "data-accent-color": "accent", "data-background": "background" };

  function canonical() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href;
  }

  // A page's address as the server keys its thread: no query, no fragment.
  function key(href) {
    try { var u = new URL(href, location.href); return u.origin + u.pathname; } catch (e) { return ""; }
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
    var page = el.getAttribute("data-page") || canonical();
    q.set("page", page);
    var title = el.getAttribute("data-title") || document.title;
    if (title) q.set("title", title);
    var id = el.getAttribute("data-id");
    if (id) q.set("id", id);
    var t = el.getAttribute("data-theme") || theme();
    if (t) q.set("theme", t);
    for (var attr in STYLE) {
      var v = el.getAttribute(attr);
      if (v) q.set(STYLE[attr], v);
    }
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
    frames.push({
      frame: frame,
      page: key(page),
      id: id || "",
      themed: !el.getAttribute("data-theme"),
      fixed: el.getAttribute("data-theme") || "",
      // The host's own sign-in token (data-token), handed to the frame by message when it
      // asks: never in its address, so no log or Referer carries it.
      token: el.getAttribute("data-token") || "",
    });
  }

  function setCount(a, n) {
    a.textContent = n + (n === 1 ? " comment" : " comments");
  }

  window.addEventListener("message", function (e) {
    if (e.origin !== base) return;
    var d = e.data;
    if (!d || typeof d.type !== "string") return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.frame.contentWindow !== e.source) continue;
      if (d.type === "broadsheet:height" && typeof d.height === "number") {
        f.frame.style.height = Math.max(0, Math.ceil(d.height)) + "px";
      } else if (d.type === "broadsheet:count" && typeof d.count === "number") {
        var links = document.querySelectorAll("a[data-broadsheet-count]");
        for (var j = 0; j < links.length; j++) {
          var lid = links[j].getAttribute("data-id") || "";
          if (f.id ? lid === f.id : !lid && key(links[j].href) === f.page) setCount(links[j], d.count);
        }
      } else if (d.type === "broadsheet:want-theme") {
        // A page the frame moved on to (a comment's report or edit form) asks for the scheme.
        e.source.postMessage({ type: "broadsheet:theme", theme: f.themed ? theme() || "auto" : f.fixed }, base);
      } else if (d.type === "broadsheet:want-token" && f.token) {
        e.source.postMessage({ type: "broadsheet:token", token: f.token }, base);
      }
    }
  });

  // A host that switches its scheme (a data-theme toggle) tells its frames.
  if (window.MutationObserver) {
    new MutationObserver(function () {
      for (var i = 0; i < frames.length; i++) {
        var w = frames[i].frame.contentWindow;
        if (frames[i].themed && w) w.postMessage({ type: "broadsheet:theme", theme: theme() || "auto" }, base);
      }
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  var all = document.querySelectorAll("[data-broadsheet-conversation]");
  for (var i = 0; i < all.length; i++) mount(all[i]);

  /* Listing pages: each <a data-broadsheet-count href="PAGE"> (or with data-id) gets
     "N comments". */
  var links = document.querySelectorAll("a[data-broadsheet-count]");
  if (!links.length) return;
  var q = new URLSearchParams();
  var site = links[0].getAttribute("data-site");
  if (site) q.set("site", site);
  var asked = [];
  for (var k = 0; k < links.length && asked.length < 100; k++) {
    var lid = links[k].getAttribute("data-id");
    var name = lid ? "id" : "page";
    var value = lid || links[k].href.split("#")[0];
    if (asked.indexOf(name + " " + value) < 0) { asked.push(name + " " + value); q.append(name, value); }
  }
  fetch(base + "/embed/counts?" + q.toString(), { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data || !data.counts) return;
      for (var j = 0; j < links.length; j++) {
        var lid = links[j].getAttribute("data-id");
        var n = lid ? (data.ids || {})[lid] : data.counts[links[j].href.split("#")[0]];
        if (typeof n === "number") setCount(links[j], n);
      }
    })
    .catch(function () {});
})();
