// A close-up vector map of one launch area: land from Natural Earth (world-atlas), each pad as a ring whose arcs
// are its launches' landing outcomes, landing zones, nearby cities, and the pad's shortest line
// to the coast. d3 draws it (Plot has no ring glyph); all labels are SVG text, never markup.
import { d3 } from "./plot.js";
import type { Feature, MultiLineString } from "geojson";
import { launchOutcomeColor } from "./outcomes.js";
import type { Place } from "./geo.js";

export interface PadSummary extends Place {
  /** Launch counts by outcome, keyed as in launchOutcomeColor.domain. */
  outcomes: Record<string, number>;
  launches: number;
  coast: { at: [number, number]; km: number };
}

export interface LaunchSiteMapOptions {
  width: number;
  height?: number;
  /** Land around the pads (Natural Earth, cut to the area), and its outline. */
  land: Feature;
  coastline: MultiLineString;
  zones?: Place[];
  cities?: Place[];
  /** Half the height of the view, in degrees of latitude. */
  radius?: number;
  title?: string;
}

export function LaunchSiteMap(pads: PadSummary[], { width, height = Math.min(420, Math.round(width * 0.8)), land, coastline, zones = [], cities = [], radius = 0.22, title = "" }: LaunchSiteMapOptions) {
  const center: [number, number] = [d3.mean(pads, (p) => p.longitude)!, d3.mean(pads, (p) => p.latitude)!];
  const kx = Math.cos((center[1] * Math.PI) / 180);
  const aspect = width / height;
  const box = {
    type: "Feature" as const,
    properties: {},
    geometry: {
      type: "MultiPoint" as const,
      coordinates: [
        [center[0] - (radius * aspect) / kx, center[1] - radius],
        [center[0] + (radius * aspect) / kx, center[1] + radius]
      ]
    }
  };
  const projection = d3.geoMercator().fitSize([width, height], box);
  const path = d3.geoPath(projection);
  const svg = d3.create("svg").attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img").attr("aria-label", title).attr("class", "site-map");
  svg.append("rect").attr("width", width).attr("height", height).attr("class", "sea");
  svg.append("path").datum(land).attr("d", path).attr("class", "land");
  svg.append("path").datum(coastline).attr("d", path).attr("class", "coast");
  const xy = (lon: number, lat: number) => projection([lon, lat])!;

  const cityLayer = svg.append("g").attr("class", "cities");
  for (const city of cities) {
    const [x, y] = xy(city.longitude, city.latitude);
    if (x < 0 || y < 0 || x > width || y > height) continue;
    cityLayer.append("circle").attr("cx", x).attr("cy", y).attr("r", 3);
    cityLayer.append("text").attr("x", x + 6).attr("y", y + 4).text(city.name);
  }
  const maxLaunches = d3.max(pads, (p) => p.launches) ?? 1;
  const ringRadius = d3.scaleSqrt().domain([0, maxLaunches]).range([0, Math.min(34, width / 14)]);
  const color = d3.scaleOrdinal<string, string>().domain(launchOutcomeColor.domain).range(launchOutcomeColor.range);
  const padLayer = svg.append("g").attr("class", "pads");
  for (const pad of pads) {
    const [x, y] = xy(pad.longitude, pad.latitude);
    const [cx, cy] = xy(...pad.coast.at);
    padLayer.append("line").attr("x1", x).attr("y1", y).attr("x2", cx).attr("y2", cy).attr("class", "to-coast");
    const outer = Math.max(10, ringRadius(pad.launches));
    const arcs = d3.pie<[string, number]>().sort(null).value((d) => d[1])(launchOutcomeColor.domain.map((k) => [k, pad.outcomes[k] ?? 0]));
    const ring = padLayer.append("g").attr("transform", `translate(${x},${y})`);
    ring
      .selectAll("path")
      .data(arcs)
      .join("path")
      .attr("d", d3.arc<d3.PieArcDatum<[string, number]>>().innerRadius(outer * 0.55).outerRadius(outer))
      .attr("fill", (d) => color(d.data[0]))
      .append("title")
      .text((d) => `${pad.name}: ${d.data[1]} ${d.data[0]}`);
    ring.append("circle").attr("r", 2.5).attr("class", "pad-point");
    ring.append("text").attr("class", "pad-label").attr("x", outer + 6).attr("y", -4).text(pad.name);
    ring.append("text").attr("class", "pad-count").attr("x", outer + 6).attr("y", 11).text(`${pad.launches} launches · ${pad.coast.km.toFixed(1)} km to the shore`);
  }
  const zoneLayer = svg.append("g").attr("class", "zones");
  for (const zone of zones) {
    const [x, y] = xy(zone.longitude, zone.latitude);
    if (x < 0 || y < 0 || x > width || y > height) continue;
    zoneLayer.append("rect").attr("x", x - 5).attr("y", y - 5).attr("width", 10).attr("height", 10).attr("transform", `rotate(45 ${x} ${y})`);
    zoneLayer.append("text").attr("x", x - 9).attr("y", y + 4).attr("text-anchor", "end").text(zone.name);
  }
  return svg.node()!;
}
