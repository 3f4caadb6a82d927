// The dashboard page: coins from /api/coins, candles from /api/coins/{id}/candles, alerts from
// /api/alerts, then live alerts and prices from /api/stream (Server-Sent Events). No build step.
'use strict';

const state = { coin: null, chart: null, alertIds: new Set() };
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

async function loadCandles() {
  const coin = state.coin;
  if (!coin) return;
  try {
    const data = await getJson(`/api/coins/${encodeURIComponent(coin)}/candles`);
    if (coin !== state.coin) return; // another coin was chosen meanwhile
    $('chart-error').hidden = true;
    $('candle-count').textContent = String(data.candles.length);
    drawChart(data.candles);
  } catch (e) {
    $('chart-error').hidden = false;
    $('chart-error').textContent = `candles unavailable: ${e.message}`;
  }
}

function drawChart(candles) {
  state.chart = state.chart || echarts.init($('chart'), 'dark', { renderer: 'canvas' });
  const hours = candles.map((c) => c.hour_start.slice(5, 16).replace('T', ' '));
  state.chart.setOption({
    backgroundColor: 'transparent',
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [{ left: 70, right: 20, top: 20, height: '62%' }, { left: 70, right: 20, top: '78%', height: '14%' }],
    xAxis: [
      { type: 'category', data: hours, boundaryGap: true, axisLabel: { show: false } },
      { type: 'category', data: hours, gridIndex: 1, boundaryGap: true },
    ],
    yAxis: [{ scale: true }, { scale: true, gridIndex: 1, splitNumber: 2, name: '24 h volume' }],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }],
    series: [
      {
        name: 'OHLC', type: 'candlestick',
        // ECharts' order is open, close, low, high.
        data: candles.map((c) => [c.open, c.close, c.low, c.high].map(Number)),
        itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' },
      },
      {
        name: '24 h volume at hour end', type: 'bar', xAxisIndex: 1, yAxisIndex: 1,
        data: candles.map((c) => Number(c.volume_24h)), itemStyle: { color: '#4fa3e0' },
      },
    ],
  }, true);
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
    if (tick.coin_id === state.coin) $('latest-price').textContent = tick.price_usd;
  });
}

function every(ms, fn) {
  fn().catch((e) => console.warn(e));
  setInterval(() => fn().catch((e) => console.warn(e)), ms);
}

window.addEventListener('resize', () => state.chart && state.chart.resize());
connectStream();
every(30000, loadCoins);
every(60000, loadCandles);
every(30000, loadAlerts);
every(15000, loadHealth);
