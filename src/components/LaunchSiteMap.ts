// A close-up, zoomable vector map of one launch area: land and shoreline from Natural Earth
// (world-atlas), one marker per launch coloured by what became of its first stage, laid out as a
// sunflower around its pad so none hides another, the ground landing zones, nearby towns, and for
// the selected pad the lines to its nearest shore point, town and city with their lengths.
// d3 draws it (Plot has no zoom); all labels are SVG text, never markup.
import { d3 } from "./plot.js";
import type { Feature, MultiLineString } from "geojson";
import { launchOutcomeColor } from "./outcomes.js";
import { colorScale, ink, outcomeHue } from "./palette.js";
import { distanceKm, sunflower, sunflowerRadius, type Place } from "./geo.js";
import { zoomFrame, type MapView, type ZoomFrame } from "./zoom-map.js";

export interface LaunchMarker {
  pad: string;
  name: string;
  date: Date;
  booster: string | null;
  /** One of markerOutcomes. */
  outcome: string;
}

export interface Town extends Place {
  state: string;
  population: number;
}

export interface PadSummary extends Place {
  launches: number;
  coast: { at: [number, number]; km: number };
  town: { place: Town; km: number };
  city: { place: Town; km: number };
}

export interface Zone extends Place {
  /** What the map writes beside the zone, e.g. "LZ-1 / LZ-2 · 26 landed". */
  label: string;
}

export interface LaunchSiteMapOptions {
  width: number;
  height?: number;
  /** Land around the pads (Natural Earth, cut to the area), and its outline. */
  land: Feature;
  coastline: MultiLineString;
  zones?: Zone[];
  /** Towns to name on the map (the nearest ones are drawn whatever their size). */
  towns?: Town[];
  /** The pad whose distance lines are drawn. */
  selected?: string | null;
  view?: MapView;
  keys?: { z: string; lon: string; lat: string };
  title?: string;
}

/** Launch outcomes as markers show them: the launches table's, plus "unknown" where no source tells. */
export const markerOutcomes = colorScale(outcomeHue, [...launchOutcomeColor.domain, "unknown"]);

const SPACING = 3.1; // sunflower constant: markers of radius 2.3 px keep a gap
const MARKER_RADIUS = 2.3;
const DISTANCE_STYLE = {
  shore: { stroke: ink.strong, dash: null },
  town: { stroke: ink.strong, dash: "6 3" },
  city: { stroke: ink.muted, dash: "2 3" }
} as const;

