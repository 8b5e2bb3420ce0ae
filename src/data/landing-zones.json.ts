// Landing zones and drone ships with their coordinates, from the SpaceX API's landpads (drone-ship
// coordinates are home ports: the ships sail to a different spot for each mission).
import { httpFromEnv } from "../../data-loaders/config.ts";
import { fetchSpacex } from "../../data-loaders/sources/spacex-api.ts";

const { landpads } = await fetchSpacex(httpFromEnv());
process.stdout.write(JSON.stringify(landpads.map(({ name, fullName, type, latitude, longitude }) => ({ name, fullName, type, latitude, longitude })), null, 1));
