// realpolitik web app: the network time slider (no dependencies, no network).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var slider = document.getElementById("window-slider");
  if (!slider) { return; }
  var label = document.getElementById("window-label");
  var windows = document.querySelectorAll("#network figure.window");
  function show() {
    var index = Number(slider.value);
    windows.forEach(function (figure) {
      var active = Number(figure.dataset.index) === index;
      figure.hidden = !active;
      if (active) { label.textContent = figure.dataset.label; }
    });
  }
  slider.addEventListener("input", show);
  show();
});