export function LaunchSiteMap(pads: PadSummary[], launches: LaunchMarker[], options: LaunchSiteMapOptions): ZoomFrame["node"] {
  // A phone's map is taller than wide, so that pads stacked north–south both fit.
  const { width, height = width < 500 ? Math.round(width * 1.25) : Math.min(520, Math.round(width * 0.75)), land, coastline, zones = [], towns = [], selected = null, title = "" } = options;
  const byPad = d3.group(launches, (l) => l.pad);
  const radius = (pad: PadSummary) => sunflowerRadius(byPad.get(pad.name)?.length ?? 0, SPACING) + MARKER_RADIUS;
  const projection = fitPads(pads, zones, width, height, radius);
  const frame = zoomFrame({ width, height, projection, title, view: options.view ?? { z: 1, lon: null, lat: null }, keys: options.keys ?? { z: "z", lon: "lon", lat: "lat" } });
  const { geography, overlay, xy } = frame;
  const path = d3.geoPath(projection);
  geography.append("path").datum(land).attr("d", path).attr("class", "land").attr("fill", "var(--theme-background-alt)").attr("stroke", "none");
  geography.append("path").datum(coastline).attr("d", path).attr("class", "coast").attr("fill", "none").attr("stroke", "var(--theme-foreground-muted)").attr("stroke-width", 1).attr("vector-effect", "non-scaling-stroke");

  const color = d3.scaleOrdinal<string, string>().domain(markerOutcomes.domain).range(markerOutcomes.range);
  // Any datum: towns, zones, pads and distance labels share the halo.
  const halo = (s: d3.Selection<SVGTextElement, any, any, any>) => s.attr("paint-order", "stroke").attr("stroke", "var(--theme-background-alt)").attr("stroke-width", 3).attr("stroke-linejoin", "round").attr("fill", "var(--theme-foreground)");

  const townLayer = overlay.append("g").attr("class", "towns");
  const zoneLayer = overlay.append("g").attr("class", "zones");
  const markerLayer = overlay.append("g").attr("class", "launches");
  const distanceLayer = overlay.append("g").attr("class", "distances");
  const padLayer = overlay.append("g").attr("class", "pads");

  const townMarks = towns.map((town) => {
    const g = townLayer.append("g").attr("class", "town");
    g.append("circle").attr("r", 2.5).attr("fill", "var(--theme-foreground-muted)");
    g.append("text").attr("x", 5).attr("y", 4).text(town.name).call(halo).attr("fill", "var(--theme-foreground-muted)");
    g.append("title").text(`${town.name}, ${town.state}: ${town.population.toLocaleString("en-US")} people (GeoNames)`);
    return { town, g };
  });
  const zoneMarks = zones.map((zone) => {
    const g = zoneLayer.append("g").attr("class", "zone");
    g.append("rect").attr("x", -5).attr("y", -5).attr("width", 10).attr("height", 10).attr("transform", "rotate(45)").attr("fill", "var(--theme-background)").attr("stroke", "var(--theme-foreground)").attr("stroke-width", 1.5);
    g.append("text").attr("class", "zone-label").attr("x", -10).attr("y", 4).attr("text-anchor", "end").text(zone.label).call(halo);
    return { zone, g };
  });

  const detail = document.createElement("p");
  detail.className = "marker-detail";
  detail.style.cssText = "margin: 0.4rem 0 0; min-height: 1.4em; font-size: 13px;";
  detail.textContent = "Hover or tap a marker for its launch.";
  const format = d3.utcFormat("%Y-%m-%d");
  const describe = (l: LaunchMarker) => `${l.name} · ${format(l.date)} · ${l.booster ?? "booster unknown"} · ${l.outcome}`;

  const padMarks = pads.map((pad) => {
    const rows = [...(byPad.get(pad.name) ?? [])].sort((a, b) => +a.date - +b.date);
    const offsets = sunflower(rows.length, SPACING);
    // The chosen pad's markers are see-through, so its distance lines show across them: the shore
    // is often nearer than the cluster's edge.
    const group = markerLayer.append("g").attr("class", "pad-launches").attr("data-pad", pad.name).attr("opacity", pad.name === selected ? 0.45 : 1);
    group
      .selectAll("circle")
      .data(rows)
      .join("circle")
      .attr("class", "launch")
      .attr("r", MARKER_RADIUS)
      .attr("cx", (_, i) => offsets[i]![0])
      .attr("cy", (_, i) => offsets[i]![1])
      .attr("fill", (l) => color(l.outcome))
      .attr("stroke", "var(--theme-background)")
      .attr("stroke-width", 0.5)
      .attr("data-outcome", (l) => l.outcome)
      .on("pointerenter click", (_, l) => void (detail.textContent = describe(l)))
      .append("title")
      .text(describe);
    const label = padLayer.append("g").attr("class", "pad").attr("data-pad", pad.name);
    label.append("circle").attr("r", 1.8).attr("fill", "var(--theme-foreground)").attr("class", "pad-point");
    const text = label.append("text").attr("class", "pad-label").attr("font-weight", 700).call(halo);
    text.append("tspan").text(pad.name);
    text.append("tspan").attr("class", "pad-count").attr("font-weight", 400).text(` · ${rows.length}`);
    return { pad, group, label, text, r: radius(pad) };
  });

  const lines = pads
    .filter((p) => p.name === selected)
    .flatMap((pad) => [
      { kind: "shore" as const, pad, to: pad.coast.at, text: `shore ${pad.coast.km.toFixed(1)} km` },
      { kind: "town" as const, pad, to: [pad.town.place.longitude, pad.town.place.latitude] as [number, number], text: `${pad.town.place.name} ${pad.town.km.toFixed(1)} km` },
      { kind: "city" as const, pad, to: [pad.city.place.longitude, pad.city.place.latitude] as [number, number], text: `${pad.city.place.name} ${pad.city.km.toFixed(1)} km` }
    ]);
  const lineMarks = lines.map((line) => {
    const g = distanceLayer.append("g").attr("class", `distance to-${line.kind}`);
    const style = DISTANCE_STYLE[line.kind];
    g.append("line").attr("class", "halo").attr("stroke", "var(--theme-background)").attr("stroke-width", 5).attr("stroke-linecap", "round").attr("opacity", 0.85);
    g.append("line").attr("class", "to-line").attr("stroke", style.stroke).attr("stroke-width", 2.2).attr("stroke-dasharray", style.dash);
    g.append("circle").attr("r", 3.5).attr("fill", style.stroke).attr("stroke", "var(--theme-background)");
    g.append("text").attr("class", "distance-label").attr("font-weight", 600).text(line.text).call(halo);
    return { line, g };
  });

  const inside = ([x, y]: [number, number], inset: number) => x >= inset && x <= width - inset && y >= inset && y <= height - inset;
  frame.onZoom(() => {
    for (const { town, g } of townMarks) {
      const [x, y] = xy([town.longitude, town.latitude]);
      g.attr("transform", `translate(${x},${y})`).attr("display", inside([x, y], -20) ? null : "none");
    }
    for (const { zone, g } of zoneMarks) {
      const [x, y] = xy([zone.longitude, zone.latitude]);
      g.attr("transform", `translate(${x},${y})`).attr("display", inside([x, y], 0) ? null : "none");
      // Left of the diamond where the label fits there, else right of it, else below it and kept in view.
      const text = g.select<SVGTextElement>("text");
      const w = textWidth(zone.label, 6.6, text.node());
      if (x - 10 - w >= 4) text.attr("text-anchor", "end").attr("x", -10).attr("y", 4);
      else if (x + 10 + w <= width - 4) text.attr("text-anchor", "start").attr("x", 10).attr("y", 4);
      else text.attr("text-anchor", "start").attr("x", Math.max(4, Math.min(width - 4 - w, x - w / 2)) - x).attr("y", 20);
    }
    for (const { pad, group, label, text, r } of padMarks) {
      const [x, y] = xy([pad.longitude, pad.latitude]);
      group.attr("transform", `translate(${x},${y})`);
      label.attr("transform", `translate(${x},${y})`);
      // Centred over the cluster, shifted sideways as far as the map's edges need.
      const w = textWidth(`${pad.name} · ${byPad.get(pad.name)?.length ?? 0}`, 7, text.node());
      const left = Math.max(4, Math.min(width - 4 - w, x - w / 2));
      text.attr("text-anchor", "start").attr("x", left - x).attr("y", y - r - 6 < 14 ? r + 14 : -r - 6);
    }
    for (const { line, g } of lineMarks) {
      const a = xy([line.pad.longitude, line.pad.latitude]);
      const b = xy(line.to);
      g.selectAll("line").attr("x1", a[0]).attr("y1", a[1]).attr("x2", b[0]).attr("y2", b[1]);
      g.select("circle").attr("cx", b[0]).attr("cy", b[1]);
      // The label sits at the line's far end, or where the line leaves the view.
      let t = 1;
      const at = (s: number): [number, number] => [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])];
      while (t > 0 && !inside(at(t), 12)) t -= 0.01;
      const [lx, ly] = at(Math.max(t, 0));
      const label = g.select<SVGTextElement>("text");
      const w = textWidth(line.text, 7, label.node());
      label.attr("x", Math.max(4, Math.min(width - 4 - w, lx - w / 2))).attr("y", ly + (b[1] >= a[1] ? 16 : -8)).attr("text-anchor", "start");
    }
  });

  // The lines' lengths again as text, where no label can overlap another.
  const summary = document.createElement("p");
  summary.className = "distance-summary";
  summary.style.cssText = "margin: 0; font-size: 13px;";
  summary.textContent = lines.length ? `${lines[0]!.pad.name}: ${lines.map((l) => `${l.text} (${l.kind === "shore" ? "solid line" : l.kind === "town" ? "dashed, nearest town" : "dotted, nearest city"})`).join(" · ")}` : "";
  const chosen = pads.find((p) => p.name === selected);
  const row = document.createElement("div");
  row.className = "pad-close-up";
  row.style.cssText = "display: flex; gap: 0.8rem; align-items: center; margin-top: 0.5rem;";
  if (chosen) row.append(shoreInset(chosen, land, coastline, Math.min(140, Math.round(width * 0.34))));
  row.append(summary);
  frame.node.append(legend(launches, color), row, detail);
  return frame.node;
}

