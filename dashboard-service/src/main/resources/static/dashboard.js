// The dashboard page: coins from /api/coins, candles from /api/coins/{id}/candles, alerts from
// /api/alerts, then live alerts and prices from /api/stream (Server-Sent Events). No build step.
'use strict';

const state = { coin: null, chart: null, alertIds: new Set(), interval: null, view: null };
const SECONDS = { '1m': 60, '5m': 300, '15m': 900, '1h': 3600, '1d': 86400 };
// The user's choice of interval, kept across visits; until there is one, 1m while Gold holds
// less than a few hours, then 1h.
const CHOSEN = 'crypto-lakehouse.interval';
const $ = (id) => document.getElementById(id);

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function pct(value) {
  if (value === null || value === undefined) return { text: '–', cls: '' };
  const n = Number(value);
  return { text: `${n > 0 ? '+' : ''}${n.toFixed(2)} %`, cls: n > 0 ? 'up' : n < 0 ? 'down' : '' };
}

function cell(tr, cls, text, extra) {
  const td = document.createElement('td');
  td.className = `${cls} ${extra || ''}`.trim();
  td.textContent = text;
  tr.appendChild(td);
}

async function loadCoins() {
  const { coins } = await getJson('/api/coins');
  const body = $('coins').tBodies[0];
  body.replaceChildren();
  if (coins.length === 0) {
    body.innerHTML = '<tr class="empty"><td colspan="4">no hourly bars in Gold yet</td></tr>';
    return;
  }
  for (const c of coins) {
    const tr = document.createElement('tr');
    tr.dataset.coin = c.coin_id;
    tr.title = c.simulated ? 'simulated data' : '';
    cell(tr, 'name', c.symbol ? `${c.symbol.toUpperCase()} · ${c.name}` : c.coin_id);
    cell(tr, 'num price', c.price_usd);
    const h1 = pct(c.change_1h_pct), h24 = pct(c.change_24h_pct);
    cell(tr, 'num change-1h', h1.text, h1.cls);
    cell(tr, 'num change-24h', h24.text, h24.cls);
    tr.addEventListener('click', () => select(c.coin_id));
    if (c.coin_id === state.coin) tr.classList.add('selected');
    body.appendChild(tr);
  }
  if (!state.coin) await select(coins[0].coin_id);
  else updateLatestPrice();
}

function updateLatestPrice() {
  const row = document.querySelector(`#coins tr[data-coin="${state.coin}"] .price`);
  $('latest-price').textContent = row ? row.textContent : '–';
}

async function select(coin) {
  state.coin = coin;
  document.querySelectorAll('#coins tr[data-coin]').forEach((tr) =>
    tr.classList.toggle('selected', tr.dataset.coin === coin));
  $('selected-coin').textContent = coin;
  updateLatestPrice();
  await loadCandles();
}

async function defaultInterval(coin) {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen && SECONDS[chosen]) return chosen;
  const hourly = await getJson(`/api/coins/${encodeURIComponent(coin)}/candles`);
  return hourly.candles.length < 6 ? '1m' : '1h';
}

function showInterval(interval) {
  state.interval = interval;
  $('interval-label').textContent = interval;
  document.querySelectorAll('#intervals button').forEach((b) =>
    b.classList.toggle('selected', b.dataset.interval === interval));
}

async function loadCandles() {
  const coin = state.coin;
  if (!coin) return;
  try {
    if (!state.interval) showInterval(await defaultInterval(coin));
    const interval = state.interval;
    const data = await getJson(
      `/api/coins/${encodeURIComponent(coin)}/candles/${encodeURIComponent(interval)}`);
    if (coin !== state.coin || interval !== state.interval) return; // changed meanwhile
    $('chart-error').hidden = true;
    $('candle-count').textContent = String(data.candles.length);
    state.view = buckets(data, SECONDS[interval]);
    drawChart(state.view);
  } catch (e) {
    $('chart-error').hidden = false;
    $('chart-error').textContent = `candles unavailable: ${e.message}`;
  }
}

// Every bucket from the first candle to the end of the range, so that one without observations is
// drawn as a gap, never as a price.
function buckets(data, seconds) {
  const byStart = new Map(data.candles.map((c) => [Date.parse(c.start), c]));
  const view = { seconds, starts: [], candles: [] };
  if (data.candles.length === 0) return view;
  const first = Date.parse(data.candles[0].start);
  // Up to the bucket of Gold's newest observation (the range ends one interval after it).
  const last = Math.min(Date.parse(data.to), Date.now() + seconds * 1000) - seconds * 1000;
  for (let t = first; t <= last && view.starts.length < 3000; t += seconds * 1000) {
    view.starts.push(t);
    view.candles.push(byStart.get(t) || null);
  }
  $('gap-count').textContent = String(view.candles.filter((c) => c === null).length);
  return view;
}

function label(t, seconds) {
  const iso = new Date(t).toISOString();
  return seconds >= 86400 ? iso.slice(0, 10) : iso.slice(5, 16).replace('T', ' ');
}

