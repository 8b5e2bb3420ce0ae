// Node only (build loader): this build's entries for the forecast ledger (data-loaders/ledger.ts
// keeps, checks and scores the ledger). Two kinds:
// - "build": the published pre-launch model's forecast for each core of a launch still to fly,
//   frozen at the build's timestamp;
// - "seeded": for each launch whose final pre-launch state LL2 recorded, what the site could have
//   said then: the pre-launch model refitted on landings before the launch (card.upcoming, the
//   out-of-sample scores the build already computes) applied to that state. Made afterwards, and
//   marked so: `as_of` is when the state was recorded, `frozen_at` when the build wrote it.
// Both carry the two references fitted on the same training rows, frozen with them.
import { acceptedDrops } from "../../data-loaders/contracts.ts";
import { advanceLedger, buildTimestamp, ledgerEntryId, readLedgerBaseline, readPreviousLedger, type AdvancedLedger, type LedgerEntry } from "../../data-loaders/ledger.ts";
import { featureTableRows, labelledRows, plain, upcomingFeatureRows, type Row } from "./features.js";
import { laplaceRate, recentRate } from "./forecast.js";
import { predictRows } from "./predict.js";
import type { DataRelease, ModelCard } from "./publish.js";

const iso = (v: unknown) => new Date(plain(v) as number | string).toISOString();

/** ll2:<id>#<role>, the second side booster of a Heavy #side-2: one key per core, stable before and after lift-off. */
export function coreKeys(upcoming: readonly Row[]): string[] {
  const seen = new Map<string, number>();
  return upcoming.map((u) => {
    const key = `ll2:${u.ll2_id}#${u.core_role ?? "single"}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    return nth === 1 ? key : `${key}-${nth}`;
  });
}

export interface LedgerCandidates {
  entries: LedgerEntry[];
  /** The newest recorded LL2 state (a replay build's default timestamp). */
  newestState: string | null;
}

/** The newest recorded LL2 state in the upcoming table. */
export function newestRecordedState(release: DataRelease): string | null {
  const times = (release.tables.upcoming ?? []).map((u) => plain(u.last_seen_at) as number | null).filter((t): t is number => t !== null);
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
}

/**
 * This build's candidate entries from the published pre-launch model's card. `frozenAt` is the
 * build's timestamp; a launch counts as still to fly when LL2's last state says it has not flown
 * and the launch record does not list it.
 */
export function ledgerCandidates(card: ModelCard, release: DataRelease, frozenAt: string, mode: "live" | "replay"): LedgerEntry[] {
  const upcoming = release.tables.upcoming ?? [];
  const landings = release.tables.landings ?? [];
  const flownIds = new Set((release.tables.launches ?? []).map((l) => l.ll2_id).filter(Boolean));
  const rows = upcomingFeatureRows(upcoming, landings);
  const keys = coreKeys(upcoming);
  const labelled = labelledRows(featureTableRows(release.tables)).sort((a, b) => (a.date_utc as number) - (b.date_utc as number));
  const recentN = card.evaluation.prequential?.recentN ?? 100;
  const references = (before: number) => {
    const y = labelled.filter((r) => (r.date_utc as number) < before).map((r) => r.label as number);
    return { base_rate: laplaceRate(y), recent_rate: recentRate(y, recentN), recent_n: recentN };
  };
  const scores = new Map((card.upcoming?.scores ?? []).map((s) => [s.landingId, s]));
  const planned = (u: Row) => u.landing_attempted !== false && u.landing_type !== "EXP" && String(u.rocket ?? "").startsWith("Falcon");
  const common = (u: Row, i: number) => ({
    ll2_id: String(u.ll2_id),
    core_key: keys[i]!,
    mission: (u.name as string | null) ?? null,
    rocket: (u.rocket as string | null) ?? null,
    booster_serial: (u.booster_serial as string | null) ?? null,
    net_utc: iso(u.net_utc),
    frozen_at: frozenAt,
    build_mode: mode,
    model_name: card.name,
    data_version: card.data.hash
  });
  const out: LedgerEntry[] = [];
  const frozen = Date.parse(frozenAt);
  // Still to fly: the published model, trained on every labelled landing this build knows.
  const toFly = upcoming.flatMap((u, i) => (u.flown !== true && !flownIds.has(u.ll2_id) && planned(u) ? [i] : []));
  const forecasts = predictRows(card, toFly.map((i) => rows[i]!));
  toFly.forEach((i, k) => {
    const f = forecasts[k]!;
    const trainedBefore = new Date(Math.min(frozen, Math.max(...labelled.map((r) => r.date_utc as number)) + 1)).toISOString();
    out.push({
      ...common(upcoming[i]!, i),
      entry_id: ledgerEntryId("build", keys[i]!, frozenAt),
      kind: "build",
      how: `Frozen by a ${mode} build at ${frozenAt}: the published pre-launch model ${card.id} on LL2's state of the launch as this build read it.`,
      as_of: frozenAt,
      probability: f.probability,
      probability_low: f.low,
      probability_high: f.high,
      ...references(Date.parse(trainedBefore)),
      model_id: card.id,
      trained_before: trainedBefore,
      training_rows: labelled.filter((r) => (r.date_utc as number) < Date.parse(trainedBefore)).length
    });
  });
  // Flown, with a recorded final pre-launch state: what the site could have said then.
  upcoming.forEach((u, i) => {
    const score = scores.get(String(rows[i]!.landing_id));
    if (!score || u.state_kind !== "final pre-launch" || u.state_taken_at === null || !planned(u)) return;
    if (u.flown !== true && !flownIds.has(u.ll2_id)) return;
    const asOf = iso(u.state_taken_at);
    if (Date.parse(asOf) > frozen) return;
    out.push({
      ...common(u, i),
      entry_id: ledgerEntryId("seeded", keys[i]!, asOf),
      kind: "seeded",
      how: `Seeded by a ${mode} build at ${frozenAt} from LL2's final pre-launch state recorded at ${asOf}: the pre-launch model refitted on the ${score.trainingRows} labelled landings before ${score.trainedBefore} (card.upcoming of model ${card.id}), not a forecast the site published then.`,
      as_of: asOf,
      probability: score.probability,
      probability_low: score.low,
      probability_high: score.high,
      ...references(Date.parse(score.trainedBefore)),
      model_id: `${card.id}<${score.trainedBefore.slice(0, 10)}`,
      trained_before: score.trainedBefore,
      training_rows: score.trainingRows
    });
  });
  return out;
}

