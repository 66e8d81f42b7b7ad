(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var DAY = 86400000;
  var charts = [];

  function pct(n, d) { return d > 0 ? (n * 100 / d).toFixed(1) + '%' : '—'; }
  function day(ms) {
    var t = new Date(ms + 8 * 3600000);
    return t.toISOString().slice(0, 10);
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) { e.textContent = text; }
    return e;
  }
  function place(scope) {
    return data.places.filter(function (p) { return p.scope === scope; })[0];
  }

  document.getElementById('title').textContent = data.title;
  document.title = data.title;
  document.getElementById('period').textContent = data.from ? ('数据期间 ' + data.from + ' 至 ' + data.to) : '无数据';

  var districts = data.places.filter(function (p) { return p.level === 'district'; });
  var select = document.getElementById('district');
  districts.forEach(function (d) { select.appendChild(el('option', { value: d.scope }, d.scope)); });
  // the district with the most outcomes of the first metric is shown first
  districts.sort(function (a, b) {
    function n(p) { var s = p.period[data.metrics[0].id]; return s ? s[1] : 0; }
    return n(b) - n(a);
  });
  if (districts.length) { select.value = districts[0].scope; }

  // ----- rates over time, per stream, with the threshold and the alert periods -----
  var chartsBox = document.getElementById('charts');
  var streams = [];
  data.metrics.forEach(function (m) { if (streams.indexOf(m.stream) < 0) { streams.push(m.stream); } });
  streams.forEach(function (s) {
    chartsBox.appendChild(el('h2', {}, s + ' 指标走势（按日）'));
    var grid = el('div', { 'class': 'grid' });
    chartsBox.appendChild(grid);
    data.metrics.filter(function (m) { return m.stream === s; }).forEach(function (m) {
      var box = el('div', { 'class': 'chart', 'data-metric': m.id });
      grid.appendChild(box);
      charts.push({ metric: m, chart: echarts.init(box, null, { renderer: 'svg' }) });
    });
  });

  // each stream's charts begin at its first day with figures: a stream whose history reaches months
  // back (suits run for months) does not squeeze the others into the last days of a long axis
  var firstDay = {};
  data.metrics.forEach(function (m) {
    data.places.forEach(function (p) {
      var d = p.days[m.id];
      if (d && d.length && (firstDay[m.stream] == null || d[0][0] < firstDay[m.stream])) {
        firstDay[m.stream] = d[0][0];
      }
    });
  });

  function series(p, metric) {
    var days = (p && p.days[metric]) || [];
    return days.map(function (x) { return [x[0], x[2] > 0 ? +(x[1] * 100 / x[2]).toFixed(2) : null, x[1], x[2]]; });
  }
  function bands(metric, scopeLevel, scope) {
    var out = [];
    data.runs[0].alerts.forEach(function (a) {
      if (a.metric === metric && a.scopeLevel === scopeLevel && a.scope === scope) {
        out.push([{ xAxis: a.firing, name: a.rule }, { xAxis: a.resolved == null ? 'max' : a.resolved }]);
      }
    });
    return out;
  }
  function draw() {
    var district = select.value;
    charts.forEach(function (c) {
      var m = c.metric;
      var all = series(place('all'), m.id);
      var dist = series(place(district), m.id);
      var cityBands = bands(m.id, 'all', 'all');
      var distBands = bands(m.id, 'district', district);
      var line = m.threshold == null ? [] : [{ yAxis: +(m.threshold * 100).toFixed(2), name: '告警阈值' }];
      c.chart.setOption({
        animation: false,
        title: { text: m.cumulative ? m.label + '（期间累计）' : m.label, left: 10, top: 6, textStyle: { fontSize: 15 } },
        legend: { top: 8, right: 10, data: ['全部', district] },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
        grid: { left: 50, right: 20, top: 44, bottom: 36 },
        xAxis: { type: 'time', min: firstDay[m.stream] != null ? firstDay[m.stream] : data.fromMs, max: data.toMs + DAY,
          minInterval: DAY,
          axisLabel: { formatter: function (v) { return day(v).slice(5); } } },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: '全部', type: 'line', showSymbol: true, symbolSize: 4, data: all, connectNulls: false,
            markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#c62828' },
              label: { position: 'insideEndTop', formatter: '阈值 {c}%' }, data: line },
            markArea: { silent: true, itemStyle: { color: 'rgba(198,40,40,0.13)' }, data: cityBands } },
          { name: district, type: 'line', showSymbol: true, symbolSize: 4, data: dist, connectNulls: false,
            markArea: { silent: true, itemStyle: { color: 'rgba(239,108,0,0.13)' }, data: distBands } }
        ]
      }, true);
    });
  }
  select.addEventListener('change', draw);
  draw();

  // ----- a backtest: the two runs' alerts, one above the other -----
  if (data.runs.length > 1) {
    var box = document.getElementById('timelines');
    box.appendChild(el('h2', {}, '告警时间线对比（A：' + data.runs[0].label + '，B：' + data.runs[1].label + '）'));
    var rules = [];
    data.runs.forEach(function (r) { r.alerts.forEach(function (a) { if (rules.indexOf(a.rule) < 0) { rules.push(a.rule); } }); });
    rules.sort();
    var end = 0;
    var start = Infinity;
    data.runs.forEach(function (r) { r.alerts.forEach(function (a) {
      start = Math.min(start, a.firing); end = Math.max(end, a.resolved == null ? a.firing + DAY : a.resolved); }); });
    rules.forEach(function (rule) {
      var rows = [];
      var segs = [];
      data.runs.forEach(function (r, i) {
        var tag = i === 0 ? 'A' : 'B';
        r.alerts.filter(function (a) { return a.rule === rule; }).forEach(function (a) {
          var row = tag + ' · ' + (a.scopeLevel === 'all' ? '全部' : a.scope);
          if (rows.indexOf(row) < 0) { rows.push(row); }
          segs.push({ run: i, row: row, from: a.firing, to: a.resolved == null ? end : a.resolved });
        });
      });
      rows.sort();
      var div = el('div', { 'class': 'timeline', 'data-rule': rule });
      box.appendChild(div);
      var chart = echarts.init(div, null, { renderer: 'svg' });
      var perRun = [[], []];
      segs.forEach(function (s) { perRun[s.run].push([s.from, s.row], [s.to, s.row], '-'); });
      chart.setOption({
        animation: false,
        title: { text: rule, left: 10, top: 6, textStyle: { fontSize: 14 } },
        grid: { left: 170, right: 20, top: 36, bottom: 30 },
        xAxis: { type: 'time', min: start, max: end, minInterval: 3600000,
          axisLabel: { formatter: function (v) { return day(v).slice(5) + ' ' + new Date(v + 8 * 3600000).toISOString().slice(11, 16); } } },
        yAxis: { type: 'category', data: rows },
        series: [0, 1].map(function (i) {
          return { name: i === 0 ? 'A' : 'B', type: 'line', data: perRun[i], showSymbol: false, connectNulls: false,
            lineStyle: { width: 12, color: i === 0 ? '#1565c0' : '#ef6c00' } };
        })
      });
      charts.push({ metric: null, chart: chart });
    });
  }

  // ----- the period table -----
  var table = document.getElementById('table');
  var head = el('tr');
  head.appendChild(el('th', { 'class': 'place' }, '地区'));
  data.metrics.forEach(function (m) { head.appendChild(el('th', {}, m.label)); });
  table.appendChild(head);
  data.places.forEach(function (p) {
    var tr = el('tr', { 'class': p.level, 'data-scope': p.scope });
    tr.appendChild(el('td', { 'class': 'place' }, p.name));
    data.metrics.forEach(function (m) {
      var s = p.period[m.id];
      var td = el('td', { 'data-metric': m.id }, s ? pct(s[0], s[1]) + ' ' : '—');
      if (s) { td.appendChild(el('span', { 'class': 'nd' }, s[0] + '/' + s[1])); }
      tr.appendChild(td);
    });
    table.appendChild(tr);
  });
  // ----- the period's late cases, per agency and by name -----
  var late = data.late;
  if (!late || late.overdue + late.doneLate === 0) {
    document.getElementById('late-note').textContent = '期间无超期案件。';
  } else {
    document.getElementById('late-note').textContent = '期末' + (late.until ? '（' + late.until.slice(0, 16).replace('T', ' ') + '）' : '')
      + '仍超期未办结 ' + late.overdue + ' 件，期间逾期办结 ' + late.doneLate + ' 件；每件的期限与超期天数见 late-cases.csv。';
    var at = document.getElementById('late-agencies');
    var ah = el('tr');
    ['承办机构', '期末超期未办结', '期间逾期办结'].forEach(function (h) { ah.appendChild(el('th', {}, h)); });
    at.appendChild(ah);
    late.agencies.forEach(function (a) {
      var tr = el('tr', { 'data-agency': a.agency });
      tr.appendChild(el('td', { 'class': 'place' }, a.agency));
      tr.appendChild(el('td', { 'class': a.overdue > 0 ? 'red' : '' }, String(a.overdue)));
      tr.appendChild(el('td', {}, String(a.doneLate)));
      at.appendChild(tr);
    });
    var ct = document.getElementById('late-cases');
    var ch = el('tr');
    ['类别', '案件编号', '事项', '承办机构', '期限', '办结或截至', '超期'].forEach(function (h) { ch.appendChild(el('th', {}, h)); });
    ct.appendChild(ch);
    late.cases.forEach(function (c) {
      var tr = el('tr', { 'data-case': c.caseId });
      [c.done ? '逾期办结' : '超期未办结', c.caseId, c.what, c.agency, c.deadline, c.until, c.late].forEach(function (v, i) {
        tr.appendChild(el('td', i === 0 && !c.done ? { 'class': 'red' } : {}, v));
      });
      ct.appendChild(tr);
    });
    if (late.more > 0) {
      var more = el('tr');
      more.appendChild(el('td', { colspan: '7' }, '另有 ' + late.more + ' 件，见 late-cases.csv'));
      ct.appendChild(more);
    }
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.chart.resize(); }); });
  window.reportReady = true;
})();
