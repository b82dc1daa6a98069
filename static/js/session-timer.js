// Warn before the idle timeout ends the session, and let the user answer.
// Progressive enhancement: without it the session still ends on the server.
(function () {
  "use strict";
  var box = document.getElementById("session-timer");
  if (!box) { return; }
  var stay = document.getElementById("session-timer-stay");
  var warnBefore = parseInt(box.getAttribute("data-warn-before"), 10) * 1000;
  var warnTimer = null;
  var endTimer = null;

  function schedule(secondsLeft) {
    var left = secondsLeft * 1000;
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(function () {
      box.hidden = false;
      stay.focus();
    }, Math.max(0, left - warnBefore));
    endTimer = setTimeout(function () {
      window.location.assign(box.getAttribute("data-ended-url"));
    }, left + 1000);
  }

  stay.addEventListener("click", function () {
    var request = new XMLHttpRequest();
    request.open("POST", box.getAttribute("data-keepalive-url"));
    request.setRequestHeader("X-CSRFToken", box.getAttribute("data-csrf-token"));
    request.onload = function () {
      if (request.status === 204) {
        schedule(parseInt(request.getResponseHeader("X-Session-Seconds-Left"), 10));
      } else {
        window.location.assign(box.getAttribute("data-ended-url"));
      }
    };
    request.send();
  });

  schedule(parseInt(box.getAttribute("data-seconds-left"), 10));
})();
