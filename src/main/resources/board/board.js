'use strict';
// The wallboard: one live view (window, level, scope), pushed by the server as server-sent events.
(function () {
  const LABEL = { firing: '▲ 告警', breach: '▼ 低于阈值', watch: '● 关注', ok: '✔ 达标', none: '— 无阈值' };
  const LABEL_UP = { breach: '▲ 高于阈值' };
  const WINDOW = { sliding_24h: '近24小时', day_to_date: '今日累计' };
  const state = readHash();
  const charts = new Map();
  let source = null;

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { window: p.get('window') || 'sliding_24h', level: p.get('level') || 'all', scope: p.get('scope') || 'all' };
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function pct(v) { return (v * 100).toFixed(1) + '%'; }

  function hm(iso) { return iso ? iso.substring(5, 16).replace('T', ' ') : '—'; }

  function go(level, scope) {
    state.level = level;
    state.scope = scope;
    connect();
  }

  function connect() {
    const q = new URLSearchParams(state).toString();
    history.replaceState(null, '', '#' + q);
    document.querySelectorAll('.windows button').forEach(b => b.classList.toggle('on', b.dataset.window === state.window));
    if (source) source.close();
    source = new EventSource('/api/stream?' + q);
    source.onopen = () => { document.getElementById('offline').hidden = true; };
    source.onerror = () => { document.getElementById('offline').hidden = false; };
    source.onmessage = e => render(JSON.parse(e.data));
  }

  function render(v) {
    document.getElementById('offline').hidden = true;
    renderPath(v);
    document.getElementById('place').textContent = v.name + ' · ' + WINDOW[v.window];
    renderFresh(v.fresh);
    renderStreams(v.streams);
    renderPlaces(document.getElementById('children'), v.children, v.streams);
    document.getElementById('children-title').textContent =
      { all: '各市', city: '各区县', district: '各街道（乡镇）' }[v.level] || '下辖地区';
    document.getElementById('children').closest('section').hidden = v.children.length === 0;
    renderPlaces(document.getElementById('agencies'), v.agencies, v.streams);
    document.getElementById('agencies-box').hidden = v.agencies.length === 0;
    renderWatch(v.watch);
    renderAlerts(document.getElementById('firing'), v.firing, true);
    renderAlerts(document.getElementById('resolved'), v.resolved, false);
    const c = document.getElementById('firing-count');
    c.textContent = v.firing.length;
    c.classList.toggle('zero', v.firing.length === 0);
  }

  function renderPath(v) {
    const nav = document.getElementById('path');
    nav.replaceChildren();
    v.path.forEach((p, i) => {
      if (i > 0) nav.append(el('span', 'sep', '›'));
      if (i < v.path.length - 1) {
        const a = el('a', null, p.name);
        a.href = '#';
        a.dataset.level = p.level;
        a.dataset.scope = p.scope;
        a.addEventListener('click', e => { e.preventDefault(); go(p.level, p.scope); });
        nav.append(a);
      } else {
        nav.append(el('span', 'here', p.name));
      }
    });
  }

  function renderFresh(f) {
    const box = document.getElementById('fresh');
    box.replaceChildren();
    const line1 = el('div');
    line1.append('事件时间 ', el('b', null, f.reached ? hm(f.reached) : '—'),
      '　水位线滞后 ', el('b', null, f.lagSeconds === undefined ? '—' : lag(f.lagSeconds)));
    const line2 = el('div');
    line2.append('每秒事件 ', el('b', null, f.eventsPerSecond === undefined ? '—' : String(f.eventsPerSecond)),
      '　已读 ', el('b', null, f.eventsRead === undefined ? '—' : f.eventsRead.toLocaleString('zh-CN')));
    box.append(line1, line2);
    const stale = document.getElementById('stale');
    stale.hidden = !f.stale;
    stale.textContent = f.stale ? '⚠ 数据已 ' + lag(f.quietSeconds) + ' 未更新：请检查数据接入与监测作业' : '';
  }

  function lag(s) {
    if (s < 120) return s + '秒';
    if (s < 7200) return Math.floor(s / 60) + '分钟';
    if (s < 172800) return Math.floor(s / 3600) + '小时';
    return Math.floor(s / 86400) + '天';
  }

  function renderStreams(streams) {
    const box = document.getElementById('streams');
    const seen = new Set();
    streams.forEach(s => {
      let panel = document.getElementById('stream-' + s.id);
      if (!panel) {
        panel = el('section', 'stream');
        panel.id = 'stream-' + s.id;
        const head = el('div', 'stream-head');
        head.append(el('span', 'stream-name', s.name), el('span', 'cases'));
        const tiles = el('div', 'tiles n' + s.tiles.length);
        s.tiles.forEach(t => {
          const tile = el('div', 'tile');
          tile.dataset.metric = t.metric;
          tile.append(el('div', 'name', t.name), el('div', 'value'), el('div', 'detail n'), el('div', 'detail th'));
          const spark = el('div', 'spark');
          tile.append(spark);
          tiles.append(tile);
        });
        panel.append(head, tiles);
        box.append(panel);
      }
      const cases = panel.querySelector('.cases');
      cases.replaceChildren();
      const overdue = s.overdue || 0;
      const od = el('span', 'overdue' + (overdue === 0 ? ' zero' : ''), '超期 ' + overdue);
      od.dataset.overdue = overdue;
      cases.append('在办 ' + (s.open || 0) + '　', od);
      s.tiles.forEach(t => {
        const tile = panel.querySelector('.tile[data-metric="' + t.metric + '"]');
        tile.className = 'tile ' + t.status;
        const value = tile.querySelector('.value');
        value.replaceChildren(document.createTextNode(t.value === undefined ? '—' : pct(t.value)));
        const label = t.value === undefined ? '暂无数据' : (!t.below && LABEL_UP[t.status]) || LABEL[t.status];
        value.append(el('span', 'badge ' + t.status, label));
        tile.querySelector('.n').textContent = t.n === undefined ? '暂无样本'
          : 'n=' + t.n + (t.low !== undefined ? '　95%区间 ' + pct(t.low) + '–' + pct(t.high) : '');
        tile.querySelector('.th').textContent = t.threshold === undefined ? '未设阈值'
          : '阈值 ' + (t.below ? '低于 ' : '高于 ') + pct(t.threshold) + ' 告警';
        spark(tile.querySelector('.spark'), t);
        seen.add(t.metric);
      });
    });
  }

  function spark(node, t) {
    if (!window.echarts) return;
    let chart = charts.get(t.metric);
    if (!chart || chart.getDom() !== node) {
      chart = echarts.init(node, null, { renderer: 'svg' });
      charts.set(t.metric, chart);
    }
    const data = t.spark.map(p => [p[0], +(p[1] * 100).toFixed(2)]);
    const line = t.threshold === undefined ? [] : [{ yAxis: +(t.threshold * 100).toFixed(2) }];
    chart.setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'time', show: false },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{
        type: 'line', data: data, showSymbol: false, lineStyle: { width: 2, color: '#7fc4ff' },
        markLine: { silent: true, symbol: 'none', data: line, label: { show: false },
          lineStyle: { color: '#ff4d4f', type: 'dashed', width: 1 } }
      }]
    }, true);
  }

  function renderPlaces(table, rows, streams) {
    table.replaceChildren();
    if (rows.length === 0) return;
    // each stream's first two headline rates, where some place has a figure for them
    const metrics = [];
    const head = el('tr');
    head.append(el('th', null, '名称'));
    streams.forEach(s => s.tiles.slice(0, 2).forEach(t => {
      if (!rows.some(r => r.cells[t.metric])) return;
      metrics.push(t.metric);
      // the stream's short name before the rate's, unless the rate already says it (出庭应诉率)
      head.append(el('th', null, t.name.includes(s.short) ? t.name : s.short + t.name));
    }));
    head.append(el('th', null, '在办/超期'));
    table.append(head);
    rows.forEach(r => {
      const tr = el('tr', r.level === 'street' || r.level === 'agency' ? 'go' : 'go');
      tr.dataset.level = r.level;
      tr.dataset.scope = r.scope;
      tr.append(el('td', null, r.name));
      metrics.forEach(m => {
        const c = r.cells[m];
        const td = el('td', c ? c.status : null, c ? pct(c.value) : '—');
        td.dataset.metric = m;
        if (c) td.title = 'n=' + c.n;
        tr.append(td);
      });
      const od = el('td', r.overdue > 0 ? 'overdue' : null, r.open + '/' + r.overdue);
      tr.append(od);
      tr.addEventListener('click', () => go(r.level, r.scope));
      table.append(tr);
    });
  }

  // the 督办清单: who holds the most overdue cases, and the most overdue cases themselves
  function renderWatch(w) {
    if (!w) return;
    document.getElementById('watch-red').textContent = '超期 ' + w.overdue;
    document.getElementById('watch-yellow').textContent = '临期 ' + w.dueSoon;
    document.getElementById('watch-red').classList.toggle('zero', w.overdue === 0);
    document.getElementById('watch-yellow').classList.toggle('zero', w.dueSoon === 0);
    const league = document.getElementById('watch-agencies');
    league.replaceChildren();
    const lh = el('tr');
    lh.append(el('th', null, '机构'), el('th', null, '超期'), el('th', null, '临期'));
    league.append(lh);
    w.agencies.forEach(a => {
      const tr = el('tr', 'go');
      tr.dataset.agency = a.agency;
      tr.append(el('td', null, a.agency), el('td', a.overdue > 0 ? 'red' : 'zero', String(a.overdue)),
        el('td', a.dueSoon > 0 ? 'yellow' : 'zero', String(a.dueSoon)));
      tr.addEventListener('click', () => go('agency', a.agency));
      league.append(tr);
    });
    if (w.moreAgencies > 0) {
      const tr = el('tr');
      tr.append(el('td', 'more', '另有 ' + w.moreAgencies + ' 个机构'));
      league.append(tr);
    }
    if (w.agencies.length === 0) {
      const tr = el('tr');
      tr.append(el('td', 'empty', '无超期、临期案件'));
      league.append(tr);
    }
    const list = document.getElementById('watch-cases');
    list.replaceChildren();
    const ch = el('tr');
    ch.append(el('th', null, '案件'), el('th', null, '事项'), el('th', null, '承办机构'), el('th', null, '期限'), el('th', null, ''));
    list.append(ch);
    w.cases.forEach(c => {
      const tr = el('tr', c.state === 'OVERDUE' ? 'red' : 'yellow');
      tr.dataset.case = c.caseId;
      tr.append(el('td', 'id', c.caseId), el('td', null, c.what), el('td', null, c.agency || '—'),
        el('td', 'when', c.deadline), el('td', 'late', c.distance));
      list.append(tr);
    });
  }

  function renderAlerts(list, alerts, firing) {
    list.replaceChildren();
    if (alerts.length === 0) {
      list.append(el('li', 'empty', firing ? '当前无告警' : '暂无'));
      list.firstChild.style.border = 'none';
      list.firstChild.style.background = 'none';
      return;
    }
    alerts.forEach(a => {
      const li = el('li');
      li.dataset.rule = a.rule;
      li.dataset.scope = a.scope;
      li.dataset.state = a.state;
      const s = el('div', 'summary');
      s.append(el('span', 'sev', a.severity === 'critical' ? '严重' : a.severity === 'warning' ? '警告' : a.severity), a.summary);
      const meta = el('div', 'meta', firing
        ? '自 ' + hm(a.since) + ' 起，已持续 ' + a.for + '　规则 ' + a.rule
        : '恢复于 ' + hm(a.at) + '　规则 ' + a.rule);
      li.append(s, meta);
      list.append(li);
    });
  }

  document.querySelectorAll('.windows button').forEach(b => b.addEventListener('click', () => {
    state.window = b.dataset.window;
    connect();
  }));
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
  connect();
})();
