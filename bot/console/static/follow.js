// Following a page's changes without using up the browser's connections: a browser opens
// at most six connections to one site over HTTP/1.1, and every server-sent event stream
// holds one for as long as the page is open, so a volunteer with six conversation tabs
// could load no page at all. Only a tab that is shown keeps a stream; a hidden tab closes
// it and asks for changes every POLL_MS instead (a short request, done at once), so its
// title still counts what arrives. Shown again, it reopens the stream and catches up.
// Shared by the live overview and the conversation page.
"use strict";
window.vwFollow = function (url, refresh, status) {
  var POLL_MS = 20000;
  var events = null;
  var poll = 0;

  function warn(on) {
    if (status) status.classList.toggle("warn", on);
  }
  function stream() {
    if (events) return;
    events = new EventSource(url);
    events.addEventListener("changed", refresh);
    events.onopen = function () {
      warn(false);
      refresh(); // what came while the stream was away
    };
    events.onerror = function () { warn(true); };
  }
  function follow() {
    if (document.hidden) {
      if (events) { events.close(); events = null; }
      if (!poll) poll = window.setInterval(refresh, POLL_MS);
    } else {
      if (poll) { window.clearInterval(poll); poll = 0; }
      stream();
    }
  }
  document.addEventListener("visibilitychange", follow);
  follow();
  return {
    streaming: function () { return events !== null; },
  };
};
