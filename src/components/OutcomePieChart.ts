import { d3 } from "./plot.js";
import { svg } from "./inputs.js";
import { padColor } from "./pads.js";

export interface PieSlice {
  key: string;
  value: number;
  color?: string;
}

/**
 * A pie (a ring) with labelled slices, for the capstone dashboard's "successful landings by site"
 * view. Slices take their colour from their key. Plot has no pie mark, so this is d3.arc; labels are SVG text, so names stay text.
 */
export function OutcomePieChart(slices: PieSlice[], { width, title = "", colorOf = padColor }: { width: number; title?: string; colorOf?: (key: string) => string }) {
  const size = Math.min(width, 360);
  const radius = size / 2 - 8;
  const data = slices.filter((d) => d.value > 0);
  const total = d3.sum(data, (d) => d.value);
  // A slice's colour belongs to its key (a pad's colour is fixed in pads.ts), never to its position.
  const colors = (key: string) => colorOf(key);
  const arcs = d3.pie<PieSlice>().sort(null).value((d) => d.value)(data);
  const arc = d3.arc<d3.PieArcDatum<PieSlice>>().innerRadius(radius * 0.55).outerRadius(radius).padAngle(0.01);
  const labelArc = d3.arc<d3.PieArcDatum<PieSlice>>().innerRadius(radius * 0.78).outerRadius(radius * 0.78);
  const chart = svg`<svg width=${size} height=${size} viewBox="${-size / 2} ${-size / 2} ${size} ${size}" role="img" aria-label=${title} style="max-width:100%;height:auto;font:12px system-ui, sans-serif">
    ${arcs.map((a) => svg`<path d=${arc(a)} fill=${a.data.color ?? colors(a.data.key)}><title>${`${a.data.key}: ${a.data.value} (${Math.round((a.data.value / total) * 100)}%)`}</title></path>`)}
    ${arcs
      .filter((a) => a.endAngle - a.startAngle > 0.25)
      .map((a) => svg`<text transform="translate(${labelArc.centroid(a)})" text-anchor="middle" dy="0.35em" fill="white" font-weight="600">${Math.round((a.data.value / total) * 100)}%</text>`)}
    <text text-anchor="middle" dy="-0.2em" font-size="26" font-weight="700" fill="currentColor">${total}</text>
    <text text-anchor="middle" dy="1.4em" fill="currentColor" opacity="0.7">${title}</text>
  </svg>`;
  const legend = document.createElement("div");
  legend.className = "pie-legend";
  for (const d of data) {
    const item = legend.appendChild(document.createElement("span"));
    const swatch = item.appendChild(document.createElement("i"));
    swatch.style.background = d.color ?? colors(d.key);
    item.append(`${d.key} (${d.value})`);
  }
  const figure = document.createElement("figure");
  figure.className = "pie-chart";
  figure.append(chart, legend);
  return figure;
}
