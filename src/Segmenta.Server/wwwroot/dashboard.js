// Segmenta dashboard: draws each page from its /v1/reports JSON and nothing else.
// Every figure carries data-path="report:path" and data-format, and every chart data-source, so a
// reader (or the browser tests) can check the page against the JSON it came from.
'use strict';

const I18N = {
  en: {
    'page.overview': 'Overview', 'page.segments': 'Segments', 'page.predictions': 'Purchase probability', 'page.cohorts': 'Cohorts',
    'page.funnel': 'Funnel', 'page.clusters': 'Clusters', 'page.baskets': 'Basket rules', 'page.campaigns': 'Campaigns & experiments', 'page.alerts': 'Alerts',
    logout: 'Log out', validatedOn: 'validated on', loading: 'Loading…', error: 'Could not load', period: 'Period', asOf: 'As of', basis: 'basis',
    net_revenue: 'Net revenue', gross_revenue: 'Gross revenue', orders: 'Orders', customers: 'Buying customers', new_customers: 'New customers',
    average_order_value: 'Average order value', repeat_purchase_rate: 'Repeat purchase rate', sessions: 'Sessions', visitors: 'Visitors',
    session_conversion_rate: 'Session conversion', churn_rate: 'Churn rate (90 days)', monthlyRevenue: 'Revenue per month', month: 'Month',
    noData: 'No orders or events yet: import data or run `segmenta demo`.',
    segment: 'Segment', share: 'Share', revenue_share: 'Revenue share', aov: 'AOV', repeat_rate: 'Repeat rate', next_conversion: 'Bought in next 30 days',
    people: 'People', segmentMap: 'Customers per segment', rfmGrid: 'RFM grid: recency score (rows) × frequency score (columns)',
    migration: 'Movements between snapshots', from: 'From', to: 'To', noSegments: 'No segment snapshot yet: run `segmenta rfm`.',
    noMigration: 'Movements need two snapshots of the same basis: run `segmenta rfm --as-of` at an earlier day too.',
    model: 'Model', horizon: 'Horizon (days)', auc: 'AUC', lift: 'Top-decile lift', ece: 'Calibration error (ECE)', band: 'Band',
    mean_predicted: 'Mean predicted', actual_rate: 'Actual conversion', bandsChart: 'Predicted vs actual conversion per band',
    noModel: 'No purchase model yet: run `segmenta predict train`.', cohort: 'Cohort', retentionChart: 'Retention by months since first purchase',
    noCohorts: 'No purchases yet.', step: 'Step', share_of_sessions: 'Share of sessions', drop_off: 'Drop-off', noFunnel: 'No sessions yet: import events.',
    'step.sessions': 'Sessions', 'step.product view': 'Product view', 'step.add to cart': 'Add to cart', 'step.checkout': 'Checkout', 'step.purchase': 'Purchase',
    cluster: 'Cluster', name: 'Name', mean_recency: 'Mean recency (days)', mean_frequency: 'Mean frequency', mean_monetary: 'Mean spend',
    noClusters: 'No clusters yet: run `segmenta cluster`.', baskets: 'Baskets', rules: 'Rules', rule: 'Rule', count: 'Baskets with all', support: 'Support',
    confidence: 'Confidence', liftCol: 'Lift', noRules: 'No rules at these thresholds.', thresholds: 'Thresholds', campaign: 'Campaign', revenue: 'Revenue',
    revenueByCampaign: 'Revenue by campaign (orders carrying a campaign id)', campaignsTable: 'Campaigns', experimentsTable: 'Experiments',
    noCampaigns: 'No campaigns in this workspace yet.', noExperiments: 'No experiments in this workspace yet.', noCampaignOrders: 'No orders yet.',
    kpiAlerts: 'KPI alerts', quietCustomers: 'Valuable customers going quiet', noAlerts: 'No KPI rule fired.', noQuiet: 'Nobody valuable has gone quiet.',
    ruleCol: 'Rule', kpi: 'KPI', day: 'Day', value: 'Value', baseline: 'Baseline', score: 'Change / z', week_over_week_drop: 'Week-over-week drop',
    daily_z_score: 'Daily z-score', customer: 'Customer', order_days: 'Order days', monetary: 'Spend', last_order: 'Last order',
    days_since: 'Days since', cycle: 'Median cycle (days)', ratio: 'Since / cycle', sendWebhook: 'Send to webhook', sent: 'Sent: receiver answered',
    settingsLine: 'Drop ≥ {drop} week over week; |z| ≥ {z} against the {days} days before; quiet = days since last order > {k} × median cycle.',
  },
  ko: {
    'page.overview': '개요', 'page.segments': '세그먼트', 'page.predictions': '구매 확률', 'page.cohorts': '코호트',
    'page.funnel': '퍼널', 'page.clusters': '클러스터', 'page.baskets': '장바구니 규칙', 'page.campaigns': '캠페인·실험', 'page.alerts': '알림',
    logout: '로그아웃', validatedOn: '검증 기준일', loading: '불러오는 중…', error: '불러오지 못했습니다', period: '기간', asOf: '기준일', basis: '기준',
    net_revenue: '순매출', gross_revenue: '총매출', orders: '주문 수', customers: '구매 고객 수', new_customers: '신규 고객',
    average_order_value: '평균 주문 금액', repeat_purchase_rate: '재구매율', sessions: '세션', visitors: '방문자',
    session_conversion_rate: '세션 전환율', churn_rate: '이탈률 (90일)', monthlyRevenue: '월별 매출', month: '월',
    noData: '아직 주문이나 이벤트가 없습니다: 데이터를 가져오거나 `segmenta demo` 를 실행하세요.',
    segment: '세그먼트', share: '비중', revenue_share: '매출 비중', aov: '평균 주문 금액', repeat_rate: '재구매율', next_conversion: '다음 30일 구매율',
    people: '인원', segmentMap: '세그먼트별 고객 수', rfmGrid: 'RFM 그리드: 최근성 점수(행) × 빈도 점수(열)',
    migration: '스냅샷 간 이동', from: '이전', to: '이후', noSegments: '세그먼트 스냅샷이 없습니다: `segmenta rfm` 을 실행하세요.',
    noMigration: '이동을 보려면 같은 기준의 스냅샷이 두 개 필요합니다: 이전 날짜로 `segmenta rfm --as-of` 도 실행하세요.',
    model: '모델', horizon: '예측 기간(일)', auc: 'AUC', lift: '상위 10% 리프트', ece: '보정 오차 (ECE)', band: '구간',
    mean_predicted: '평균 예측 확률', actual_rate: '실제 전환율', bandsChart: '구간별 예측 대비 실제 전환율',
    noModel: '구매 예측 모델이 없습니다: `segmenta predict train` 을 실행하세요.', cohort: '코호트', retentionChart: '첫 구매 후 개월별 유지율',
    noCohorts: '아직 구매가 없습니다.', step: '단계', share_of_sessions: '세션 대비 비율', drop_off: '이탈률', noFunnel: '세션이 없습니다: 이벤트를 가져오세요.',
    'step.sessions': '세션', 'step.product view': '상품 조회', 'step.add to cart': '장바구니 담기', 'step.checkout': '결제 시작', 'step.purchase': '구매',
    cluster: '클러스터', name: '이름', mean_recency: '평균 최근성(일)', mean_frequency: '평균 빈도', mean_monetary: '평균 구매액',
    noClusters: '클러스터가 없습니다: `segmenta cluster` 를 실행하세요.', baskets: '장바구니', rules: '규칙', rule: '규칙', count: '함께 담긴 장바구니', support: '지지도',
    confidence: '신뢰도', liftCol: '향상도', noRules: '이 기준을 넘는 규칙이 없습니다.', thresholds: '기준', campaign: '캠페인', revenue: '매출',
    revenueByCampaign: '캠페인별 매출 (캠페인 ID가 있는 주문)', campaignsTable: '캠페인', experimentsTable: '실험',
    noCampaigns: '이 워크스페이스에는 아직 캠페인이 없습니다.', noExperiments: '이 워크스페이스에는 아직 실험이 없습니다.', noCampaignOrders: '아직 주문이 없습니다.',
    kpiAlerts: 'KPI 알림', quietCustomers: '뜸해진 우수 고객', noAlerts: '발생한 KPI 알림이 없습니다.', noQuiet: '뜸해진 우수 고객이 없습니다.',
    ruleCol: '규칙', kpi: 'KPI', day: '날짜', value: '값', baseline: '기준값', score: '변화 / z', week_over_week_drop: '전주 대비 하락',
    daily_z_score: '일별 z-점수', customer: '고객', order_days: '구매일 수', monetary: '구매액', last_order: '마지막 주문',
    days_since: '경과일', cycle: '구매 주기 중앙값(일)', ratio: '경과 / 주기', sendWebhook: '웹훅으로 보내기', sent: '전송됨: 수신 응답',
    settingsLine: '전주 대비 {drop} 이상 하락; 직전 {days}일 대비 |z| ≥ {z}; 뜸함 = 마지막 주문 후 경과일 > {k} × 구매 주기 중앙값.',
  },
};

