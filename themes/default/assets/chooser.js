/* The language chooser lists the reader's own browser languages first, and
 * shows the book's title in the first of them that it has. */
(function () {
  'use strict';
  var list = document.querySelector('.locales');
  if (!list) return;
  var wanted = (navigator.languages || [navigator.language || '']).map(function (l) {
    return String(l).toLowerCase();
  });
  var items = Array.prototype.slice.call(list.children);
  function rank(li) {
    var a = li.querySelector('a[lang]');
    var tag = a ? a.getAttribute('lang').toLowerCase() : '';
    for (var i = 0; i < wanted.length; i++) {
      if (wanted[i] === tag) return i * 2;
      if (wanted[i].split('-')[0] === tag.split('-')[0]) return i * 2 + 1;
    }
    return 1000;
  }
  var ranked = items.map(function (li, i) { return { li: li, r: rank(li), i: i }; })
    .sort(function (a, b) { return a.r - b.r || a.i - b.i; });
  ranked.forEach(function (x) { list.appendChild(x.li); });
  var h1 = document.getElementById('chooser-title'), first = ranked[0];
  var title = first && first.r < 1000 && first.li.getAttribute('data-title');
  var a = first && first.li.querySelector('a[lang]');
  if (h1 && title && a) {
    h1.textContent = title;
    h1.setAttribute('lang', a.getAttribute('lang'));
    h1.setAttribute('dir', a.getAttribute('dir') || 'ltr');
  }
})();
