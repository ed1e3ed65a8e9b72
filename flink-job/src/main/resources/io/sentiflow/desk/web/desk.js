// The Sentiflow desk's page. Everything shown comes from the desk's API, which reads it from Kafka:
// the overview arrives as server-sent events, a key's chart and an alert's evidence on demand.
// Texts come from producers: they only ever reach the page through textContent, never as HTML.
'use strict';

const state = { overview: null, key: null, keyEnd: null, alert: null, alertSeen: null, sparks: new Map(), chart: null };

const $ = (selector) => document.querySelector(selector);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('data-')) node.setAttribute(name, value);
    else node[name] = value;
  }
  // A child left out (cond ? x : null) is skipped: append() would write it as the text 'null'.
  children.flat().filter((child) => child !== null && child !== undefined).forEach((child) => node.append(child));
  return node;
}

const pct = (share) => (share * 100).toFixed(0) + '%';
const z = (value) => (value >= 0 ? '+' : '') + value.toFixed(1);
const utc = (millis) => new Date(millis).toISOString().slice(11, 16);
const utcDay = (millis) => new Date(millis).toISOString().slice(0, 16).replace('T', ' ');
const clock = (millis) => new Date(millis).toLocaleTimeString();

// ---- live overview -------------------------------------------------------------------------

function connect() {
  const events = new EventSource('/api/events');
  events.addEventListener('overview', (event) => render(JSON.parse(event.data)));
  events.onopen = () => setPill($('#stream'), true, 'live');
  events.onerror = () => setPill($('#stream'), false, 'desk connection lost, retrying');
}

function setPill(node, up, text) {
  node.textContent = text;
  node.classList.toggle('up', up);
  node.classList.toggle('down', !up);
}

function render(overview) {
  state.overview = overview;
  renderStatus(overview);
  renderRanking(overview);
  renderAlerts(overview);
  renderModels(overview.model);
  if (!state.key && overview.ranking.length > 0) {
    selectKey(overview.ranking[0].kind, overview.ranking[0].key);
  } else if (state.key) {
    const ranked = overview.ranking.find((r) => r.kind === state.key.kind && r.key === state.key.key);
    if (ranked && ranked.latest.windowEnd !== state.keyEnd) loadKey();
  }
  if (state.alert) {
    const row = overview.alerts.find((r) => r.episode.alertId === state.alert);
    if (row && alertSeen(row.episode, row.useful, row.noise) !== state.alertSeen) loadAlert(state.alert);
  }
}

function renderStatus(overview) {
  const kafka = overview.kafka;
  setPill($('#kafka'), kafka.up, kafka.up ? 'Kafka connected' : 'Kafka unreachable');
  const notices = $('#notices');
  notices.replaceChildren();
  if (!kafka.up && kafka.since > 0) {
    notices.append(el('div', { class: 'down', id: 'kafka-down',
      text: 'Kafka is unreachable since ' + clock(kafka.since) + ' (' + kafka.problem + '). The desk shows what it'
        + ' read before and catches up when Kafka is back; labels and verdicts cannot be sent meanwhile.' }));
  }
  if (overview.missingTopics.length > 0) {
    notices.append(el('div', { text: 'Topics missing on Kafka, not read: ' + overview.missingTopics.join(', ') }));
  }
  for (const [topic, count] of Object.entries(overview.undecodable)) {
    notices.append(el('div', { text: count + ' records of ' + topic + ' could not be decoded and were skipped' }));
  }
  const model = overview.model;
  $('#serving').textContent = model.serving
    || (model.announcements.length > 0 ? model.announcements[model.announcements.length - 1].version + ' (announced; no text scored yet)'
      : 'no model yet');
  const swaps = Math.max(0, model.announcements.length - 1);
  $('#swap-count').textContent = model.announcements.length === 0 ? '' : '· ' + swaps + (swaps === 1 ? ' swap' : ' swaps');
  $('#scored-rate').textContent = overview.scoredPerSecond.toFixed(1);
  $('#dlq-rate').textContent = overview.deadLettersPerSecond.toFixed(2);
}

