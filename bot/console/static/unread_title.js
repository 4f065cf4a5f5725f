// The count of what arrived while the volunteer looked away, in the tab's title:
// "(3) Gesprek · VraagWijzer". Reset when the page is looked at again. Shared by the
// live overview and the conversation page.
"use strict";
window.vwUnreadTitle = function () {
  var title = document.title;
  var unread = 0;
  var away = document.hidden;

  function show() {
    document.title = unread ? "(" + unread + ") " + title : title;
  }
  function back() {
    away = false;
    unread = 0;
    show();
  }
  window.addEventListener("blur", function () { away = true; });
  window.addEventListener("focus", back);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) away = true;
    else back();
  });
  return {
    // Count n new things if nobody is looking; true when they were counted.
    add: function (n) {
      if (!n || !(away || document.hidden)) return false;
      unread += n;
      show();
      return true;
    },
  };
};
