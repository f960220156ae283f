// Live word count of the competition entry form: each textarea with
// data-word-limit updates the counter after it (the server counts again on
// save and refuses an answer over its limit). Progressive enhancement.
(function () {
  'use strict';
  function count(text) {
    var words = text.split(/\s+/);
    var n = 0;
    for (var i = 0; i < words.length; i++) if (words[i]) n++;
    return n;
  }
  var areas = document.querySelectorAll('textarea[data-word-limit]');
  Array.prototype.forEach.call(areas, function (area) {
    var limit = parseInt(area.getAttribute('data-word-limit'), 10);
    var counter = document.getElementById(area.getAttribute('aria-describedby'));
    if (!counter) return;
    var shown = counter.querySelector('[data-words]');
    function update() {
      var n = count(area.value);
      if (shown) shown.textContent = String(n);
      counter.classList.toggle('over', n > limit);
    }
    area.addEventListener('input', update);
    update();
  });
})();
