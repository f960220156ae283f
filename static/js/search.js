// Suggestions while typing in the header search box (#q), and the search
// page's filter block opened on wide screens. Progressive enhancement: every
// page works without this file; the box is a plain GET form to /cari.
//
// The suggestion list follows the ARIA combobox pattern: the input is a
// combobox controlling a listbox; arrow keys move the active option
// (aria-activedescendant), Enter opens it, Escape closes the list. Suggestions
// come from /api/v1/suggest?q=… ({"suggestions": [{id, name, region_name, url}]});
// a response older than the newest request is ignored.
(function () {
  'use strict';

  var MIN_CHARS = 2;
  var DEBOUNCE_MS = 150;
  var MAX_SHOWN = 8;

  // The filter block of /cari is folded on phones; wide screens show it open.
  var facets = document.querySelector('details.facets');
  if (facets && window.matchMedia && window.matchMedia('(min-width: 48rem)').matches) facets.open = true;

  var input = document.getElementById('q');
  if (!input || !input.form || !window.fetch || !window.JSON) return;

  // A wrapper the list is positioned in, exactly under the input.
  var hadFocus = document.activeElement === input;
  var combo = document.createElement('div');
  combo.className = 'search-combo';
  input.parentNode.insertBefore(combo, input);
  combo.appendChild(input);
  if (hadFocus) input.focus();  // moving the input took the focus away

  var list = document.createElement('ul');
  list.id = 'q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  var label = document.querySelector('label[for="q"]');
  if (label) {
    if (!label.id) label.id = 'q-label';
    list.setAttribute('aria-labelledby', label.id);
  }
  list.hidden = true;
  combo.appendChild(list);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  var items = [];      // the suggestions shown: {url, element}
  var active = -1;     // index of the active option, -1 = none
  var timer = 0;
  var sequence = 0;    // number of the newest request; older answers are dropped
  var controller = null;

  function isLocalPath(url) {
    return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' && url.charAt(1) !== '\\';
  }

  function setActive(index) {
    if (active >= 0 && items[active]) items[active].element.setAttribute('aria-selected', 'false');
    active = index;
    if (active >= 0 && items[active]) {
      var el = items[active].element;
      el.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', el.id);
      if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function open() {
    if (!items.length) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function go(index) {
    var item = items[index];
    if (!item) return;
    close();
    window.location.assign(item.url);
  }

  function render(suggestions) {
    while (list.firstChild) list.removeChild(list.firstChild);
    items = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
    suggestions.slice(0, MAX_SHOWN).forEach(function (s) {
      if (!s || typeof s.name !== 'string' || !isLocalPath(s.url)) return;
      var li = document.createElement('li');
      li.id = 'q-option-' + items.length;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var name = document.createElement('span');
      name.className = 'suggestion-name';
      name.textContent = s.name;
      li.appendChild(name);
      if (typeof s.region_name === 'string' && s.region_name) {
        var region = document.createElement('span');
        region.className = 'suggestion-region';
        region.textContent = s.region_name;
        li.appendChild(region);
      }
      var index = items.length;
      li.addEventListener('click', function () { go(index); });
      items.push({ url: s.url, element: li });
      list.appendChild(li);
    });
    if (items.length && document.activeElement === input) open();
    else close();
  }

  function fetchSuggestions(text) {
    var mine = ++sequence;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    window.fetch('/api/v1/suggest?q=' + encodeURIComponent(text), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined,
    })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (body) {
        if (mine !== sequence) return;  // a newer request is on its way or answered
        render(body && Array.isArray(body.suggestions) ? body.suggestions : []);
      })
      .catch(function () {
        if (mine === sequence) render([]);
      });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < MIN_CHARS) {
      ++sequence;  // answers still on their way are for older text
      if (controller) controller.abort();
      render([]);
      return;
    }
    timer = window.setTimeout(function () { fetchSuggestions(text); }, DEBOUNCE_MS);
  });

  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'Down') {
      if (!items.length) return;
      e.preventDefault();
      if (list.hidden) open();
      setActive(active + 1 >= items.length ? 0 : active + 1);
    } else if (e.key === 'ArrowUp' || e.key === 'Up') {
      if (!items.length) return;
      e.preventDefault();
      if (list.hidden) open();
      setActive(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        go(active);
      } else {
        close();  // the form submits the words as typed
      }
    } else if (e.key === 'Escape' || e.key === 'Esc') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    }
  });

  // Clicking an option must not take the focus away before the click lands.
  list.addEventListener('mousedown', function (e) { e.preventDefault(); });
  input.addEventListener('blur', close);
  input.addEventListener('focus', function () { if (input.value.trim().length >= MIN_CHARS) open(); });
  // Coming back to the page (back button) shows it without an open list.
  window.addEventListener('pageshow', close);
  input.form.addEventListener('submit', function () {
    window.clearTimeout(timer);
    ++sequence;
    close();
  });
})();
