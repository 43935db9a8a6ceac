(function () {
  'use strict';
  var svg = document.getElementById('diagram-svg');
  var status = document.getElementById('selection-text');
  var clear = document.getElementById('selection-clear');
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var nodes = svg ? Array.prototype.slice.call(svg.querySelectorAll('g.node')) : [];
  var edges = svg ? Array.prototype.slice.call(svg.querySelectorAll('g.edge')) : [];
  var selected = null;
  var pinned = null;

  function words(s) { return s ? s.split(' ') : []; }

  function showPath(finding) {
    if (!svg) { return; }
    nodes.forEach(function (n) { n.classList.remove('on-path'); });
    edges.forEach(function (e) { e.classList.remove('on-path'); });
    var path = finding ? words(finding.getAttribute('data-path')) : [];
    if (path.length === 0) { svg.classList.remove('tracing'); return; }
    svg.classList.add('tracing');
    nodes.forEach(function (n) {
      if (path.indexOf(n.getAttribute('data-id')) >= 0) { n.classList.add('on-path'); }
    });
    edges.forEach(function (e) {
      var from = e.getAttribute('data-from'), to = e.getAttribute('data-to');
      var both = e.getAttribute('data-both') === 'true';
      for (var i = 0; i + 1 < path.length; i++) {
        if ((from === path[i] && to === path[i + 1]) || (both && to === path[i] && from === path[i + 1])) {
          e.classList.add('on-path');
        }
      }
    });
  }

  function select(id) {
    selected = id;
    var count = 0, label = '';
    nodes.forEach(function (n) {
      var on = n.getAttribute('data-id') === id;
      n.classList.toggle('selected', on);
      n.setAttribute('aria-pressed', on ? 'true' : 'false');
      if (on) { label = n.getAttribute('data-label'); }
    });
    findings.forEach(function (f) {
      var hit = id === null || words(f.getAttribute('data-on')).indexOf(id) >= 0;
      f.hidden = !hit;
      if (hit) { count++; }
    });
    if (id === null) {
      status.textContent = '';
      clear.hidden = true;
    } else {
      status.textContent = count === 0
        ? 'No finding on ' + label + '.'
        : count + (count === 1 ? ' finding on ' : ' findings on ') + label + ', shown below.';
      clear.hidden = false;
    }
  }

  nodes.forEach(function (n) {
    function toggle() { select(selected === n.getAttribute('data-id') ? null : n.getAttribute('data-id')); }
    n.addEventListener('click', toggle);
    n.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(); }
    });
  });
  findings.forEach(function (f) {
    f.addEventListener('mouseenter', function () { showPath(f); });
    f.addEventListener('focus', function () { showPath(f); });
    f.addEventListener('mouseleave', function () { showPath(pinned); });
    f.addEventListener('click', function () {
      if (pinned) { pinned.classList.remove('pinned'); }
      pinned = pinned === f ? null : f;
      if (pinned) { pinned.classList.add('pinned'); }
      showPath(pinned);
    });
  });
  if (clear) { clear.addEventListener('click', function () { select(null); }); }
})();
