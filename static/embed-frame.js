/* Inside the framed conversation: tell the host page (and only the page whose origin the
   server checked) how tall the conversation is and how many comments it has, whenever that
   changes; take the host's scheme from that page alone. The thread and the pages it leads to
   in the frame (a comment's report and edit forms) load this script. */
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
  // Only the framed thread's address carries the host's scheme: any page asks for it.
  window.parent.postMessage({ type: "broadsheet:want-theme" }, host);
})();

/* Signing in inside the frame, where the browser may block third-party cookies: "Sign in"
   opens a popup on this site, which hands back a one-time code; or the host page hands over
   its own signed token. Either is traded (POST, with the frame's form token) for a session
   kept in a partitioned cookie, and the frame reloads signed in. Messages are taken only from
   the popup (this site's origin) and from the parent page at the origin the server checked. */
(function () {
  "use strict";
  var root = document.documentElement;
  var link = document.getElementById("frame-signin");
  var status = document.getElementById("frame-signin-status");
  var csrf = root.getAttribute("data-csrf");
  var site = root.getAttribute("data-site");
  var host = root.getAttribute("data-host-origin");
  if (!link || !site) return;
  var popup = null;
  var busy = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  // A signed-out frame is one page for every reader (the server keeps it ready), so it carries
  // no form token: the reader's own comes from the server when it is first needed.
  function token() {
    if (csrf) return Promise.resolve(csrf);
    return fetch("/embed/csrf", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        csrf = d.csrf;
        return csrf;
      });
  }

  function trade(path, field, value) {
    if (busy) return;
    busy = true;
    say("Signing in…");
    token()
      .then(function (t) {
        var body = new URLSearchParams();
        body.set("csrf", t);
        body.set("site", site);
        body.set(field, value);
        return fetch(path, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        });
      })
      .then(function (r) {
        if (r.ok) {
          location.reload();
          return null;
        }
        return r.json().then(function (d) {
          say(d && d.error ? d.error : "Signing in did not work. Try again.");
        });
      })
      .catch(function () {
        say("Signing in did not work. Try again.");
      })
      .then(function () {
        busy = false;
      });
  }

  link.addEventListener("click", function (e) {
    var w = window.open(link.getAttribute("data-popup"), "broadsheet-signin", "popup,width=520,height=680");
    // A blocked popup leaves the link's own way: the thread's full page in a new tab.
    if (!w) return;
    e.preventDefault();
    popup = w;
  });

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || typeof d !== "object") return;
    if (d.type === "broadsheet:signin-code" && e.origin === location.origin && popup && e.source === popup) {
      popup = null;
      if (typeof d.code === "string") trade("/embed/session", "code", d.code);
    } else if (d.type === "broadsheet:token" && host && e.origin === host && e.source === window.parent) {
      if (typeof d.token === "string") trade("/embed/host-signin", "token", d.token);
    }
  });

  // Ask the host page for its token (it answers only if it has one).
  if (host && window.parent !== window) {
    window.parent.postMessage({ type: "broadsheet:want-token" }, host);
  }
})();
