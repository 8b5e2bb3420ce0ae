// Where drone ships caught (or lost) boosters: one point per drone-ship landing at the position the
// booster tracker records, on a zoomable map of the sea downrange (Natural Earth 1:50m land).
// Points keep their size on screen; colour is the landing's outcome, the ring's colour the ship.
import { d3 } from "./plot.js";
import type { Feature } from "geojson";
import { coreOutcomeColor } from "./outcomes.js";
import { colorScale, ink, shipHue } from "./palette.js";
import { zoomFrame, type MapView, type ZoomFrame } from "./zoom-map.js";
import { boosterLink } from "./booster-link.js";

export interface LandingPosition {
  ship: string;
  mission: string;
  date: Date;
  booster: string | null;
  outcome: string;
  latitude: number;
  longitude: number;
}

export interface LandingPositionMapOptions {
  width: number;
  height?: number;
  land: Feature;
  /** Pads to mark as the start of each flight: [name, lon, lat]. */
  pads?: { name: string; longitude: number; latitude: number }[];
  view?: MapView;
  keys?: { z: string; lon: string; lat: string };
  title?: string;
}

export const shipColor = colorScale(shipHue, Object.keys(shipHue));

export function LandingPositionMap(positions: LandingPosition[], options: LandingPositionMapOptions): ZoomFrame["node"] {
  const { width, height = Math.max(300, Math.min(520, Math.round(width * 0.7))), land, pads = [], title = "" } = options;
  // The view opens on where the ships usually wait (the middle 96% of positions in each direction)
  // and the pads they sail from; a rare far-off catch is a zoom-out away, not a reason to show an
  // empty ocean.
  const span = (values: number[]) => [d3.quantile(values, 0.02)!, d3.quantile(values, 0.98)!];
  const [lon0, lon1] = span(positions.map((p) => p.longitude).sort(d3.ascending));
  const [lat0, lat1] = span(positions.map((p) => p.latitude).sort(d3.ascending));
  const points: [number, number][] = [[lon0!, lat0!], [lon1!, lat1!], ...pads.map((p): [number, number] => [p.longitude, p.latitude])];
  const margin = 24;
  const projection = d3.geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin]
    ],
    { type: "MultiPoint", coordinates: points }
  );
  const frame = zoomFrame({ width, height, projection, title, view: options.view ?? { z: 1, lon: null, lat: null }, keys: options.keys ?? { z: "sz", lon: "slon", lat: "slat" }, scaleExtent: [0.5, 64] });
  const { geography, overlay, xy } = frame;
  geography.append("path").datum(land).attr("d", d3.geoPath(projection)).attr("class", "land").attr("fill", "var(--theme-background-alt)").attr("stroke", "var(--theme-foreground-faint)").attr("stroke-width", 0.5).attr("vector-effect", "non-scaling-stroke");
  const outcome = d3.scaleOrdinal<string, string>().domain(coreOutcomeColor.domain).range(coreOutcomeColor.range).unknown(coreOutcomeColor.unknown);
  const ship = d3.scaleOrdinal<string, string>().domain(shipColor.domain).range(shipColor.range).unknown(ink.muted);
  const format = d3.utcFormat("%Y-%m-%d");
  const describe = (p: LandingPosition) => `${p.mission} · ${format(p.date)} · ${p.booster ?? "booster unknown"} · ${p.ship} · ${p.outcome} · ${p.latitude.toFixed(2)}°N ${Math.abs(p.longitude).toFixed(2)}°W`;
  const detail = document.createElement("p");
  detail.className = "marker-detail";
  detail.style.cssText = "margin: 0.4rem 0 0; min-height: 1.4em; font-size: 13px;";
  detail.textContent = "Hover or tap a point for its landing.";

  const padMarks = pads.map((pad) => {
    const g = overlay.append("g").attr("class", "pad");
    g.append("path").attr("d", d3.symbol(d3.symbolTriangle, 70)()).attr("fill", "var(--theme-foreground)");
    g.append("text").attr("x", 8).attr("y", 4).text(pad.name).attr("paint-order", "stroke").attr("stroke", "var(--theme-background-alt)").attr("stroke-width", 3).attr("fill", "var(--theme-foreground)");
    return { pad, g };
  });
  const dots = overlay
    .append("g")
    .attr("class", "landing-positions")
    .selectAll("circle")
    .data([...positions].sort((a, b) => +a.date - +b.date))
    .join("circle")
    .attr("class", "landing-position")
    .attr("r", 3.6)
    .attr("fill", (p) => outcome(p.outcome))
    .attr("stroke", (p) => ship(p.ship))
    .attr("stroke-width", 1.6)
    .attr("data-ship", (p) => p.ship)
    // The line under the map names the landing, and its booster links to the booster's history.
    .on("pointerenter click", (_, p) => void detail.replaceChildren(describe(p), ...(p.booster ? [" · ", boosterLink(p.booster), " (its history)"] : [])));
  dots.append("title").text(describe);

  // The opening view leaves the rare far-off catch out: say how many the current view does not show.
  const outside = document.createElement("p");
  outside.className = "outside-view muted";
  outside.style.cssText = "margin: 0.2rem 0 0; font-size: 13px;";
  frame.onZoom(() => {
    dots.attr("transform", (p) => `translate(${xy([p.longitude, p.latitude])})`);
    const hidden = positions.filter((p) => {
      const [x, y] = xy([p.longitude, p.latitude]);
      return x < 0 || x > width || y < 0 || y > height;
    }).length;
    outside.textContent = hidden ? `${hidden} of ${positions.length} positions lie outside this view: zoom out to see ${hidden === 1 ? "it" : "them"}.` : "";
    for (const { pad, g } of padMarks) {
      const [x, y] = xy([pad.longitude, pad.latitude]);
      g.attr("transform", `translate(${x},${y})`);
      g.select("text").attr("text-anchor", x > width * 0.6 ? "end" : "start").attr("x", x > width * 0.6 ? -8 : 8);
    }
  });

  const legend = document.createElement("div");
  legend.className = "map-legend";
  legend.style.cssText = "display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; margin-top: 0.4rem; font-size: 13px;";
  const counts = d3.rollup(positions, (v) => v.length, (p) => p.ship);
  for (const name of [...counts.keys()].sort()) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.style.cssText = `display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 4px; border: 2px solid ${ship(name)}; vertical-align: -2px;`;
    item.append(swatch, `${name} ${counts.get(name)}`);
    legend.append(item);
  }
  for (const [name, n] of d3.rollup(positions, (v) => v.length, (p) => p.outcome)) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.style.cssText = `display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; background: ${outcome(name)}; vertical-align: -1px;`;
    item.append(swatch, `${name} ${n}`);
    legend.append(item);
  }
  frame.node.append(legend, outside, detail);
  return frame.node;
}