function drawChart(view) {
  state.chart = state.chart || echarts.init($('chart'), 'dark', { renderer: 'canvas' });
  const labels = view.starts.map((t) => label(t, view.seconds));
  state.chart.setOption({
    backgroundColor: 'transparent',
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [{ left: 70, right: 20, top: 20, height: '62%' }, { left: 70, right: 20, top: '78%', height: '14%' }],
    xAxis: [
      { type: 'category', data: labels, boundaryGap: true, axisLabel: { show: false } },
      { type: 'category', data: labels, gridIndex: 1, boundaryGap: true },
    ],
    yAxis: [{ scale: true }, { scale: true, gridIndex: 1, splitNumber: 2, name: '24 h volume' }],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }],
    series: [
      {
        name: 'OHLC', type: 'candlestick',
        // ECharts' order is open, close, low, high; '-' is a gap (a bucket without observations).
        data: view.candles.map((c) => (c ? [c.open, c.close, c.low, c.high].map(Number) : '-')),
        itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' },
      },
      {
        name: '24 h volume at the candle\'s end', type: 'bar', xAxisIndex: 1, yAxisIndex: 1,
        data: view.candles.map((c) => (c ? Number(c.volume_24h) : '-')), itemStyle: { color: '#4fa3e0' },
      },
    ],
  }, true);
}

// A live price drawn into the forming candle (a new one when its bucket has begun); the next load
// replaces it with what Gold computed.
function drawTick(tick) {
  const view = state.view;
  if (!view || view.starts.length === 0 || !tick.observed_at) return;
  const at = Date.parse(tick.observed_at);
  const start = at - (at % (view.seconds * 1000));
  const price = Number(tick.price_usd);
  const last = view.starts.length - 1;
  if (start < view.starts[last]) return;
  if (start > view.starts[last]) {
    view.starts.push(start);
    view.candles.push(null);
  }
  const i = view.starts.length - 1;
  const c = view.candles[i];
  view.candles[i] = c
    ? { ...c, close: String(price), high: String(Math.max(Number(c.high), price)), low: String(Math.min(Number(c.low), price)) }
    : { open: String(price), close: String(price), high: String(price), low: String(price), volume_24h: '0', live: true };
  drawChart(view);
}

function renderAlert(a, fresh) {
  if (state.alertIds.has(a.alert_id)) return;
  state.alertIds.add(a.alert_id);
  const list = $('alerts');
  $('alerts-none')?.remove();
  const li = document.createElement('li');
  li.dataset.alertId = a.alert_id;
  li.dataset.coin = a.coin_id;
  if (fresh) li.classList.add('new');
  const when = (a.window_end || '').replace('T', ' ').slice(0, 16);
  li.innerHTML = '<strong></strong> <span class="down"></span> <span class="empty"></span>';
  li.children[0].textContent = a.coin_id;
  li.children[1].textContent = `${Number(a.pct_change).toFixed(2)} % (${a.from_price} → ${a.to_price})`;
  li.children[2].textContent = `${when} UTC${a.simulated ? ' · simulated' : ''}`;
  if (fresh) list.prepend(li); else list.appendChild(li);
}

async function loadAlerts() {
  const { alerts } = await getJson('/api/alerts?limit=50');
  alerts.forEach((a) => renderAlert(a, false));
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return 'no data';
  if (seconds < 0) return 'ahead of this clock';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

async function loadHealth() {
  try {
    const { lakehouse, live } = await getJson('/api/health');
    const status = $('live-status');
    if (!live.connected) {
      status.textContent = 'feed: Kafka unreachable';
      status.className = 'layer stale';
    } else if (status.dataset.state === 'live') {
      status.textContent = 'feed live';
      status.className = 'layer fresh';
    }
    for (const layer of lakehouse.layers) {
      const el = $(`health-${layer.layer}`);
      if (!el) continue;
      const lag = age(layer.lag_seconds);
      el.textContent = `${layer.layer} ${/^\d/.test(lag) ? `${lag} ago` : lag}`;
      el.title = `${layer.table}: newest ${layer.column} ${layer.newest || 'none'}, ${layer.rows ?? 0} rows`;
      const fresh = layer.lag_seconds !== null && layer.lag_seconds < 180;
      el.className = `layer ${layer.lag_seconds === null ? 'down' : fresh ? 'fresh' : 'stale'}`;
    }
    $('health-quarantine').textContent = `quarantined ${lakehouse.quarantined ?? 0}`;
  } catch (e) {
    $('health-gold').textContent = `lakehouse unavailable: ${e.message}`;
    $('health-gold').className = 'layer down';
  }
}

function connectStream() {
  const status = $('live-status');
  const stream = new EventSource('/api/stream');
  stream.onopen = () => { status.textContent = 'feed live'; status.dataset.state = 'live'; status.className = 'layer fresh'; };
  stream.onerror = () => { status.textContent = 'feed reconnecting'; status.dataset.state = 'reconnecting'; status.className = 'layer stale'; };
  stream.addEventListener('alert', (e) => renderAlert(JSON.parse(e.data), true));
  stream.addEventListener('price', (e) => {
    const tick = JSON.parse(e.data);
    const price = document.querySelector(`#coins tr[data-coin="${tick.coin_id}"] .price`);
    if (price) price.textContent = tick.price_usd;
    if (tick.coin_id === state.coin) {
      $('latest-price').textContent = tick.price_usd;
      drawTick(tick);
    }
  });
}

function every(ms, fn) {
  fn().catch((e) => console.warn(e));
  setInterval(() => fn().catch((e) => console.warn(e)), ms);
}

window.addEventListener('resize', () => state.chart && state.chart.resize());
document.querySelectorAll('#intervals button').forEach((b) =>
  b.addEventListener('click', () => {
    localStorage.setItem(CHOSEN, b.dataset.interval);
    showInterval(b.dataset.interval);
    loadCandles();
  }));
connectStream();
every(30000, loadCoins);
every(60000, loadCandles);
every(30000, loadAlerts);
every(15000, loadHealth);
