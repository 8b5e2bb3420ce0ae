// A pannable, zoomable vector map: d3-zoom on an SVG, with +, − and reset buttons for those who
// cannot scroll or pinch. The frame is an Observable Input: its value is the view (zoom factor and
// the longitude/latitude at the centre), announced with an "input" event when a gesture ends, so a
// page can keep it in the URL (bindUrl) and bring the same view back.
//
// Geography (land, lines) is drawn once, in projected pixels, inside a group that the zoom
// transforms; markers and labels are redrawn at each zoom step at their transformed position, so
// they keep their size on screen and clusters open up as the reader zooms in.
import { d3 } from "./plot.js";
import { ink } from "./palette.js";

export interface MapView {
  /** Zoom factor over the fitted view (1 = the whole area). */
  z: number;
  /** The view's centre; null for the fitted centre. */
  lon: number | null;
  lat: number | null;
}

export interface ZoomFrame {
  /** The element to display: the map and its buttons, an Input whose value is the view. */
  node: HTMLElement & { value: Record<string, number> };
  svg: d3.Selection<SVGSVGElement, undefined, null, undefined>;
  /** Geography in projected pixels; the zoom scales and moves it. */
  geography: d3.Selection<SVGGElement, undefined, null, undefined>;
  /** Markers and labels; call onZoom to place them after each zoom step. */
  overlay: d3.Selection<SVGGElement, undefined, null, undefined>;
  /** Screen position of a [lon, lat] under the current zoom. */
  xy(point: [number, number]): [number, number];
  onZoom(redraw: (k: number) => void): void;
  /** Sets the view programmatically (as the buttons do). */
  zoomTo(view: MapView, duration?: number): void;
}

export interface ZoomFrameOptions {
  width: number;
  height: number;
  projection: d3.GeoProjection;
  title: string;
  view: MapView;
  /** Names of the value's keys: e.g. {z: "z", lon: "lon", lat: "lat"}. */
  keys: { z: string; lon: string; lat: string };
  scaleExtent?: [number, number];
}