function renderRanking(overview) {
  const body = $('#ranking tbody');
  const rows = overview.ranking.map((ranked, index) => {
    const id = ranked.kind + ':' + ranked.key;
    const row = el('tr', { 'data-key': id, onclick: () => selectKey(ranked.kind, ranked.key) },
      el('td', { class: 'num', text: String(index + 1) }),
      el('td', {}, el('span', { class: 'kind', text: ranked.kind.toLowerCase() }), el('span', { class: 'key-name', text: ranked.key })),
      el('td', { class: 'num', text: pct(ranked.latest.share) }),
      el('td', { class: 'num', text: pct(ranked.latest.baseline) }),
      el('td', { class: 'num z', text: z(ranked.latest.z) }),
      el('td', { class: 'num', text: String(ranked.latest.count) }),
      el('td', {}, el('span', { class: 'badge ' + ranked.latest.state, text: ranked.latest.state })),
      el('td', {}, spark(id, ranked.spark)),
      el('td', { text: verdicts(ranked.useful, ranked.noise) }));
    row.classList.toggle('selected', state.key !== null && id === state.key.kind + ':' + state.key.key);
    return row;
  });
  body.replaceChildren(...rows);
  const note = overview.newestWindowEnd === null
    ? 'No window statistics yet: the scoring job publishes one per topic and entity as each window closes.'
    : overview.ranking.length + ' of ' + overview.keysTracked + ' keys, windows up to ' + utcDay(overview.newestWindowEnd) + ' UTC (event time).';
  $('#ranking-note').textContent = note;
}

function verdicts(useful, noise) {
  return useful + noise === 0 ? '' : useful + ' useful · ' + noise + ' noise';
}

/** A key's sparkline: one small uPlot per key, kept across updates. */
function spark(id, points) {
  const data = [points.map((p) => p[0] / 1000), points.map((p) => p[1])];
  let entry = state.sparks.get(id);
  if (!entry) {
    const node = el('div', { class: 'spark' });
    const plot = new uPlot({ width: 120, height: 26, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: true }, y: { range: [0, 1] } }, axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: '#c0392b', width: 1.5 }] }, data, node);
    entry = { node, plot };
    state.sparks.set(id, entry);
  } else {
    entry.plot.setData(data);
  }
  return entry.node;
}

function renderAlerts(overview) {
  const rows = overview.alerts.map((row) => {
    const episode = row.episode;
    const latest = episode.resolved || episode.firing;
    const fired = episode.firing || latest;
    return el('tr', { 'data-alert': episode.alertId, class: episode.alertId === state.alert ? 'selected' : '',
      onclick: () => loadAlert(episode.alertId) },
      el('td', {}, el('span', { class: 'badge ' + latest.state, text: latest.state })),
      el('td', {}, el('span', { class: 'badge ' + fired.severity, text: fired.severity })),
      el('td', {}, el('span', { class: 'kind', text: episode.kind.toLowerCase() }), el('span', { class: 'key-name', text: episode.key })),
      el('td', { class: 'num', text: z(fired.z) }),
      el('td', { text: utc(latest.windowStart) + '–' + utc(latest.windowEnd) }),
      el('td', { text: clock(latest.firedAt) }),
      el('td', { text: verdicts(row.useful, row.noise) }));
  });
  $('#alerts tbody').replaceChildren(...rows);
  if (overview.alerts.length === 0) {
    $('#alerts tbody').append(el('tr', {}, el('td', { colSpan: 7, class: 'hint', text: 'No alerts in the desk\'s history.' })));
  }
}

function renderModels(model) {
  $('#model-note').textContent = model.serving
    ? 'Serving ' + model.serving + ': the version of the newest scored text (scored ' + clock(model.lastScoredAt) + ').'
    : 'No text scored yet.';
  $('#swaps').replaceChildren(...model.announcements.map((a) => el('li', {},
    el('b', { class: 'model-version', text: a.version }),
    ' announced ' + clock(a.announcedAt) + (a.parentVersion ? ', from ' + a.parentVersion : '') + ': ' + a.reason)));
  if (model.announcements.length === 0) {
    $('#swaps').append(el('li', { class: 'hint', text: 'No version announced on model.updates yet.' }));
  }
}

// ---- one key's chart ------------------------------------------------------------------------

function selectKey(kind, key) {
  state.key = { kind, key };
  loadKey();
}

