import { html } from "./inputs.js";

/** A progress bar with a status line and a cancel button; `update` and `done` drive it. */
export function ProgressBar({ id, onCancel }: { id: string; onCancel: () => void }) {
  const bar = html`<progress id=${`${id}-bar`} max="1" value="0" style="width: 100%"></progress>` as unknown as HTMLProgressElement;
  const status = html`<span id=${`${id}-status`} class="muted">Idle.</span>`;
  const cancel = html`<button id=${`${id}-cancel`} disabled>Cancel</button>` as unknown as HTMLButtonElement;
  cancel.onclick = () => onCancel();
  // Between done() and the next start(), late progress from a cancelled run must not overwrite the outcome.
  let active = false;
  const element = html`<div class="progress" id=${id}>${bar}<div style="display: flex; gap: 1rem; align-items: center">${cancel}${status}</div></div>`;
  return {
    element,
    start(message: string) {
      active = true;
      bar.value = 0;
      status.textContent = message;
      cancel.disabled = false;
    },
    update(fraction: number, message: string) {
      if (!active) return;
      bar.value = fraction;
      status.textContent = message;
    },
    done(message: string) {
      active = false;
      cancel.disabled = true;
      status.textContent = message;
    }
  };
}
