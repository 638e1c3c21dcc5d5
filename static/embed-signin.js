/* The sign-in popup's last page: hand the one-time code to the conversation frame that opened
   this window. The message is addressed to this site's own origin, so only a frame of this
   site can read it; the frame trades the code for its own session. */
(function () {
  "use strict";
  var el = document.getElementById("embed-signin-code");
  if (!el || !window.opener) return;
  window.opener.postMessage(
    { type: "broadsheet:signin-code", code: el.getAttribute("data-code") },
    location.origin
  );
  window.close();
})();