async function loadKey() {
  const { kind, key } = state.key;
  const detail = await getJson('/api/keys/' + encodeURIComponent(kind.toLowerCase()) + '/' + encodeURIComponent(key));
  if (!detail || state.key.kind !== kind || state.key.key !== key) return;
  const points = detail.points;
  state.keyEnd = points.length ? points[points.length - 1].windowEnd : null;
  $('#chart-title').textContent = kind.toLowerCase() + ' ' + key + ': negative share against its normal level';
  drawChart(points, detail.episodes);
  $('#recent').replaceChildren(...detail.recent.map((text) => el('li', {}, textBlock(text, null))));
  if (detail.recent.length === 0) $('#recent').append(el('li', { class: 'hint', text: 'No texts about it on the desk.' }));
  document.querySelectorAll('#ranking tbody tr').forEach((row) => row.classList.toggle('selected', row.dataset.key === kind + ':' + key));
}

function drawChart(points, episodes) {
  const data = [points.map((p) => p.windowEnd / 1000), points.map((p) => p.share), points.map((p) => p.baseline),
    points.map((p) => p.count)];
  const spans = episodes.map((e) => [(e.firing || e.resolved).windowStart / 1000,
    e.resolved ? e.resolved.windowEnd / 1000 : null]);
  const container = $('#chart');
  const width = Math.max(320, container.clientWidth - 4);
  if (state.chart) state.chart.destroy();
  container.replaceChildren();
  state.chart = new uPlot({
    width, height: 260,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    scales: { x: { time: true }, share: { range: [0, 1] }, count: { range: (u, min, max) => [0, Math.max(1, max * 1.2)] } },
    axes: [{}, { scale: 'share', values: (u, values) => values.map((v) => pct(v)) },
      { scale: 'count', side: 1, grid: { show: false } }],
    series: [{},
      { label: 'negative share', scale: 'share', stroke: '#c0392b', width: 2, value: (u, v) => v == null ? '–' : pct(v) },
      { label: 'normal', scale: 'share', stroke: '#7f8c8d', dash: [6, 4], width: 1.5, value: (u, v) => v == null ? '–' : pct(v) },
      { label: 'texts', scale: 'count', stroke: '#aab7b8', fill: 'rgba(170,183,184,0.35)', paths: uPlot.paths.bars({ size: [0.7, 40] }) }],
    hooks: { drawClear: [(u) => shadeEpisodes(u, spans)] },
  }, data, container);
}

/** Alert episodes as shaded bands, from the window that fired to the one that resolved (or now). */
function shadeEpisodes(u, spans) {
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = 'rgba(192, 57, 43, 0.13)';
  for (const [start, end] of spans) {
    const x0 = u.valToPos(start, 'x', true);
    const x1 = u.valToPos(end === null ? u.scales.x.max : end, 'x', true);
    ctx.fillRect(x0, u.bbox.top, Math.max(2, x1 - x0), u.bbox.height);
  }
  ctx.restore();
}

// ---- one alert and its evidence -------------------------------------------------------------

/** What, when it changes, makes the open alert worth loading again: it resolved, or got a verdict. */
function alertSeen(episode, useful, noise) {
  return JSON.stringify([episode.resolved, useful, noise]);
}

async function loadAlert(alertId) {
  state.alert = alertId;
  const detail = await getJson('/api/alerts/' + encodeURIComponent(alertId));
  if (!detail || state.alert !== alertId) return;
  state.alertSeen = alertSeen(detail.episode, detail.useful, detail.noise);
  document.querySelectorAll('#alerts tbody tr').forEach((row) => row.classList.toggle('selected', row.dataset.alert === alertId));
  const episode = detail.episode;
  const fired = episode.firing || episode.resolved;
  const head = el('div', { class: 'head' },
    el('div', {}, el('span', { class: 'badge ' + (episode.resolved ? 'RESOLVED' : 'FIRING'), text: episode.resolved ? 'RESOLVED' : 'FIRING' }),
      ' ', el('span', { class: 'badge ' + fired.severity, text: fired.severity }), ' ',
      el('b', { class: 'alert-key', text: episode.kind.toLowerCase() + ' ' + episode.key })),
    el('div', { text: pct(fired.share) + ' negative of ' + fired.count + ' texts against a normal ' + pct(fired.baseline)
      + ' (z ' + z(fired.z) + '), window ' + utcDay(fired.windowStart) + '–' + utc(fired.windowEnd) + ' UTC'
      + (episode.resolved ? '; resolved after the window ending ' + utc(episode.resolved.windowEnd) : '; still firing') }),
    el('div', { class: 'hint', text: 'scored by ' + fired.modelVersions.join(', ') }),
    el('div', { class: 'verdict' }, 'Worth it? ',
      el('button', { class: 'verdict-useful', text: 'Useful', onclick: () => judge(alertId, 'USEFUL') }),
      el('button', { class: 'verdict-noise', text: 'Noise', onclick: () => judge(alertId, 'NOISE') }),
      el('span', { class: 'verdict-count', text: detail.useful + ' useful · ' + detail.noise + ' noise' }),
      el('div', { class: 'message', id: 'verdict-message' })));
  const evidence = detail.evidence.map((item) => el('div', { class: 'evidence', 'data-text': item.named.id },
    item.text ? textBlock(item.text, item.words) : el('div', { class: 'text', text: item.named.snippet }),
    item.text ? null : el('div', { class: 'probs' }, 'P(bearish) ', el('b', { text: pct(item.named.bearish) })),
    item.wordsNote ? el('div', { class: 'hint words-note', text: item.wordsNote }) : null));
  $('#alert-detail').replaceChildren(head, el('h3', { text: 'Evidence: the most negative texts of the window' }), ...evidence);
}