let lang = localStorage.getItem('segmenta_lang') || ((navigator.language || '').toLowerCase().startsWith('ko') ? 'ko' : 'en');
const t = key => (I18N[lang][key] ?? I18N.en[key] ?? key);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// One format per kind of figure; the browser tests parse these back (docs/dashboard.md).
function fmt(v, kind) {
  if (v === null || v === undefined) return '—';
  switch (kind) {
    case 'int': return Math.round(v).toLocaleString('en-US');
    case 'money': return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'pct': return (v * 100).toFixed(1) + '%';
    case 'pct2': return (v * 100).toFixed(2) + '%';
    case 'dec1': return v.toFixed(1);
    case 'dec2': return v.toFixed(2);
    case 'dec3': return v.toFixed(3);
    default: return String(v);
  }
}
const fig = (v, kind, path) => `<span data-path="${esc(path)}" data-format="${kind}">${esc(fmt(v, kind))}</span>`;
const num = (v, kind, path) => `<td class="num">${fig(v, kind, path)}</td>`;
const card = (label, v, kind, path) => `<div class="card"><div class="label">${esc(t(label))}</div><div class="value">${fig(v, kind, path)}</div></div>`;
const empty = key => `<p class="empty">${esc(t(key))}</p>`;
const head = cols => `<thead><tr>${cols.map(([k, n]) => `<th${n ? ' class="num"' : ''}>${esc(t(k))}</th>`).join('')}</tr></thead>`;
const chartDiv = (id, sources, cls = '') => `<div class="chart ${cls}" id="${id}" data-source="${esc(sources.join('|'))}"></div>`;
const segName = s => (lang === 'ko' ? s.korean_name : s.name) || s.segment;

