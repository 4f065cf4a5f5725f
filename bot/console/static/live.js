// The volunteers' live overview: a server-sent event says "something changed", and the
// rows are fetched again (rendered and escaped by the server). A new crisis beeps unless
// the volunteer muted it; the choice is remembered in this browser. While the volunteer
// looks elsewhere, the tab's title counts the conversations that newly need attention.
(function () {
  "use strict";
  var table = document.querySelector("table.live");
  if (!table) return;
  var body = document.getElementById("live-rows");
  var status = document.getElementById("live-status");
  var sound = document.getElementById("sound");
  var known = crisisIds();
  var flagged = attentionIds();
  var pending = false;
  var again = false;
  var unread = window.vwUnreadTitle(); // the count in the tab title


  // Each conversation with a flag that asks for a person to look, with its flags.
  function attentionIds() {
    var ids = {};
    body.querySelectorAll("tr[data-attention]").forEach(function (row) {
      var flags = row.getAttribute("data-attention");
      if (flags) ids[row.getAttribute("data-id")] = flags;
    });
    return ids;
  }

  if (sound) {
    sound.checked = window.localStorage.getItem("vw-live-sound") !== "off";
    sound.addEventListener("change", function () {
      window.localStorage.setItem("vw-live-sound", sound.checked ? "on" : "off");
    });
  }

  function crisisIds() {
    var ids = {};
    body.querySelectorAll("tr[data-crisis='True']").forEach(function (row) {
      ids[row.getAttribute("data-id")] = true;
    });
    return ids;
  }

  var audio = null;  // one context for the page: browsers limit how many there may be

  function beep() {
    if (!sound || !sound.checked || !window.AudioContext) return;
    try {
      audio = audio || new window.AudioContext();
      var context = audio;
      var tone = context.createOscillator();
      tone.frequency.value = 880;
      tone.connect(context.destination);
      tone.start();
      tone.stop(context.currentTime + 0.25);
    } catch (e) { /* no sound available: the red row still shows it */ }
  }

  function refresh() {
    if (pending) { again = true; return; }
    pending = true;
    fetch(table.getAttribute("data-rows-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        // Signed out (or no longer allowed): the page itself shows the sign-in form.
        if (response.redirected || response.status === 403) {
          window.location.reload();
          throw new Error("signed out");
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        body.innerHTML = html;
        var now = crisisIds();
        var fresh = Object.keys(now).some(function (id) { return !known[id]; });
        known = now;
        var needing = attentionIds();
        // Newly flagged, or flagged for something more than before.
        var raised = Object.keys(needing).filter(function (id) {
          var before = (flagged[id] || "").split(" ");
          return needing[id].split(" ").some(function (f) { return before.indexOf(f) < 0; });
        });
        flagged = needing;
        unread.add(raised.length);
        if (fresh) beep();
        table.setAttribute("data-updated", String(Date.now()));
      })
      .catch(function () { status.classList.add("warn"); })  // tried again on the next change
      .finally(function () {
        pending = false;
        if (again) { again = false; refresh(); }
      });
  }

  window.vwFollow(table.getAttribute("data-events-url"), refresh, status);
  // A minute-by-minute refresh keeps the waiting times right when nothing happens.
  window.setInterval(refresh, 60000);
})();
