// The search of a static mirror of Inferno (`inferno export-static`), where
// no server answers `/search`: reads `?q=` from the address, loads the
// mirror's index of the page's language (static/search-LANG.js, which sets
// self.infernoSearch) and lists the records every word of the query matches.
// The index holds each record's names in every spelling and the stems of its
// texts, made by the server's own analysis; a query word matches a term that
// begins with it or that it begins with, or a name word one typo away. A
// query that names a site also finds the records about it.
(function () {
  'use strict';
  var script = document.currentScript;
  var out = document.getElementById('mirror-results');
  var input = document.getElementById('search-page-q');
  if (!script || !out) return;
  var query = new URLSearchParams(location.search).get('q') || '';
  if (input) input.value = query;
  var words = terms(query);
  if (!words.length) return;
  var index = document.createElement('script');
  index.src = new URL('search-' + document.documentElement.lang + '.js', script.src).href;
  index.onload = function () { show(self.infernoSearch); };
  document.head.appendChild(index);

  function terms(text) {
    var found = text.toLowerCase().replace(/[\u2019\u02bc`\u02b9\u2018]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) || [];
    return found.slice(0, 16).map(function (w) {
      // Latin letters lose their marks (Žytomyr, zytomyr), as the index writes them.
      return /[\u0400-\u04ff]/.test(w) ? w : w.normalize('NFD').replace(/\p{M}/gu, '').replace(/'/g, '');
    });
  }

  function oneEditApart(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (a.length < b.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  function matches(word, keys, names) {
    for (var k = 0; k < keys.length; k++) {
      var key = keys[k];
      if (key.lastIndexOf(word, 0) === 0 || (key.length >= 4 && word.lastIndexOf(key, 0) === 0)) return true;
    }
    if (names && word.length >= 5) {
      for (k = 0; k < keys.length; k++) if (keys[k].length >= 5 && oneEditApart(word, keys[k])) return true;
    }
    return false;
  }

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function show(data) {
    if (!data) return;
    var root = new URL('../', script.src);
    // Words every text has ("у", "the") rank nothing, as on the server.
    var stop = data.stop || [];
    var asked = words.filter(function (w) { return stop.indexOf(w) < 0; });
    if (!asked.length) asked = words;
    // The sites the query names, in any spelling: what is written about
    // them (d[8], the sites a record is about) is found too, below them.
    var named = {};
    data.docs.forEach(function (d) {
      if (!d[7]) return;
      var names = d[5].split(' ');
      if (asked.every(function (w) { return matches(w, names, true); })) named[d[7]] = true;
    });
    var found = [];
    data.docs.forEach(function (d, order) {
      var names = d[5].split(' '), text = d[6].split(' '), score = 0;
      for (var w = 0; w < asked.length; w++) {
        if (matches(asked[w], names, true)) score += 4;
        else if (matches(asked[w], text, false)) score += 1;
        else { score = -1; break; }
      }
      if (score < 0) {
        var about = (d[8] || '').split(' ').some(function (id) { return named[id]; });
        if (!about) return;
        score = 2;
      }
      found.push({ score: score, order: order, doc: d });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var status = element('p', 'search-summary', out.getAttribute('data-count').replace('#', String(found.length)));
    status.setAttribute('role', 'status');
    out.appendChild(status);
    if (!found.length) {
      out.appendChild(element('p', '', data.none));
      return;
    }
    var list = element('ol', 'hits');
    found.slice(0, 100).forEach(function (f) {
      var d = f.doc, item = element('li'), heading = element('h2', 'hit-title'), link = element('a', '', d[1]);
      link.href = new URL(d[3], root).href;
      if (d[2]) link.lang = d[2];
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(element('p', 'hit-kind muted', d[0]));
      if (d[4]) item.appendChild(element('p', 'snippet', d[4]));
      list.appendChild(item);
    });
    out.appendChild(list);
  }
})();