const charts = [];
function chart(id, option) {
  const el = document.getElementById(id);
  if (!el) return;
  const c = echarts.init(el);
  c.setOption(Object.assign({ animation: false, tooltip: {} }, option));
  charts.push(c);
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

async function load(report, query = '') {
  const response = await fetch(`/v1/reports/${report}${query}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401 || response.status === 403) {
    location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
    throw new Error('not logged in');
  }
  if (!response.ok) throw new Error(`${report}: HTTP ${response.status}`);
  return response.json();
}

const pages = {
  async overview() {
    const d = await load('overview');
    if (!d.kpis) return { html: empty('noData') };
    const k = d.kpis;
    const keys = [['net_revenue', 'money'], ['gross_revenue', 'money'], ['orders', 'int'], ['customers', 'int'], ['new_customers', 'int'],
      ['average_order_value', 'money'], ['repeat_purchase_rate', 'pct'], ['sessions', 'int'], ['visitors', 'int'],
      ['session_conversion_rate', 'pct'], ['churn_rate', 'pct']];
    return {
      subtitle: `${t('period')}: ${k.from} – ${k.to} · ${d.shop.name} · ${d.shop.currency}`,
      html: `<div class="cards">${keys.map(([key, kind]) => card(key, k[key], kind, `overview:kpis.${key}`)).join('')}</div>
        <h2>${esc(t('monthlyRevenue'))}</h2>${chartDiv('monthly', ['overview:monthly.*.net_revenue', 'overview:monthly.*.gross_revenue'])}
        <table>${head([['month'], ['net_revenue', 1], ['gross_revenue', 1], ['orders', 1]])}<tbody>${d.monthly.map((m, i) => `<tr><td>${esc(m.month)}</td>
          ${num(m.net_revenue, 'money', `overview:monthly.${i}.net_revenue`)}${num(m.gross_revenue, 'money', `overview:monthly.${i}.gross_revenue`)}
          ${num(m.orders, 'int', `overview:monthly.${i}.orders`)}</tr>`).join('')}</tbody></table>`,
      draw() {
        chart('monthly', {
          legend: {}, grid: { left: 80, right: 20 }, xAxis: { type: 'category', data: d.monthly.map(m => m.month) }, yAxis: { type: 'value' },
          series: [{ name: t('net_revenue'), type: 'bar', data: d.monthly.map(m => m.net_revenue) },
            { name: t('gross_revenue'), type: 'line', data: d.monthly.map(m => m.gross_revenue) }],
        });
      },
    };
  },

  async segments() {
    const [d, m] = await Promise.all([load('segments'), load('migration')]);
    if (!d.as_of) return { html: empty('noSegments') };
    const rows = d.segments.map((s, i) => `<tr><td>${esc(segName(s))}</td>${num(s.customers, 'int', `segments:segments.${i}.customers`)}
      ${num(s.share, 'pct', `segments:segments.${i}.share`)}${num(s.revenue_share, 'pct', `segments:segments.${i}.revenue_share`)}
      ${num(s.average_order_value, 'money', `segments:segments.${i}.average_order_value`)}${num(s.repeat_rate, 'pct', `segments:segments.${i}.repeat_rate`)}
      ${num(s.next_period_conversion, 'pct', `segments:segments.${i}.next_period_conversion`)}</tr>`).join('');
    const names = Object.fromEntries(d.segments.map(s => [s.segment, segName(s)]));
    const label = id => names[id] || id;
    const moves = m.transitions.length === 0 ? empty('noMigration') : `<p class="subtitle">${esc(t('from'))} ${m.from} → ${esc(t('to'))} ${m.to}</p>
      ${chartDiv('sankey', [])}
      <table>${head([['from'], ['to'], ['people', 1]])}<tbody>${m.transitions.map((x, i) =>
        `<tr><td>${esc(label(x.from_segment))}</td><td>${esc(label(x.to_segment))}</td>${num(x.customers, 'int', `migration:transitions.${i}.customers`)}</tr>`).join('')}</tbody></table>`;
    return {
      subtitle: `${t('asOf')} ${d.as_of} · ${t('basis')}: ${d.basis}`,
      html: `<div class="grid2">${chartDiv('treemap', ['segments:segments.*.customers'])}${chartDiv('grid', ['segments:grid.*.customers'])}</div>
        <table>${head([['segment'], ['people', 1], ['share', 1], ['revenue_share', 1], ['aov', 1], ['repeat_rate', 1], ['next_conversion', 1]])}<tbody>${rows}</tbody></table>
        <h2>${esc(t('migration'))}</h2>${moves}`,
      draw() {
        chart('treemap', {
          title: { text: t('segmentMap'), textStyle: { fontSize: 13 } },
          series: [{ type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, top: 30,
            data: d.segments.map(s => ({ name: segName(s), value: s.customers })) }],
        });
        chart('grid', {
          title: { text: t('rfmGrid'), textStyle: { fontSize: 13 } }, grid: { top: 40, left: 40 },
          xAxis: { type: 'category', name: 'F', data: ['1', '2', '3', '4', '5'] }, yAxis: { type: 'category', name: 'R', data: ['1', '2', '3', '4', '5'] },
          visualMap: { show: false, min: 0, max: Math.max(1, ...d.grid.map(g => g.customers)), inRange: { color: ['#f0f4f8', '#3a66db'] } },
          series: [{ type: 'heatmap', label: { show: true }, data: d.grid.map(g => [g.f - 1, g.r - 1, g.customers]) }],
        });
        if (m.transitions.length > 0) {
          const nodes = new Set();
          m.transitions.forEach(x => { nodes.add('a:' + x.from_segment); nodes.add('b:' + x.to_segment); });
          chart('sankey', {
            series: [{ type: 'sankey', left: 10, right: 120, label: { formatter: p => label(p.name.slice(2)) },
              data: [...nodes].map(n => ({ name: n })),
              links: m.transitions.map(x => ({ source: 'a:' + x.from_segment, target: 'b:' + x.to_segment, value: x.customers })) }],
          });
        }
      },
    };
  },

  async predictions() {
    const d = await load('predictions');
    if (!d.model) return { html: empty('noModel') };
    return {
      subtitle: `${t('model')}: ${d.model} · ${t('horizon')}: ${d.horizon_days} · ${t('validatedOn')} ${d.validation_cutoff}`,
      html: `<div class="cards">${card('auc', d.auc, 'dec3', 'predictions:auc')}${card('lift', d.top_decile_lift, 'dec2', 'predictions:top_decile_lift')}
        ${card('ece', d.expected_calibration_error, 'dec3', 'predictions:expected_calibration_error')}</div>
        ${chartDiv('bands', ['predictions:bands.*.mean_predicted', 'predictions:bands.*.actual_rate'])}
        <table>${head([['band', 1], ['people', 1], ['mean_predicted', 1], ['actual_rate', 1]])}<tbody>${d.bands.map((b, i) => `<tr>${num(b.band, 'int', `predictions:bands.${i}.band`)}
          ${num(b.customers, 'int', `predictions:bands.${i}.customers`)}${num(b.mean_predicted, 'pct2', `predictions:bands.${i}.mean_predicted`)}
          ${num(b.actual_rate, 'pct2', `predictions:bands.${i}.actual_rate`)}</tr>`).join('')}</tbody></table>`,
      draw() {
        chart('bands', {
          title: { text: t('bandsChart'), textStyle: { fontSize: 13 } }, legend: { top: 25 }, grid: { top: 60 },
          xAxis: { type: 'category', name: t('band'), data: d.bands.map(b => String(b.band)) }, yAxis: { type: 'value', axisLabel: { formatter: v => (v * 100).toFixed(0) + '%' } },
          series: [{ name: t('mean_predicted'), type: 'bar', data: d.bands.map(b => b.mean_predicted) },
            { name: t('actual_rate'), type: 'bar', data: d.bands.map(b => b.actual_rate) }],
        });
      },
    };
  },

  async cohorts() {
    const d = await load('cohorts');
    if (d.cohorts.length === 0) return { html: empty('noCohorts') };
    const periods = [...Array(d.periods).keys()];
    const cells = [];
    d.cohorts.forEach((c, y) => c.retention.forEach((v, x) => { if (v !== null) cells.push([x, y, v]); }));
    return {
      html: `${chartDiv('heatmap', ['cohorts:cohorts.*.retention.*'])}
        <table>${head([['cohort'], ['people', 1], ...periods.map(p => [String(p), 1])])}<tbody>${d.cohorts.map((c, i) => `<tr><td>${esc(c.cohort)}</td>
          ${num(c.customers, 'int', `cohorts:cohorts.${i}.customers`)}${c.retention.map((v, k) => v === null ? '<td></td>' : num(v, 'pct', `cohorts:cohorts.${i}.retention.${k}`)).join('')}</tr>`).join('')}</tbody></table>`,
      draw() {
        chart('heatmap', {
          title: { text: t('retentionChart'), textStyle: { fontSize: 13 } }, grid: { top: 40, left: 90 },
          xAxis: { type: 'category', data: periods.map(String) }, yAxis: { type: 'category', inverse: true, data: d.cohorts.map(c => c.cohort) },
          visualMap: { show: false, min: 0, max: 1, inRange: { color: ['#f0f4f8', '#3a66db'] } },
          series: [{ type: 'heatmap', label: { show: d.periods <= 14, formatter: p => (p.value[2] * 100).toFixed(0) }, data: cells }],
        });
      },
    };
  },

  async funnel() {
    const d = await load('funnel');
    if (d.steps.length === 0) return { html: empty('noFunnel') };
    return {
      subtitle: `${t('period')}: ${d.from} – ${d.to}`,
      html: `${chartDiv('funnel', ['funnel:steps.*.sessions'])}
        <table>${head([['step'], ['sessions', 1], ['share_of_sessions', 1], ['drop_off', 1]])}<tbody>${d.steps.map((s, i) => `<tr><td>${esc(t('step.' + s.name))}</td>
          ${num(s.sessions, 'int', `funnel:steps.${i}.sessions`)}${num(s.share_of_sessions, 'pct', `funnel:steps.${i}.share_of_sessions`)}
          ${num(s.drop_off, 'pct', `funnel:steps.${i}.drop_off`)}</tr>`).join('')}</tbody></table>`,
      draw() {
        chart('funnel', { series: [{ type: 'funnel', sort: 'none', minSize: '2%', data: d.steps.map(s => ({ name: t('step.' + s.name), value: s.sessions })) }] });
      },
    };
  },

  async clusters() {
    const d = await load('clusters');
    if (d.clusters.length === 0) return { html: empty('noClusters') };
    return {
      subtitle: `${t('asOf')} ${d.as_of}`,
      html: `${chartDiv('pie', ['clusters:clusters.*.customers'])}
        <table>${head([['cluster', 1], ['name'], ['people', 1], ['mean_recency', 1], ['mean_frequency', 1], ['mean_monetary', 1]])}<tbody>${d.clusters.map((c, i) => `<tr>
          ${num(c.cluster, 'int', `clusters:clusters.${i}.cluster`)}<td>${esc(c.name)}</td>${num(c.customers, 'int', `clusters:clusters.${i}.customers`)}
          ${num(c.mean_recency_days, 'dec1', `clusters:clusters.${i}.mean_recency_days`)}${num(c.mean_frequency, 'dec2', `clusters:clusters.${i}.mean_frequency`)}
          ${num(c.mean_monetary, 'money', `clusters:clusters.${i}.mean_monetary`)}</tr>`).join('')}</tbody></table>`,
      draw() {
        chart('pie', { series: [{ type: 'pie', radius: ['35%', '70%'], data: d.clusters.map(c => ({ name: c.name || String(c.cluster), value: c.customers })) }] });
      },
    };
  },

  async baskets() {
    // The page's own query (?min_support=&min_confidence=&top=) goes to the JSON as it is.
    const d = await load('baskets', location.search);
    const summary = `<div class="cards">${card('baskets', d.baskets, 'int', 'baskets:baskets')}${card('rules', d.rules, 'int', 'baskets:rules')}</div>`;
    if (d.top.length === 0) return { html: summary + empty('noRules') };
    return {
      subtitle: `${t('thresholds')}: ${t('support')} ≥ ${d.min_support}, ${t('confidence')} ≥ ${d.min_confidence}`,
      html: `${summary}${chartDiv('lift', ['baskets:top.*.lift'])}
        <table>${head([['rule'], ['count', 1], ['support', 1], ['confidence', 1], ['liftCol', 1]])}<tbody>${d.top.map((r, i) => `<tr>
          <td>${esc(r.antecedent.join(', '))} ⇒ ${esc(r.consequent.join(', '))}</td>${num(r.count, 'int', `baskets:top.${i}.count`)}
          ${num(r.support, 'pct2', `baskets:top.${i}.support`)}${num(r.confidence, 'pct', `baskets:top.${i}.confidence`)}
          ${num(r.lift, 'dec2', `baskets:top.${i}.lift`)}</tr>`).join('')}</tbody></table>`,
      draw() {
        chart('lift', {
          grid: { left: 200 }, yAxis: { type: 'category', inverse: true, data: d.top.map(r => `${r.antecedent.join(', ')} ⇒ ${r.consequent.join(', ')}`) },
          xAxis: { type: 'value', name: t('liftCol') }, series: [{ type: 'bar', data: d.top.map(r => r.lift) }],
        });
      },
    };
  },

  async campaigns() {
    const d = await load('campaigns');
    const generic = (rows, report, key) => {
      if (!rows || rows.length === 0) return empty(key === 'campaigns' ? 'noCampaigns' : 'noExperiments');
      const cols = Object.keys(rows[0]);
      return `<table><thead><tr>${cols.map(c => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r, i) => `<tr>${cols.map(c =>
        typeof r[c] === 'number' ? `<td class="num"><span data-path="${report}:${key}.${i}.${esc(c)}" data-format="raw">${esc(r[c])}</span></td>` : `<td>${esc(r[c])}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    };
    const revenue = d.revenue_by_campaign;
    return {
      html: `<h2>${esc(t('revenueByCampaign'))}</h2>${revenue.length === 0 ? empty('noCampaignOrders') : `${chartDiv('campaignRevenue', ['campaigns:revenue_by_campaign.*.revenue'])}
        <table>${head([['campaign'], ['orders', 1], ['customers', 1], ['revenue', 1]])}<tbody>${revenue.map((c, i) => `<tr><td>${esc(c.campaign)}</td>
          ${num(c.orders, 'int', `campaigns:revenue_by_campaign.${i}.orders`)}${num(c.customers, 'int', `campaigns:revenue_by_campaign.${i}.customers`)}
          ${num(c.revenue, 'money', `campaigns:revenue_by_campaign.${i}.revenue`)}</tr>`).join('')}</tbody></table>`}
        <h2>${esc(t('campaignsTable'))}</h2>${generic(d.campaigns, 'campaigns', 'campaigns')}
        <h2>${esc(t('experimentsTable'))}</h2>${generic(d.experiments, 'campaigns', 'experiments')}`,
      draw() {
        if (revenue.length > 0) {
          chart('campaignRevenue', { grid: { left: 90 }, xAxis: { type: 'category', data: revenue.map(c => c.campaign) }, yAxis: { type: 'value' },
            series: [{ type: 'bar', data: revenue.map(c => c.revenue) }] });
        }
      },
    };
  },

  async alerts() {
    const [d, seg] = await Promise.all([load('alerts'), load('segments')]);
    if (!d.day) return { html: empty('noData') };
    const names = Object.fromEntries(seg.segments.map(x => [x.segment, segName(x)]));
    const s = d.settings;
    const kpiKind = k => (k === 'net_revenue' ? 'money' : 'int');
    const alerts = d.alerts.length === 0 ? `<p class="empty ok">${esc(t('noAlerts'))}</p>` : `<table>${head([['ruleCol'], ['kpi'], ['day'], ['value', 1], ['baseline', 1], ['score', 1]])}<tbody>${d.alerts.map((a, i) => `<tr class="alert">
      <td>${esc(t(a.rule))}</td><td>${esc(t(a.kpi))}</td><td>${esc(a.day)}</td>${num(a.value, kpiKind(a.kpi), `alerts:alerts.${i}.value`)}
      ${num(a.baseline, a.kpi === 'net_revenue' ? 'money' : 'dec1', `alerts:alerts.${i}.baseline`)}${num(a.score, a.rule === 'daily_z_score' ? 'dec2' : 'pct', `alerts:alerts.${i}.score`)}</tr>`).join('')}</tbody></table>`;
    const quiet = d.quiet_customers.length === 0 ? `<p class="empty ok">${esc(t('noQuiet'))}</p>` : `<table>${head([['customer'], ['segment'], ['order_days', 1], ['monetary', 1], ['last_order'], ['days_since', 1], ['cycle', 1], ['ratio', 1]])}<tbody>${d.quiet_customers.map((q, i) => `<tr>
      <td>${esc(q.customer_id)}</td><td>${esc(names[q.segment] || q.segment)}</td>${num(q.orders, 'int', `alerts:quiet_customers.${i}.orders`)}${num(q.monetary, 'money', `alerts:quiet_customers.${i}.monetary`)}
      <td>${esc(q.last_order_day)}</td>${num(q.days_since_last_order, 'int', `alerts:quiet_customers.${i}.days_since_last_order`)}
      ${num(q.median_cycle_days, 'dec1', `alerts:quiet_customers.${i}.median_cycle_days`)}${num(q.cycle_ratio, 'dec2', `alerts:quiet_customers.${i}.cycle_ratio`)}</tr>`).join('')}</tbody></table>`;
    const line = t('settingsLine').replace('{drop}', fmt(s.week_over_week_drop, 'pct')).replace('{z}', s.z_score).replace('{days}', s.trailing_days).replace('{k}', s.quiet_cycle_multiple);
    return {
      subtitle: `${t('day')}: ${d.day} · ${line}`,
      html: `<div class="grid2">${d.series.map((x, i) => chartDiv('kpi' + i, [`alerts:series.${i}.values.*`], 'small')).join('')}</div>
        <h2>${esc(t('kpiAlerts'))}</h2>${alerts}<h2>${esc(t('quietCustomers'))}</h2>${quiet}
        ${s.webhook_url ? `<p><button type="button" class="action" id="notify">${esc(t('sendWebhook'))}</button> <span id="notified"></span></p>` : ''}`,
      draw() {
        d.series.forEach((x, i) => {
          const days = x.values.map((_, k) => { const day = new Date(x.first_day + 'T00:00:00Z'); day.setUTCDate(day.getUTCDate() + k); return day.toISOString().slice(5, 10); });
          chart('kpi' + i, { title: { text: t(x.kpi), textStyle: { fontSize: 12 } }, grid: { top: 30, bottom: 20, left: 60, right: 10 },
            xAxis: { type: 'category', data: days }, yAxis: { type: 'value' }, series: [{ type: 'line', showSymbol: false, data: x.values }] });
        });
        const button = document.getElementById('notify');
        if (button) {
          button.addEventListener('click', async () => {
            const r = await fetch('/v1/reports/alerts/notify', { method: 'POST', credentials: 'same-origin' });
            const body = await r.json();
            document.getElementById('notified').textContent = r.ok ? `${t('sent')} ${body.webhook_status}` : (body.detail || `HTTP ${r.status}`);
          });
        }
      },
    };
  },
};

async function render() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-lang]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
  const page = document.body.dataset.page;
  document.title = `${t('page.' + page)} · Segmenta`;
  const content = document.getElementById('content');
  content.setAttribute('aria-busy', 'true');
  charts.splice(0).forEach(c => c.dispose());
  try {
    const view = await pages[page]();
    document.getElementById('subtitle').textContent = view.subtitle || '';
    content.innerHTML = view.html;
    if (view.draw) view.draw();
  } catch (e) {
    content.innerHTML = `<p class="empty">${esc(t('error'))}: ${esc(e.message)}</p>`;
    console.error(e);
  }
  content.setAttribute('aria-busy', 'false');
}

document.querySelectorAll('[data-lang]').forEach(b => b.addEventListener('click', () => {
  lang = b.dataset.lang;
  localStorage.setItem('segmenta_lang', lang);
  render();
}));
render();
