// Recent block intervals: the arithmetic (testable in node) and a bar chart drawn on a <canvas>
// with the 2D context only.

/**
 * The intervals between blocks of consecutive heights, in height order.
 * @param {{height: number, timestamp: number, kind?: string}[]} blocks any order, gaps allowed
 * @returns {{height: number, ms: number, kind: string, timestamp: number}[]}
 */
export function blockIntervals(blocks) {
  const sorted = [...blocks].sort((a, b) => a.height - b.height);
  const out = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.height === prev.height + 1) {
      out.push({
        height: cur.height,
        ms: Math.max(0, cur.timestamp - prev.timestamp),
        kind: cur.kind ?? 'LEADER',
        timestamp: cur.timestamp,
      });
    }
  }
  return out;
}

/**
 * Count, mean, median, min and max of the intervals (ms).
 * @param {{ms: number}[]} intervals
 */
export function intervalStats(intervals) {
  if (intervals.length === 0) {
    return { count: 0, mean: 0, median: 0, min: 0, max: 0 };
  }
  const ms = intervals.map((i) => i.ms).sort((a, b) => a - b);
  const mid = Math.floor(ms.length / 2);
  return {
    count: ms.length,
    mean: ms.reduce((s, v) => s + v, 0) / ms.length,
    median: ms.length % 2 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2,
    min: ms[0],
    max: ms[ms.length - 1],
  };
}

/** The smallest of 1, 2, 5 x 10^k that is at least v (an axis maximum). */
export function niceCeil(v) {
  if (!(v > 0)) {
    return 1;
  }
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) {
    if (m * p >= v) {
      return m * p;
    }
  }
  return 10 * p;
}

const COLORS = {
  LEADER: '#2f6fb2',
  POW: '#d9822b',
  GENESIS: '#7a869a',
  grid: '#e3e8ef',
  axis: '#5b6b82',
  text: '#334155',
  expected: '#1f9d55',
};

/**
 * Draws the intervals as bars, one per block, with a y axis in ms and a dashed line at the
 * expected interval. Sized to the canvas's CSS box, sharp on high-density screens.
 * @param {HTMLCanvasElement} canvas
 * @param {{height: number, ms: number, kind: string}[]} intervals
 * @param {{expectedMs?: number}} [options]
 */
export function drawIntervalChart(canvas, intervals, { expectedMs } = {}) {
  const ratio = globalThis.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 600;
  const cssH = canvas.clientHeight || 220;
  canvas.width = Math.round(cssW * ratio);
  canvas.height = Math.round(cssH * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, cssW, cssH);
  g.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  const left = 52;
  const right = 12;
  const top = 12;
  const bottom = 28;
  const w = cssW - left - right;
  const h = cssH - top - bottom;

  if (intervals.length === 0) {
    g.fillStyle = COLORS.axis;
    g.textAlign = 'center';
    g.fillText('no block intervals yet', left + w / 2, top + h / 2);
    return;
  }
  const maxMs = niceCeil(Math.max(...intervals.map((i) => i.ms), expectedMs ?? 0) * 1.1);

  // grid and y labels
  g.strokeStyle = COLORS.grid;
  g.fillStyle = COLORS.axis;
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  const ticks = 4;
  for (let t = 0; t <= ticks; t++) {
    const v = (maxMs * t) / ticks;
    const y = top + h - (h * t) / ticks;
    g.beginPath();
    g.moveTo(left, Math.round(y) + 0.5);
    g.lineTo(left + w, Math.round(y) + 0.5);
    g.stroke();
    g.fillText(v >= 1000 ? `${(v / 1000).toFixed(v % 1000 ? 1 : 0)} s` : `${v} ms`, left - 6, y);
  }

  // bars
  const slot = w / intervals.length;
  const barW = Math.max(1, Math.min(18, slot * 0.7));
  intervals.forEach((iv, i) => {
    const bh = Math.max(1, (h * Math.min(iv.ms, maxMs)) / maxMs);
    const x = left + i * slot + (slot - barW) / 2;
    g.fillStyle = COLORS[iv.kind] ?? COLORS.LEADER;
    g.fillRect(x, top + h - bh, barW, bh);
  });

  // expected interval
  if (expectedMs) {
    const y = top + h - (h * expectedMs) / maxMs;
    g.save();
    g.strokeStyle = COLORS.expected;
    g.setLineDash([5, 4]);
    g.beginPath();
    g.moveTo(left, Math.round(y) + 0.5);
    g.lineTo(left + w, Math.round(y) + 0.5);
    g.stroke();
    g.restore();
  }

  // x labels: first and last height, and a few between
  g.fillStyle = COLORS.axis;
  g.textBaseline = 'top';
  g.textAlign = 'center';
  const labels = Math.min(intervals.length, 6);
  for (let k = 0; k < labels; k++) {
    const i = labels === 1 ? 0 : Math.round((k * (intervals.length - 1)) / (labels - 1));
    g.fillText(String(intervals[i].height), left + i * slot + slot / 2, top + h + 8);
  }
  g.strokeStyle = COLORS.axis;
  g.beginPath();
  g.moveTo(left + 0.5, top);
  g.lineTo(left + 0.5, top + h + 0.5);
  g.lineTo(left + w, top + h + 0.5);
  g.stroke();
}
