// Bar charts as SVG built element by element (no library: see docs/decisions/2026-12-06-engagement-charts.md).
// Like dom.ts, every label and figure goes into a text node or an attribute, never through a parser.
import { h } from './dom';
import { niceMax } from './engagement-logic';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 36;
const TOP = 8;

export interface Series { label: string; values: number[] }

function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  for (const child of children) element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/**
 * A stacked bar chart: one bar per label, one colour per series, a y axis from 0 to a round top.
 * The figures are also given as a table under the chart (for screen readers and for copying).
 */
export function barChart(id: string, title: string, figuresLabel: string, labels: string[], series: Series[]): HTMLElement {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const top = niceMax(Math.max(0, ...totals));
  const plotWidth = WIDTH - LEFT - 4;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, labels.length);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${id}-title`, class: 'chart' },
    svg('title', { id: `${id}-svg-title` }, title));
  for (const tick of [0, top / 2, top]) {
    chart.append(svg('line', { x1: LEFT, x2: WIDTH - 4, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: LEFT - 4, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' }, String(tick)));
  }
  const every = Math.ceil(labels.length / 12);
  labels.forEach((label, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const value = s.values[i] ?? 0;
      if (value > 0) {
        chart.append(svg('rect', { x: LEFT + i * slot + slot * 0.1, width: Math.max(1, slot * 0.8), y: y(base + value),
          height: y(base) - y(base + value), class: `series-${k % 6}` }, svg('title', {}, `${label} · ${s.label}: ${value}`)));
      }
      base += value;
    });
    if (i % every === 0) {
      chart.append(svg('text', { x: LEFT + i * slot + slot / 2, y: HEIGHT - BOTTOM + 14, 'text-anchor': 'middle', class: 'tick' }, label));
    }
  });
  const legend = h('ul', { class: 'legend' }, ...series.map((s, k) => h('li', {}, h('span', { class: `swatch series-${k % 6}` }), s.label)));
  const table = h('table', { class: 'figures', 'data-testid': `${id}-figures` },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), ...series.map((s) => h('th', { scope: 'col' }, s.label)))),
    h('tbody', {}, ...labels.map((label, i) => totals[i] === 0 ? null
      : h('tr', {}, h('th', { scope: 'row' }, label), ...series.map((s) => h('td', {}, String(s.values[i] ?? 0)))))));
  return h('figure', { class: 'chart-figure', 'data-testid': id },
    h('figcaption', { id: `${id}-title` }, title), chart, legend, h('details', {}, h('summary', {}, figuresLabel), table));
}
