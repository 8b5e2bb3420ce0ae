// Hand-checked facts of the record, asserted against the published release (dist/, built by
// test/site/build.test.ts) with SQL. Each fact is one a reader can look up; each once was wrong.
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { LANDING_DISTANCE_LIMIT_KM } from "../../data-loaders/record-rules.ts";
import { COUNTS, countSql } from "../../src/facts/counts.ts";
import { releaseSql, type ReleaseSql } from "../support/release-sql.ts";
import { DIST } from "../support/site.ts";

describe("facts of the record, in the published release", () => {
  let sql: ReleaseSql;
  before(async () => {
    sql = await releaseSql(join(DIST, "_file", "data", "release"));
  });
  const core = (serial: string, day: string) => {
    const rows = sql.rows(`SELECT landing_outcome, after_landing, core_flight, label FROM landings WHERE booster_serial = '${serial}' AND strftime(date_utc, '%Y-%m-%d') = '${day}'`);
    assert.equal(rows.length, 1, `${serial} on ${day}: ${rows.length} rows`);
    return rows[0]!;
  };

  it("Amos-6 is a pre-flight loss, not a launch: in no launch or landing row, listed apart with the day it was lost", () => {
    assert.equal(sql.value("SELECT count(*) FROM launches WHERE name ILIKE '%amos-6%'"), 0);
    assert.equal(sql.value("SELECT count(*) FROM landings l JOIN (SELECT launch_id FROM preflight_losses) p USING (launch_id)"), 0);
    assert.deepEqual(sql.rows("SELECT name, strftime(lost_utc, '%Y-%m-%d %H:%M') AS lost FROM preflight_losses"), [{ name: "Amos-6", lost: "2016-09-01 13:07" }]);
    assert.equal(sql.value("SELECT count(*) FROM launches WHERE year(date_utc) = 2016"), 8);
  });

  it("B1062 failed at touchdown on its 23rd flight (2024-08-28); B1086 (2025-03-03) and B1058 (2023-12-23) landed and were lost afterwards", () => {
    assert.deepEqual(core("B1062", "2024-08-28"), { landing_outcome: "failed", after_landing: null, core_flight: 23, label: 0 });
    const b1086 = core("B1086", "2025-03-03");
    assert.equal(b1086.landing_outcome, "landed");
    assert.match(String(b1086.after_landing), /fire/);
    assert.equal(b1086.core_flight, 5);
    const b1058 = core("B1058", "2023-12-23");
    assert.equal(b1058.landing_outcome, "landed");
    assert.match(String(b1058.after_landing), /lost after landing/);
    // How they ended, in the reviewed accounts (record-rules.ts): B1062 at touchdown; B1058 in transit; B1086 by a fire on the deck.
    const account = (serial: string, day: string) => String(sql.value(`SELECT landing_account FROM landings WHERE booster_serial = '${serial}' AND strftime(date_utc, '%Y-%m-%d') = '${day}'`));
    assert.match(account("B1062", "2024-08-28"), /tipped over at touchdown/);
    assert.match(account("B1058", "2023-12-23"), /on the way back to port/);
    assert.match(account("B1086", "2025-03-03"), /fire in the aft end/);
    // Since B1062 no Block 5 landing has failed.
    assert.equal(sql.value("SELECT count(*) FROM landings WHERE block = 5 AND landing_outcome = 'failed' AND date_utc > TIMESTAMP '2024-08-28 12:00:00'"), 0);
  });

  it("CRS-16's core and the Falcon Heavy Demo's center core failed to land", () => {
    assert.equal(sql.value("SELECT landing_outcome FROM landings l JOIN launches USING (launch_id) WHERE launches.name = 'CRS-16'"), "failed");
    assert.equal(sql.value("SELECT landing_outcome FROM landings l JOIN launches USING (launch_id) WHERE launches.name = 'Falcon Heavy Test Flight' AND core_role = 'center'"), "failed");
  });

  it("the first Falcon 9 flew on 2010-06-04: Wikipedia's flight 1, SpaceX's flight 6", () => {
    assert.deepEqual(sql.rows("SELECT strftime(date_utc, '%Y-%m-%d') AS day, wiki_flight_number, flight_number FROM launches ORDER BY date_utc LIMIT 1"), [{ day: "2010-06-04", wiki_flight_number: 1, flight_number: 6 }]);
  });

  it("Falcon launches per year: 96 in 2023, 134 in 2024, 165 in 2025; 12 Falcon Heavy flights", () => {
    const perYear = Object.fromEntries(sql.rows("SELECT year(date_utc)::INTEGER AS y, count(*)::INTEGER AS n FROM launches WHERE year(date_utc) BETWEEN 2023 AND 2025 GROUP BY 1").map((r) => [r.y, r.n]));
    assert.deepEqual(perYear, { 2023: 96, 2024: 134, 2025: 165 });
    assert.equal(sql.value(countSql("heavyLaunches")), 12);
  });

  it("v1.0 and v1.1 cores have no block; Full Thrust cores have blocks 1 to 5", () => {
    assert.equal(sql.value("SELECT count(*) FROM landings l JOIN launches USING (launch_id) WHERE version IN ('F9 v1.0', 'F9 v1.1') AND l.block IS NOT NULL"), 0);
    assert.deepEqual(sql.rows("SELECT DISTINCT block FROM landings WHERE block IS NOT NULL ORDER BY block").map((r) => r.block), [1, 2, 3, 4, 5]);
  });

  it(`no published landing position lies farther than ${LANDING_DISTANCE_LIMIT_KM} km from its pad`, () => {
    const far = sql.rows(`SELECT launch_id, landing_latitude, landing_longitude,
        2 * 6371 * asin(sqrt(pow(sin(radians(landing_latitude - pad_latitude) / 2), 2) + cos(radians(pad_latitude)) * cos(radians(landing_latitude)) * pow(sin(radians(landing_longitude - pad_longitude) / 2), 2))) AS km
      FROM landings l JOIN launches USING (launch_id) WHERE landing_latitude IS NOT NULL AND km > ${LANDING_DISTANCE_LIMIT_KM}`);
    assert.deepEqual(far, []);
    assert.equal(sql.value("SELECT landing_latitude FROM landings l JOIN launches USING (launch_id) WHERE launches.name LIKE 'Starlink 4-11%'"), null);
  });

  it("every count's SQL definition and its predicate agree on the release, and the counts add up", () => {
    const all = { launches: sql.rows("SELECT * FROM launches"), landings: sql.rows("SELECT * FROM landings") };
    for (const d of Object.values(COUNTS)) {
      assert.equal(all[d.table].filter(d.test).length, sql.value(countSql(d.key)), `${d.key}: predicate and SQL differ`);
    }
    const n = (key: keyof typeof COUNTS) => Number(sql.value(countSql(key)));
    assert.equal(n("cores"), n("attempts") + n("noAttempt") + n("expended") + n("unknown"));
    assert.equal(n("attempts"), n("recoveryAttempts") + n("oceanTouchdowns") + n("oceanFailures"));
    // The launches table's own per-launch counts agree with the core rows.
    assert.equal(sql.value("SELECT sum(landing_attempts)::INTEGER FROM launches"), n("attempts"));
  });
});