/** Width of a 12 px label: measured once the map is in the page, estimated before (text cannot be measured there). */
function textWidth(text: string, perCharacter = 6.6, element?: SVGTextElement | null): number {
  return element?.isConnected ? element.getComputedTextLength() : text.length * perCharacter;
}

/**
 * A close-up of the chosen pad and its nearest shore point, beside the map: the shore is often a few
 * hundred metres away, a few pixels at the scale that shows the whole site.
 */
function shoreInset(pad: PadSummary, land: Feature, coastline: MultiLineString, size: number): SVGSVGElement {
  const at: [number, number] = [pad.longitude, pad.latitude];
  // A box about three times the shore distance across (at least 1.5 km), centred between pad and shore.
  const half = Math.max(0.007, 1.5 * Math.hypot((pad.coast.at[0] - at[0]) * Math.cos((at[1] * Math.PI) / 180), pad.coast.at[1] - at[1]));
  const [cx, cy] = [(at[0] + pad.coast.at[0]) / 2, (at[1] + pad.coast.at[1]) / 2];
  const kx = Math.cos((cy * Math.PI) / 180);
  const projection = d3.geoMercator().fitSize([size, size], { type: "MultiPoint", coordinates: [[cx - half / kx, cy - half], [cx + half / kx, cy + half]] });
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("class", "pad-inset").attr("width", size).attr("height", size).attr("viewBox", `0 0 ${size} ${size}`).attr("role", "img").attr("aria-label", `${pad.name} and its nearest shore, close up`);
  projection.clipExtent([
    [0, 0],
    [size, size]
  ]);
  svg.style("flex", "none").style("border", "1px solid var(--theme-foreground-muted)").style("border-radius", "3px").style("background", ink.sea).style("font", "11px var(--sans-serif, system-ui, sans-serif)");
  svg.append("path").datum(land).attr("d", path).attr("fill", "var(--theme-background-alt)");
  svg.append("path").datum(coastline).attr("d", path).attr("fill", "none").attr("stroke", "var(--theme-foreground-muted)");
  const [x1, y1] = projection(at)!;
  const [x2, y2] = projection(pad.coast.at)!;
  const g = svg.append("g").attr("class", "distance to-shore");
  g.append("line").attr("class", "to-line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).attr("stroke", DISTANCE_STYLE.shore.stroke).attr("stroke-width", 2.5);
  g.append("circle").attr("cx", x2).attr("cy", y2).attr("r", 3.5).attr("fill", DISTANCE_STYLE.shore.stroke);
  svg.append("circle").attr("cx", x1).attr("cy", y1).attr("r", 4).attr("fill", "var(--theme-foreground)");
  const label = (y: number, text: string, weight = 400) => svg.append("text").attr("x", size / 2).attr("y", y).attr("text-anchor", "middle").attr("font-weight", weight).attr("paint-order", "stroke").attr("stroke", "var(--theme-background-alt)").attr("stroke-width", 3).attr("fill", "var(--theme-foreground)").text(text);
  label(14, `${pad.name}`, 700);
  label(size - 6, `shore ${pad.coast.km.toFixed(1)} km`, 600).attr("class", "distance-label");
  return svg.node()!;
}

/** The projection that shows every pad and zone, with pads far enough apart that their clusters do not overlap. */
function fitPads(pads: PadSummary[], zones: Zone[], width: number, height: number, radius: (p: PadSummary) => number): d3.GeoProjection {
  // Zones of another area (LZ-4 on a Florida map) stay out of the fit.
  const near = zones.filter((z) => pads.some((p) => distanceKm([p.longitude, p.latitude], [z.longitude, z.latitude]) < 50));
  const points: [number, number][] = [...pads.map((p): [number, number] => [p.longitude, p.latitude]), ...pads.map((p) => p.coast.at), ...near.map((z): [number, number] => [z.longitude, z.latitude])];
  const [lon0, lon1] = d3.extent(points, (p) => p[0]) as [number, number];
  const [lat0, lat1] = d3.extent(points, (p) => p[1]) as [number, number];
  // At least 0.05° around the centre, so a lone pad is not drawn at street scale.
  const half = Math.max(0.05, (lat1 - lat0) / 2, (lon1 - lon0) / 2 * Math.cos(((lat0 + lat1) / 2) * (Math.PI / 180)));
  const [cx, cy] = [(lon0 + lon1) / 2, (lat0 + lat1) / 2];
  const margin = Math.min(width, height) * 0.12 + (d3.max(pads, radius) ?? 0);
  const projection = d3.geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin]
    ],
    { type: "MultiPoint", coordinates: [[cx - half, cy - half], [cx + half, cy + half], ...points] }
  );
  let grow = 1;
  for (let i = 0; i < pads.length; i++) {
    for (let j = i + 1; j < pads.length; j++) {
      const [a, b] = [projection([pads[i]!.longitude, pads[i]!.latitude])!, projection([pads[j]!.longitude, pads[j]!.latitude])!];
      const need = radius(pads[i]!) + radius(pads[j]!) + 14;
      grow = Math.max(grow, need / Math.max(1, Math.hypot(a[0] - b[0], a[1] - b[1])));
    }
  }
  if (grow > 1) {
    // Pads pushed apart: centre the view on them, so the clusters stay in view and zones may leave it.
    projection.scale(projection.scale() * grow);
    const centroid = projection([d3.mean(pads, (p) => p.longitude)!, d3.mean(pads, (p) => p.latitude)!])!;
    const [tx, ty] = projection.translate();
    projection.translate([tx + width / 2 - centroid[0], ty + height / 2 - centroid[1]]);
  }
  return projection;
}

function legend(launches: LaunchMarker[], color: d3.ScaleOrdinal<string, string>): HTMLElement {
  const counts = d3.rollup(launches, (v) => v.length, (l) => l.outcome);
  const div = document.createElement("div");
  div.className = "map-legend";
  div.style.cssText = "display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; margin-top: 0.4rem; font-size: 13px;";
  for (const outcome of markerOutcomes.domain) {
    const n = counts.get(outcome);
    if (!n) continue;
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.style.cssText = `display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; background: ${color(outcome)}; vertical-align: -1px;`;
    item.append(swatch, `${outcome} ${n}`);
    div.append(item);
  }
  return div;
}
