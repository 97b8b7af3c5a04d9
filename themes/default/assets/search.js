/*
 * Offline search for the handbook. Plain script (no modules, no fetch, no
 * eval) so that it works from file:// on old phones. The index is another
 * script, search-index.js, loaded only when a search is made. Results are
 * built from DOM text nodes: index data is never inserted as HTML.
 *
 * normalizeText and tokenize mirror generator/search.c step by step; the
 * test vectors written by "handbook tokens" keep them in agreement.
 */
(function () {
  'use strict';

  /* --- tokenizer (mirrors search.c) --- */

  function codePoints(s) {
    var out = [], i, c, d;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
          i++;
          continue;
        }
      }
      out.push(c);
    }
    return out;
  }

  function fromCodePoint(c) {
    if (c < 0x10000) return String.fromCharCode(c);
    c -= 0x10000;
    return String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
  }

  function isAlphabetBase(c) {
    return (c >= 0x41 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff) ||
      (c >= 0x370 && c <= 0x3ff) || (c >= 0x1f00 && c <= 0x1fff) ||
      (c >= 0x400 && c <= 0x4ff);
  }

  function isCjk(c) {
    return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x2ffff);
  }

  function isCyrillic(c) {
    return c >= 0x400 && c <= 0x52f;
  }

  function normalizeText(s) {
    var cps, out = '', base = 0, i, c;
    if (s.normalize) s = s.normalize('NFKC');
    s = s.toLowerCase();
    if (s.normalize) s = s.normalize('NFD');
    cps = codePoints(s);
    for (i = 0; i < cps.length; i++) {
      c = cps[i];
      if (c >= 0x300 && c <= 0x36f && isAlphabetBase(base)) continue;
      /* Arabic diacritics, tatweel, ZWNJ; one form of alef, yeh, kaf. */
      if ((c >= 0x64b && c <= 0x65f) || c === 0x670 || c === 0x640 ||
        c === 0x200c) continue;
      /* NFKC splits Thai and Lao SARA AM in two: one character again. */
      if ((c === 0xe4d || c === 0xecd) && cps[i + 1] === c - 0x1b) {
        c = c - 0x1a;
        i++;
        base = c;
        out += fromCodePoint(c);
        continue;
      }
      /* An apostrophe between Cyrillic letters is dropped (Ukrainian writes
       * it three ways: пам’ять, памʼять, пам'ять); French d’ancrage still
       * splits. */
      if ((c === 0x27 || c === 0x2019 || c === 0x2bc) && isCyrillic(base) &&
        i + 1 < cps.length && isCyrillic(cps[i + 1])) continue;
      if (c === 0x622 || c === 0x623 || c === 0x625 || c === 0x671) c = 0x627;
      else if (c === 0x649 || c === 0x64a) c = 0x6cc;
      else if (c === 0x643) c = 0x6a9;
      if (!(c >= 0x300 && c <= 0x36f)) base = c;
      out += fromCodePoint(c);
    }
    return out.normalize ? out.normalize('NFC') : out;
  }

  /* Runs of letters, marks and digits; ranges where \p{} is unknown.
   * A new expression each time: a global one keeps its position. */
  var unicodeClasses = true;
  try {
    new RegExp('\\p{L}', 'u');
  } catch (e) {
    unicodeClasses = false;
  }
  function wordRuns() {
    return unicodeClasses ? new RegExp('[\\p{L}\\p{M}\\p{N}]+', 'gu')
      : /[^\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\u060c\u061b\u061f\u066a-\u066d\u06d4\u0964\u0965]+/g;
  }

  /* Calls add(token, start, end) with offsets into the normalized text. */
  /* Scripts written without spaces between words: Thai, Lao, Myanmar,
   * Khmer. The generator splits them with ICU's dictionaries; here a run
   * is split against the index's own words (no Intl.Segmenter needed):
   * the fewest pieces, unknown letters counting ten times as much. */
  function isUnspaced(c) {
    return (c >= 0xe00 && c <= 0xeff) || (c >= 0x1000 && c <= 0x109f) ||
      (c >= 0x1780 && c <= 0x17ff);
  }

  function splitByVocabulary(cps, vocab) {
    var n = cps.length, cost = [0], from = [0], i, j, w, piece, out = [];
    for (i = 1; i <= n; i++) { cost[i] = Infinity; from[i] = i - 1; }
    for (i = 0; i < n; i++) {
      if (cost[i] === Infinity) continue;
      if (cost[i] + 10 < cost[i + 1]) { cost[i + 1] = cost[i] + 10; from[i + 1] = -(i + 1); }
      piece = '';
      for (j = i; j < n && j < i + 24; j++) {
        piece += fromCodePoint(cps[j]);
        if (j > i && hasOwn(vocab, piece) && cost[i] + 1 < cost[j + 1]) {
          cost[j + 1] = cost[i] + 1;
          from[j + 1] = i;
        }
      }
    }
    /* Walk back; neighbouring unknown letters stay together. */
    for (i = n; i > 0; i = w) {
      w = from[i] < 0 ? -from[i] - 1 : from[i];
      if (from[i] < 0 && out.length && out[0].unknown && out[0].start === i) {
        out[0].start = w;
      } else {
        out.unshift({ start: w, end: i, unknown: from[i] < 0 });
      }
    }
    return out;
  }

  function hasOwn(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  function eachToken(norm, add, vocab) {
    var m, cps, i, j, piece, cjk = [], cjkEnd = -1, cjkStart = 0, pos;

    function flushCjk() {
      var k;
      if (!cjk.length) return;
      if (cjk.length === 1) add(fromCodePoint(cjk[0].c), cjk[0].at, cjkEnd);
      for (k = 1; k < cjk.length; k++) {
        add(fromCodePoint(cjk[k - 1].c) + fromCodePoint(cjk[k].c), cjk[k - 1].at,
          k + 1 < cjk.length ? cjk[k + 1].at : cjkEnd);
      }
      cjk = [];
    }

    var wordRun = wordRuns();
    while ((m = wordRun.exec(norm)) !== null) {
      cps = codePoints(m[0]);
      pos = m.index;
      for (i = 0; i < cps.length;) {
        var kind = isCjk(cps[i]), startPos = pos;
        piece = [];
        for (j = i; j < cps.length && isCjk(cps[j]) === kind; j++) {
          piece.push({ c: cps[j], at: pos });
          pos += cps[j] >= 0x10000 ? 2 : 1;
        }
        i = j;
        if (kind) {
          if (cjk.length && cjkEnd !== startPos) flushCjk();
          if (!cjk.length) cjkStart = startPos;
          cjk = cjk.concat(piece);
          cjkEnd = pos;
          continue;
        }
        flushCjk();
        if (vocab && piece.length >= 2 && isUnspaced(piece[0].c)) {
          var parts = splitByVocabulary(piece.map(function (p) { return p.c; }), vocab);
          for (var q = 0; q < parts.length; q++) {
            var word = '';
            for (var r = parts[q].start; r < parts[q].end; r++) word += fromCodePoint(piece[r].c);
            if (parts[q].end - parts[q].start >= 2) {
              add(word, piece[parts[q].start].at, parts[q].end < piece.length ? piece[parts[q].end].at : pos);
            }
          }
          continue;
        }
        if (piece.length >= 2 && piece.length <= 120) {
          var text = '';
          for (var k = 0; k < piece.length; k++) text += fromCodePoint(piece[k].c);
          add(text, startPos, pos);
        }
      }
    }
    flushCjk();
    return cjkStart;
  }

  /* vocab: the index's terms (by default the loaded index's), for the
   * scripts without spaces. */
  function tokenize(text, vocab) {
    var out = [];
    if (vocab === undefined) vocab = window.hbSearchIndex && window.hbSearchIndex.terms;
    eachToken(normalizeText(text), function (t) { out.push(t); }, vocab || null);
    return out;
  }

  /* --- ranking ---
   * Sections are ordered, most important first, by: how many of the query's
   * words they match; a title that is the query itself (a glossary entry,
   * a chapter); how many words match whole rather than as the start of a
   * longer word; how many whole words are in the title; a chapter whose
   * title has them before a section whose title has them; then BM25. So
   * "trauma" puts the entry "Trauma" and "What attachment trauma is" above
   * every "post-traumatic" and every passing mention. */

  function search(index, query) {
    var tokens = tokenize(query), trailing = /\s$/.test(query);
    var sections = index.sections, terms = index.terms, n = sections.length;
    var avg = 0, i, j, t, q, seen = {}, hits = {}, list, keys = null, whole;
    if (!tokens.length) return [];
    for (i = 0; i < n; i++) avg += sections[i][5];
    avg = avg / Math.max(n, 1);

    function addPostings(term, which, weight, exact) {
      var p = terms[term], s = 0, k, tf, title, df, idf, sc, h, len;
      if (!p) return;
      df = p.length / 2;
      idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (k = 0; k < p.length; k += 2) {
        s += p[k];
        tf = p[k + 1] >> 1;
        title = p[k + 1] & 1;
        len = sections[s][5] || 1;
        sc = idf * (tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * len / avg));
        if (title) sc += idf * 3;
        sc *= weight;
        h = hits[s] || (hits[s] = { section: s, score: 0, matched: {}, count: 0, title: 0,
          exact: {}, exactCount: 0, exactTitle: {}, exactTitleCount: 0, titleIs: 0 });
        if (!h.matched[which]) { h.matched[which] = sc; h.count++; h.score += sc; }
        else if (sc > h.matched[which]) { h.score += sc - h.matched[which]; h.matched[which] = sc; }
        if (title) h.title = 1;
        if (exact && !h.exact[which]) { h.exact[which] = 1; h.exactCount++; }
        if (exact && title && !h.exactTitle[which]) { h.exactTitle[which] = 1; h.exactTitleCount++; }
      }
    }

    q = [];
    for (i = 0; i < tokens.length; i++) if (!seen[tokens[i]]) { seen[tokens[i]] = 1; q.push(tokens[i]); }
    for (i = 0; i < q.length; i++) {
      addPostings(q[i], i, 1, true);
      /* The word being typed also matches longer words that start with it. */
      if (i === q.length - 1 && !trailing) {
        if (!keys) keys = Object.keys(terms);
        for (j = 0; j < keys.length; j++) {
          t = keys[j];
          if (t.length > q[i].length && t.lastIndexOf(q[i], 0) === 0) addPostings(t, i, 0.7, false);
        }
      }
    }
    list = [];
    whole = tokens.join(' ');
    for (i in hits) {
      if (!Object.prototype.hasOwnProperty.call(hits, i)) continue;
      /* A title made of the query's words alone, in order (the part in
       * brackets aside: "Post-traumatic stress disorder (PTSD)"). */
      if (hits[i].exactTitleCount === q.length) {
        t = sections[hits[i].section][2];
        /* A chapter (its opening section) named by the query's words. */
        hits[i].page = sections[hits[i].section][1] ? 0 : 1;
        if (tokenize(t).join(' ') === whole ||
            tokenize(t.replace(/\s*[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$/, '')).join(' ') === whole) hits[i].titleIs = 1;
      }
      if (!hits[i].page) hits[i].page = 0;
      list.push(hits[i]);
    }
    list.sort(function (a, b) {
      return (b.count - a.count) || (b.titleIs - a.titleIs) || (b.exactCount - a.exactCount) ||
        (b.exactTitleCount - a.exactTitleCount) || (b.page - a.page) || (b.title - a.title) ||
        (b.score - a.score) || (a.section - b.section);
    });
    return { tokens: q, prefix: trailing ? null : q[q.length - 1], results: list };
  }

  /* --- snippets: the section's text around the first match ---
   * The text is cut into pieces, each marked or not. A word of an
   * alphabet is marked whole when it is a query word or starts with the
   * word being typed; in Chinese and Japanese, where a run of letters is a
   * whole clause, only the characters of the matching pairs are marked.
   * The window is a few lines: SNIPPET characters (half for CJK text). */

  var SNIPPET = 180;

  /* Stops a window's length after the first match (whole: never). */
  function pieces(text, query, whole) {
    var want = {}, out = [], i, m, wordRun = wordRuns(), pos = 0, firstAt = -1;
    for (i = 0; i < query.tokens.length; i++) want[query.tokens[i]] = 1;
    function matches(t) {
      return want[t] || (query.prefix && t.lastIndexOf(query.prefix, 0) === 0);
    }
    while ((m = wordRun.exec(text)) !== null) {
      if (!whole && firstAt >= 0 && m.index > firstAt + SNIPPET) break;
      var run = m[0], norm = normalizeText(run), at = m.index, cjkRun = false, hit = false;
      var marked = [];
      if (m.index > pos) out.push({ s: pos, e: m.index, mark: false, cjk: false });
      eachToken(norm, function (t, from, to) {
        var c = codePoints(t);
        if (c.length && isCjk(c[0])) {
          cjkRun = true;
          if (matches(t)) {
            /* The word being typed, one character: mark that one. */
            if (!want[t] && query.prefix && query.prefix.length < t.length) to = from + query.prefix.length;
            marked.push([from, to]);
          }
        } else if (matches(t)) hit = true;
      }, window.hbSearchIndex && window.hbSearchIndex.terms);
      if (cjkRun && norm.length === run.length) {
        /* Offsets into the normalized run are offsets into the run. */
        var k, c0 = 0;
        marked.sort(function (x, y) { return x[0] - y[0]; });
        for (k = 0; k < marked.length; k++) {
          var f = Math.max(marked[k][0], c0), e = marked[k][1];
          if (e <= f) continue;
          if (f > c0) out.push({ s: at + c0, e: at + f, mark: false, cjk: true });
          out.push({ s: at + f, e: at + e, mark: true, cjk: true });
          c0 = e;
        }
        if (c0 < run.length) out.push({ s: at + c0, e: at + run.length, mark: false, cjk: true });
      } else {
        out.push({ s: at, e: at + run.length, mark: hit || marked.length > 0, cjk: cjkRun });
      }
      pos = at + run.length;
      if (firstAt < 0 && (hit || marked.length)) firstAt = at;
    }
    if (pos < text.length) out.push({ s: pos, e: text.length, mark: false, cjk: false });
    return out;
  }

  function snippet(text, query, whole) {
    var ps = pieces(text, query, whole), i, first = -1, from, to, budget, start, end, parts = [];
    if (!ps.length) return [];
    for (i = 0; i < ps.length; i++) if (ps[i].mark) { first = i; break; }
    if (whole) from = 0, to = ps.length;
    else {
      if (first < 0) first = 0;
      budget = ps[first].cjk ? SNIPPET / 2 : SNIPPET;
      /* About a fifth of the window before the match, the rest after. */
      from = first;
      while (from > 0 && ps[first].s - ps[from - 1].s <= budget / 5) from--;
      to = first + 1;
      while (to < ps.length && ps[to].e - ps[from].s <= budget) to++;
      /* Start and end on a word, not on spaces or punctuation. */
      while (from < first && !/[^\s.,;:!?\u3000-\u303f\uff0c\uff1b\uff1a]/.test(text.slice(ps[from].s, ps[from].e))) from++;
    }
    start = ps[from].s;
    end = ps[to - 1].e;
    if (start > 0) parts.push(['…', false]);
    for (i = from; i < to; i++) parts.push([text.slice(ps[i].s, ps[i].e), ps[i].mark]);
    if (end < text.length) parts.push(['…', false]);
    return parts;
  }

  /* --- the page --- */

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function pluralIndex(table, n) {
    if (n >= 200) n = 100 + n % 100;
    return table[n] || 0;
  }

  /* Text nodes and <mark> elements: index data never becomes markup. */
  function appendParts(el, parts) {
    var k, node;
    for (k = 0; k < parts.length; k++) {
      if (parts[k][1]) {
        node = document.createElement('mark');
        node.appendChild(document.createTextNode(parts[k][0]));
      } else node = document.createTextNode(parts[k][0]);
      el.appendChild(node);
    }
  }

  /* A count in the page language's own digits (CLDR, through the
   * browser), as the generator writes percentages with ICU. */
  function localNumber(n) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined).format(n);
    } catch (e) {
      return String(n);
    }
  }

  function render(box, status, index, query, raw) {
    var r = search(index, raw), list, i, li, a, h, p, s, parts, count, table, form;
    while (box.firstChild) box.removeChild(box.firstChild);
    count = r.results ? r.results.length : 0;
    if (!count) {
      status.textContent = fill(status.getAttribute('data-no-results'), { query: query });
      return;
    }
    table = status.getAttribute('data-plural').split(',');
    form = status.getAttribute('data-results-' + pluralIndex(table, count)) ||
      status.getAttribute('data-results-1');
    status.textContent = fill(form, { n: localNumber(count), query: query });
    list = document.createElement('ol');
    list.className = 'results';
    box.appendChild(list);
    /* The first screen of results at once, the rest (up to 50) a moment
     * later, so that a slow phone shows the best ones sooner. */
    function more(from, to) {
      for (i = from; i < to; i++) item(i);
      if (to < Math.min(count, 50)) setTimeout(function () { more(to, Math.min(count, 50)); }, 0);
    }
    more(0, Math.min(count, 8));
    function item(i) {
      s = index.sections[r.results[i].section];
      li = document.createElement('li');
      h = document.createElement('h2');
      a = document.createElement('a');
      a.href = s[0] + '.html' + (s[1] ? '#' + s[1] : '');
      appendParts(a, snippet(s[2], r, true));
      h.appendChild(a);
      li.appendChild(h);
      if (s[3] !== s[2]) {
        p = document.createElement('p');
        p.className = 'result-chapter';
        p.appendChild(document.createTextNode(s[3]));
        li.appendChild(p);
      }
      parts = snippet(s[4], r);
      if (parts.length) {
        p = document.createElement('p');
        p.className = 'snippet';
        appendParts(p, parts);
        li.appendChild(p);
      }
      list.appendChild(li);
    }
  }

  function queryFromLocation() {
    var m = /[?&]q=([^&#]*)/.exec(window.location.search || '');
    if (!m) return '';
    try {
      return decodeURIComponent(m[1].replace(/\+/g, ' '));
    } catch (e) {
      return '';
    }
  }

  function start() {
    var box = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    var input = document.getElementById('search-input');
    var raw = queryFromLocation();
    if (!box || !status) return;
    if (input) input.value = raw;
    raw = raw.slice(0, 200);
    if (!/\S/.test(raw)) return;
    status.textContent = status.getAttribute('data-searching');
    function run() {
      if (window.hbSearchIndex) render(box, status, window.hbSearchIndex, raw.trim(), raw);
    }
    if (window.hbSearchIndex) return run();
    var script = document.createElement('script');
    script.src = 'search-index.js';
    script.onload = run;
    document.body.appendChild(script);
  }

  window.hbTokenize = tokenize;
  window.hbSearch = search;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