/** A scored text: its words (the heaviest marked), its probabilities, its version, and relabelling. */
function textBlock(text, words) {
  const body = el('div', { class: 'text' });
  if (words) {
    let at = 0;
    const top = Math.max(...words.words.map((w) => w.weight), 1e-9);
    for (const word of words.words) {
      body.append(text.text.slice(at, word.start));
      const mark = el('mark', { class: word.top ? 'top' : '', text: text.text.slice(word.start, word.end),
        title: (word.weight * 100).toFixed(1) + '% of the attention on words' });
      if (word.top) mark.style.setProperty('--w', (0.2 + 0.5 * word.weight / top).toFixed(2));
      body.append(mark);
      at = word.end;
    }
    body.append(text.text.slice(at));
  } else {
    body.textContent = text.text;
  }
  const message = el('div', { class: 'message' });
  const sentiment = el('select', { class: 'sentiment' }, ...['Bearish', 'Bullish', 'Neutral'].map((s) =>
    el('option', { value: s, text: s, selected: s === text.sentiment })));
  const listId = 'topics-' + text.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const topic = el('input', { class: 'topic', placeholder: 'topic (or a new one)', value: text.topic });
  topic.setAttribute('list', listId);
  return [body,
    el('div', { class: 'probs' }, 'bearish ', el('b', { class: 'p-bearish', text: pct(text.bearish) }),
      ' bullish ', el('b', { text: pct(text.bullish) }), ' neutral ', el('b', { text: pct(text.neutral) }),
      ' · topic ', el('b', { text: text.topic + ' ' + pct(text.topicConfidence) }),
      ' · scored by ', el('b', { class: 'model-version', text: text.modelVersion })),
    el('div', { class: 'relabel' }, 'Right sentiment:', sentiment,
      el('button', { class: 'send-sentiment', text: 'Send', onclick: () => relabel(text.id, 'SENTIMENT', sentiment.value, message) }),
      ' topic:', topic, el('datalist', { id: listId }, ...text.topics.map((t) => el('option', { value: t }))),
      el('button', { class: 'send-topic', text: 'Send', onclick: () => relabel(text.id, 'TOPIC', topic.value, message) })),
    message];
}

// ---- corrections and verdicts ---------------------------------------------------------------

function analyst() {
  const name = $('#analyst').value.trim();
  localStorage.setItem('sentiflow.analyst', name);
  return name;
}

async function relabel(textId, task, label, message) {
  await submit('/api/labels', { textId, task, label, annotator: analyst() }, message);
}

async function judge(alertId, verdict) {
  await submit('/api/verdicts', { alertId, verdict, analyst: analyst() }, $('#verdict-message'));
}

async function submit(path, body, message) {
  message.className = 'message';
  message.textContent = 'sending…';
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => ({ outcome: 'not-sent', message: 'the desk answered ' + response.status }));
    message.className = 'message ' + answer.outcome;
    message.textContent = (answer.outcome === 'sent' ? 'Sent: ' : 'Not sent: ') + answer.message;
  } catch (error) {
    message.className = 'message not-sent';
    message.textContent = 'Not sent: the desk does not answer (' + error + ')';
  }
}

async function getJson(path) {
  try {
    const response = await fetch(path);
    return response.ok ? await response.json() : null;
  } catch (error) {
    return null;
  }
}

$('#analyst').value = localStorage.getItem('sentiflow.analyst') || '';
connect();