export interface LedgerStep extends AdvancedLedger {
  frozenAt: string;
  /** Where the previous ledger was read from; null when there was none. */
  previous: string | null;
}

/**
 * One build's ledger, as the release loader makes it: the previous ledger (F9_PREVIOUS_LEDGER, or
 * the one kept beside the last good manifest), this build's entries at its timestamp
 * (F9_BUILD_TIME, else in replay the newest recorded state, else the clock), checked and scored.
 */
export async function buildLedger(card: ModelCard, release: DataRelease, options: { mode: "live" | "replay"; lastGood: string; env?: NodeJS.ProcessEnv; root?: string; clock?: Date }): Promise<LedgerStep> {
  const env = options.env ?? process.env;
  const clock = options.clock ?? new Date();
  const frozenAt = buildTimestamp(env, options.mode, newestRecordedState(release), clock);
  const previous = await readPreviousLedger(options.lastGood, env, options.root);
  const lastGood = await readLedgerBaseline(options.lastGood, options.root);
  const step = advanceLedger(previous, ledgerCandidates(card, release, frozenAt, options.mode), { launches: release.tables.launches ?? [], landings: release.tables.landings ?? [], upcoming: release.tables.upcoming ?? [] }, {
    now: new Date(Math.max(clock.getTime(), Date.parse(frozenAt))),
    accept: acceptedDrops(env.F9_ACCEPT_DROP),
    lastGood
  });
  return { ...step, frozenAt, previous: previous.path };
}
