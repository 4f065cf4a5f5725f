// One click puts a suggested answer in the volunteer's reply box, to be edited before
// sending. The text comes from a data attribute and is set as a value, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("reply-text");
  if (!box) return;
  document.querySelectorAll("button.suggestion").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-insert") || "";
      box.value = box.value ? box.value.replace(/\s*$/, "") + "\n\n" + text : text;
      box.focus();
    });
  });
})();