export function zoomFrame({ width, height, projection, title, view, keys, scaleExtent = [0.25, 64] }: ZoomFrameOptions): ZoomFrame {
  const node = document.createElement("div") as unknown as ZoomFrame["node"];
  node.className = "zoom-map";
  node.style.cssText = "position: relative; max-width: 100%; overflow: hidden; border-radius: 4px;";
  const svg = d3
    .create("svg")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", title)
    .attr("class", "site-map")
    .style("display", "block")
    .style("max-width", "100%")
    .style("height", "auto")
    .style("font", "12px var(--sans-serif, system-ui, sans-serif)");
  svg.append("rect").attr("width", width).attr("height", height).attr("class", "sea").attr("fill", ink.sea);
  const geography = svg.append("g").attr("class", "geography");
  const overlay = svg.append("g").attr("class", "overlay");
  node.append(svg.node()!);

  let transform = d3.zoomIdentity;
  const redraws: ((k: number) => void)[] = [];
  const xy = (point: [number, number]): [number, number] => transform.apply(projection(point)!);
  const fromView = ({ z, lon, lat }: MapView) => {
    const k = Math.min(scaleExtent[1], Math.max(scaleExtent[0], Number.isFinite(z) && z > 0 ? z : 1));
    const [cx, cy] = lon === null || lat === null ? [width / 2, height / 2] : projection([lon, lat])!;
    return d3.zoomIdentity.translate(width / 2 - k * cx, height / 2 - k * cy).scale(k);
  };
  const toView = (t: d3.ZoomTransform): MapView => {
    const [lon, lat] = projection.invert!(t.invert([width / 2, height / 2]))!;
    return { z: round(t.k, 2), lon: round(lon, 4), lat: round(lat, 4) };
  };
  const publish = () => {
    const v = toView(transform);
    const centred = Math.abs(transform.x - (width / 2) * (1 - transform.k)) < 1 && Math.abs(transform.y - (height / 2) * (1 - transform.k)) < 1;
    // The fitted centre stays out of the value (and so out of the URL) until the reader moves the map.
    node.value = { [keys.z]: v.z, [keys.lon]: centred ? 0 : v.lon!, [keys.lat]: centred ? 0 : v.lat! };
  };

  const zoom = d3
    .zoom<SVGSVGElement, undefined>()
    .scaleExtent(scaleExtent)
    // The page's scrolling is never captured: one finger scrolls the page on a phone (two pinch and
    // pan the map), and the wheel scrolls it unless Ctrl or ⌘ is held (a trackpad pinch sends Ctrl).
    .filter((event: Event) => {
      if (event.type === "touchstart") return (event as TouchEvent).touches.length > 1;
      if (event.type === "wheel") return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
      return !(event as MouseEvent).button;
    })
    .on("zoom", (event: d3.D3ZoomEvent<SVGSVGElement, undefined>) => {
      transform = event.transform;
      geography.attr("transform", transform.toString());
      for (const redraw of redraws) redraw(transform.k);
    })
    .on("end", () => {
      publish();
      node.dispatchEvent(new Event("input", { bubbles: true }));
    });
  svg.call(zoom).style("touch-action", "pan-x pan-y");

  // A plain wheel over the map scrolls the page; say once, briefly, how to zoom instead.
  const hint = document.createElement("div");
  hint.className = "zoom-hint";
  hint.setAttribute("role", "status");
  hint.textContent = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘ + scroll zooms the map; so do the buttons and a pinch" : "Ctrl + scroll zooms the map; so do the buttons and a pinch";
  hint.hidden = true;
  node.append(hint);
  let hintTimer: ReturnType<typeof setTimeout> | undefined;
  svg.on("wheel.hint", (event: WheelEvent) => {
    if (event.ctrlKey || event.metaKey) return;
    hint.hidden = false;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(() => (hint.hidden = true), 1500);
  }, { passive: true } as never);

  const buttons = document.createElement("div");
  buttons.className = "zoom-buttons";
  buttons.style.cssText = "position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px;";
  const button = (label: string, name: string, className: string, action: () => void) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = name;
    b.setAttribute("aria-label", name);
    b.className = className;
    b.style.cssText = "width: 32px; height: 32px; font: 600 18px/1 var(--sans-serif, system-ui); padding: 0; cursor: pointer; border: 1px solid var(--theme-foreground-faint); border-radius: 4px; background: var(--theme-background); color: var(--theme-foreground);";
    b.addEventListener("click", action);
    buttons.append(b);
  };
  button("+", "Zoom in", "zoom-in", () => svg.transition().duration(250).call(zoom.scaleBy, 2));
  button("−", "Zoom out", "zoom-out", () => svg.transition().duration(250).call(zoom.scaleBy, 0.5));
  button("⟲", "Reset view", "zoom-reset", () => svg.transition().duration(250).call(zoom.transform, d3.zoomIdentity));
  node.append(buttons);

  const frame: ZoomFrame = {
    node,
    svg,
    geography,
    overlay,
    xy,
    onZoom(redraw) {
      redraws.push(redraw);
    },
    zoomTo(v, duration = 0) {
      const t = fromView(v);
      if (duration > 0) svg.transition().duration(duration).call(zoom.transform, t);
      else svg.call(zoom.transform, t);
    }
  };
  // The first draw waits for the caller to register its redraws (onZoom), right after this returns.
  transform = fromView(view);
  publish();
  queueMicrotask(() => svg.call(zoom.transform, transform));
  // Labels are placed by their measured widths, which exist only once the map is in the page: draw
  // again then (for a few seconds at most; a map never shown stops asking).
  let frames = 0;
  const redrawWhenShown = () => {
    if (node.isConnected) for (const redraw of redraws) redraw(transform.k);
    else if (++frames < 300) requestAnimationFrame(redrawWhenShown);
  };
  requestAnimationFrame(redrawWhenShown);
  return frame;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
