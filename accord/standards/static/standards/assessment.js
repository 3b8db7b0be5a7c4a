/* The assessment form's keys: in a requirement, 1-4 choose the status; J and K move to
   the next and previous requirement. Typing in a text field or a list is left alone. */
(function () {
  "use strict";
  function forms() { return Array.prototype.slice.call(document.querySelectorAll("form.answer")); }
  function focusForm(form) {
    if (!form) { return; }
    var target = form.querySelector("input[name=status]:checked") || form.querySelector("input[name=status]");
    if (target && !target.disabled) { target.focus(); form.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (!target || !target.closest || target.matches("textarea, select, input[type=text], input[type=date], input[type=file]")) { return; }
    var form = target.closest("form.answer");
    if (!form) { return; }
    var radio = form.querySelector('input[name=status][data-key="' + event.key + '"]');
    if (radio && !radio.disabled) {
      radio.checked = true;
      radio.focus();
      radio.dispatchEvent(new Event("change", {bubbles: true}));
      event.preventDefault();
      return;
    }
    var key = event.key.toLowerCase();
    if (key === "j" || key === "k") {
      var all = forms();
      var index = all.indexOf(form);
      focusForm(all[index + (key === "j" ? 1 : -1)]);
      event.preventDefault();
    }
  });
})();
