import type { Place } from "./geo.js";

/**
 * Towns and cities near the Falcon launch sites, for the map's "nearest city" distances. A short,
 * hand-picked list: the incorporated towns closest to each pad and the region's large cities
 * (unincorporated places such as Merritt Island or Vandenberg Village are left out). Coordinates are
 * the city-centre coordinates in each place's English Wikipedia article, rounded to 0.01° (about 1 km).
 */
export const cities: (Place & { state: string })[] = [
  { name: "Cape Canaveral", state: "FL", latitude: 28.39, longitude: -80.6 },
  { name: "Cocoa Beach", state: "FL", latitude: 28.32, longitude: -80.61 },
  { name: "Cocoa", state: "FL", latitude: 28.38, longitude: -80.74 },
  { name: "Rockledge", state: "FL", latitude: 28.32, longitude: -80.72 },
  { name: "Titusville", state: "FL", latitude: 28.61, longitude: -80.82 },
  { name: "Melbourne", state: "FL", latitude: 28.08, longitude: -80.61 },
  { name: "Orlando", state: "FL", latitude: 28.54, longitude: -81.38 },
  { name: "Lompoc", state: "CA", latitude: 34.64, longitude: -120.46 },
  { name: "Santa Maria", state: "CA", latitude: 34.95, longitude: -120.43 },
  { name: "Guadalupe", state: "CA", latitude: 34.97, longitude: -120.57 },
  { name: "Buellton", state: "CA", latitude: 34.61, longitude: -120.19 },
  { name: "Solvang", state: "CA", latitude: 34.6, longitude: -120.14 },
  { name: "Santa Barbara", state: "CA", latitude: 34.42, longitude: -119.7 }
];
