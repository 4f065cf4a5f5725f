// A conversation in the console.
// - One click puts a suggested answer in the volunteer's reply box, to be edited before
//   sending. The text comes from a data attribute and is set as a value, never as HTML.
// - Ctrl+Enter (Cmd+Enter on a Mac) sends the reply.
// - The transcript follows the conversation: a server-sent event says "something
//   changed", and the new lines are fetched (rendered, escaped and masked by the server).
//   While the volunteer looks elsewhere, the tab's title counts the resident's new
//   messages; a sound and a desktop notification (without the message's text) only when
//   the volunteer turned them on. That choice is remembered in this browser.
(function () {
  "use strict";
  var box = document.getElementById("reply-text");
  if (box) {
    document.querySelectorAll("button.suggestion").forEach(function (button) {
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-insert") || "";
        box.value = box.value ? box.value.replace(/\s*$/, "") + "\n\n" + text : text;
        box.focus();
      });
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        if (box.value.trim() && box.form) box.form.requestSubmit();
      }
    });
  }

  var transcript = document.querySelector("ol.transcript[data-events-url]");
  if (!transcript) return;
  var status = document.getElementById("live-status");
  var changed = document.getElementById("changed");
  var notify = document.getElementById("notify");
  var unread = window.vwUnreadTitle(); // the count in the tab title
  var pending = false;
  var again = false;
  var NOTIFY_KEY = "vw-conversation-notify";

  if (notify) {
    notify.checked = window.localStorage.getItem(NOTIFY_KEY) === "on";
    notify.addEventListener("change", function () {
      window.localStorage.setItem(NOTIFY_KEY, notify.checked ? "on" : "off");
      if (notify.checked && window.Notification && Notification.permission === "default") {
        Notification.requestPermission();
      }
    });
  }


  var audio = null; // one context for the page: browsers limit how many there may be
  function beep() {
    if (!window.AudioContext) return;
    try {
      audio = audio || new window.AudioContext();
      var tone = audio.createOscillator();
      tone.frequency.value = 660;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.2);
    } catch (e) { /* no sound available: the title still counts */ }
  }
  function alertVolunteer() {
    if (!notify || !notify.checked) return;
    beep();
    if (window.Notification && Notification.permission === "granted") {
      try {
        // No message text: a notification can show on a locked screen.
        new Notification(transcript.getAttribute("data-new-text") || "", { tag: "vw-conversation" });
      } catch (e) { /* notifications not available here */ }
    }
  }

  function lastId() {
    var items = transcript.querySelectorAll("li[data-id]");
    return items.length ? items[items.length - 1].getAttribute("data-id") : "0";
  }
  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 200;
  }

  function refresh() {
    if (pending) { again = true; return; }
    pending = true;
    var url = transcript.getAttribute("data-lines-url") + "?after=" + encodeURIComponent(lastId());
    fetch(url, { credentials: "same-origin", cache: "no-store" })
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
        var follow = nearBottom();
        var known = lastId();
        var holder = document.createElement("ol");
        holder.innerHTML = html; // rendered and escaped by the server
        var fresh = Array.prototype.filter.call(holder.children, function (item) {
          return Number(item.getAttribute("data-id")) > Number(known);
        });
        var written = 0;
        fresh.forEach(function (item) {
          transcript.appendChild(item);
          if (item.getAttribute("data-sender") === "resident") written += 1;
          var kind = item.getAttribute("data-kind");
          // The buttons above belong to the old situation: say so, and offer a reload.
          if ((kind === "takeover" || kind === "handback") && changed) changed.hidden = false;
        });
        if (unread.add(written)) alertVolunteer();
        if (fresh.length && follow) fresh[fresh.length - 1].scrollIntoView({ block: "nearest" });
        transcript.setAttribute("data-updated", String(Date.now()));
      })
      .catch(function () { if (status) status.classList.add("warn"); })
      .finally(function () {
        pending = false;
        if (again) { again = false; refresh(); }
      });
  }

  window.vwFollow(transcript.getAttribute("data-events-url"), refresh, status);
})();
