// A chart below a phone's first screen, drawn only once the reader scrolls within a screen of it
// (or prints the page): on a phone, drawing every chart at load holds up the first screen's CPU
// for charts nobody has reached yet. The slot keeps the chart's height meanwhile, so the page does
// not jump when it is drawn, and says in the markup whether it has been (data-drawn).

/** A slot of `height` px that becomes `draw()` when it nears the viewport. */
export function drawnWhenNear(draw: () => Node, { height }: { height: number }): HTMLElement {
  const slot = document.createElement("div");
  slot.className = "drawn-when-near";
  slot.style.minHeight = `${height}px`;
  let drawn = false;
  const drawNow = () => {
    if (drawn) return;
    drawn = true;
    observer.disconnect();
    removeEventListener("beforeprint", drawNow);
    slot.append(draw());
    slot.dataset.drawn = "";
  };
  // A screen ahead in each direction: the chart is ready by the time it scrolls into view.
  const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && drawNow(), { rootMargin: "100% 0px" });
  observer.observe(slot);
  addEventListener("beforeprint", drawNow);
  return slot;
}
