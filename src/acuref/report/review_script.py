"""The review page's one inline script: filter, sort, a needs-attention view, and decisions a curator makes in
the page and downloads as ``acuref.decisions.json`` (read back by ``--decisions``). It loads nothing and
sends nothing: the page works from a file, offline."""

TOOLBAR = """<div class="toolbar">
<label>status <select id="f-status"><option value="">any</option>{statuses}</select></label>
<label>parser <select id="f-parser"><option value="">any</option><option>rules</option><option>model</option>
<option value="none">none</option></select></label>
<label>document <select id="f-doc"><option value="">any</option>{documents}</select></label>
<label>confidence below <input id="f-conf" type="number" min="0" max="1" step="0.05" value="1.01"></label>
<label><input id="f-attention" type="checkbox"> needs attention</label>
<label>sort <select id="f-sort"><option value="order">as cited</option><option value="confidence">confidence, lowest
first</option><option value="status">status</option></select></label>
<span class="muted"><b id="shown"></b> shown</span>
<span class="decided-box"><b id="decided-count">0</b> new decisions, <b id="kept-count">0</b> kept from the
decisions file <button id="download" type="button">Download decisions</button></span>
</div>"""

SCRIPT = r"""<script>
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.ref, tr.skipped'));
  var decisions = [];
  function el(id) { return document.getElementById(id); }
  // The decisions file the run applied, carried whole: the download holds it and this page's decisions.
  var kept = [];
  try { kept = JSON.parse(el('kept-decisions').textContent || '[]'); } catch (e) { kept = []; }
  if (!Array.isArray(kept)) kept = [];
  var GROUPS = { 'use-doi': 'doi', 'accept-doi': 'doi', 'reject-doi': 'doi', 'not-reference': 'presence',
    'is-reference': 'presence', 'same-work': 'pair', 'not-duplicate': 'pair', 'correct': 'correct' };
  // A reference as a run keys it (decisions.key): the file's name and the string, spacing and case folded.
  function keyOf(file, raw) {
    return String(file).split(/[\\/]/).pop().toLowerCase() + '\n' +
      String(raw).split(/\s+/).filter(Boolean).join(' ').toLowerCase();
  }
  // What a decision answers; a later one on the same question replaces it (as decisions.merged does).
  function question(d) {
    if (!d || typeof d !== 'object' || !GROUPS[d.action]) return null;
    var here = keyOf(d.file, d.raw);
    if (GROUPS[d.action] !== 'pair') return GROUPS[d.action] + '\n' + here;
    var o = d.other && typeof d.other === 'object' ? d.other : {};
    return 'pair\n' + [here, keyOf(o.file || d.file, o.raw)].sort().join('\n');
  }
  function count() {
    el('decided-count').textContent = String(decisions.length);
    el('kept-count').textContent = String(kept.length);
  }
  function filter() {
    var status = el('f-status').value, parser = el('f-parser').value, doc = el('f-doc').value;
    var below = parseFloat(el('f-conf').value || '1.01'), attention = el('f-attention').checked, shown = 0;
    rows.forEach(function (r) {
      var ok = (!status || r.dataset.status === status) && (!parser || r.dataset.parser === parser) &&
        (!doc || r.dataset.file === doc) && parseFloat(r.dataset.confidence) < below &&
        (!attention || r.dataset.attention === '1');
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    document.querySelectorAll('section.document').forEach(function (s) {
      s.hidden = !Array.prototype.some.call(s.querySelectorAll('tr.ref, tr.skipped'), function (r) { return !r.hidden; });
    });
    el('shown').textContent = String(shown);
  }
  function sort() {
    var how = el('f-sort').value;
    document.querySelectorAll('section.document table').forEach(function (t) {
      var body = Array.prototype.slice.call(t.querySelectorAll('tr.ref, tr.skipped'));
      body.sort(function (a, b) {
        var order = Number(a.dataset.order) - Number(b.dataset.order);
        if (how === 'confidence') return (Number(a.dataset.confidence) - Number(b.dataset.confidence)) || order;
        if (how === 'status') return a.dataset.status.localeCompare(b.dataset.status) || order;
        return order;
      });
      body.forEach(function (r) { r.parentNode.appendChild(r); });
    });
  }
  function decide(button) {
    var row = button.closest('tr.ref, tr.skipped');
    var d = { file: row.dataset.file, raw: row.dataset.raw, action: button.dataset.action };
    if (button.dataset.doi) d.doi = button.dataset.doi;
    record(row, d, 'decided: ' + d.action + (d.doi ? ' ' + d.doi : ''));
  }
  function decidePair(button) {
    var row = button.closest('tr.possible');
    var d = { file: row.dataset.aFile, raw: row.dataset.aRaw, action: button.dataset.action,
      other: { file: row.dataset.bFile, raw: row.dataset.bRaw } };
    record(row, d, 'decided: ' + d.action);
  }
  function record(row, d, said) {
    var q = question(d);
    decisions = decisions.filter(function (x) { return question(x) !== q; });
    decisions.push(d);
    row.classList.add('decided');
    row.querySelector('.decision').textContent = said;
    count();
  }
  // The reading's fields as inputs, built when a curator first opens "correct…" (from the button's data-edit).
  function correctionForm(button, bar) {
    var values = JSON.parse(button.dataset.edit || '{}'), form = document.createElement('div');
    form.className = 'correct';
    form.hidden = true;
    Object.keys(values).forEach(function (name) {
      var label = document.createElement('label'), input = document.createElement('input');
      label.textContent = name + ' ';
      input.dataset.field = name;
      input.dataset.initial = values[name];
      input.value = values[name];
      label.appendChild(input);
      form.appendChild(label);
    });
    var save = document.createElement('button');
    save.type = 'button';
    save.className = 'save-correction';
    save.textContent = 'save correction';
    form.appendChild(save);
    bar.parentNode.insertBefore(form, bar.nextSibling);
    return form;
  }
  function saveCorrection(button) {
    var row = button.closest('tr.ref'), fields = {}, changed = 0;
    row.querySelectorAll('div.correct input').forEach(function (input) {
      if (input.value !== input.dataset.initial) {
        fields[input.dataset.field] = input.value.trim() === '' ? null : input.value.trim();
        changed += 1;
      }
    });
    if (!changed) return;
    record(row, { file: row.dataset.file, raw: row.dataset.raw, action: 'correct', fields: fields },
      'decided: correct ' + Object.keys(fields).join(', '));
    row.querySelector('div.correct').hidden = true;
  }
  function download() {
    var asked = {};
    decisions.forEach(function (d) { if (GROUPS[d.action] !== 'correct') asked[question(d)] = true; });
    var all = kept.filter(function (x) { var q = question(x); return q === null || !asked[q]; }).concat(decisions);
    var text = JSON.stringify({ acuref_decisions: 1, decisions: all }, null, 1) + '\n';
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = 'acuref.decisions.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  ['f-status', 'f-parser', 'f-doc', 'f-conf', 'f-attention'].forEach(function (id) {
    el(id).addEventListener('input', filter);
    el(id).addEventListener('change', filter);
  });
  el('f-sort').addEventListener('change', sort);
  el('download').addEventListener('click', download);
  document.addEventListener('click', function (e) {
    if (e.target.classList && e.target.classList.contains('decide')) decide(e.target);
    if (e.target.classList && e.target.classList.contains('decide-pair')) decidePair(e.target);
    if (e.target.classList && e.target.classList.contains('edit')) {
      var bar = e.target.closest('.decide-bar');
      var form = bar.parentNode.querySelector('div.correct') || correctionForm(e.target, bar);
      form.hidden = !form.hidden;
    }
    if (e.target.classList && e.target.classList.contains('save-correction')) saveCorrection(e.target);
  });
  count();
  filter();
})();
</script>"""
