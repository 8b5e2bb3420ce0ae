// The map page's geography in one archive (data-loaders/map-geography.ts): one process at build
// time instead of four. Pages read members: FileAttachment("data/map/coast.json").
import { httpFromEnv } from "../../data-loaders/config.ts";
import { coastAndSeas, landingZones, placesNearPads, usStates } from "../../data-loaders/map-geography.ts";
import { tarArchive } from "../ml/tar.ts";

process.stdout.write(
  tarArchive([
    ["coast.json", JSON.stringify(coastAndSeas())],
    ["places.json", JSON.stringify(placesNearPads())],
    ["us-states.json", usStates()],
    ["landing-zones.json", JSON.stringify(await landingZones(httpFromEnv()), null, 1)]
  ])
);
