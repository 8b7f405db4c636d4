/**
 * The locator map of /city: where the places fall on it (the projection, the scale bar, the
 * names), what it says in words, and the PNG resvg draws from it with the DejaVu font.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge, type Place } from "../../../src/knowledge/loadKnowledge.ts";
import {
  MAP_SIZE,
  bearingDegrees,
  compassDirection,
  distanceKm,
  drawLocatorMap,
  locatorMapSvg,
  locatorMapView,
  mapFileName,
  svgToPng,
  type LocatorMapView,
} from "../../../src/view/locatorMap.ts";
import { PROJECT_DIR } from "../../support/runProcess.ts";

const store = loadKnowledge();
const place = (name: string): Place => {
  const found = store.places.find((p) => p.name === name);
  if (!found) throw new Error(`no place ${name} in the shipped store`);
  return found;
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

function viewOf(name: string): LocatorMapView {
  const view = locatorMapView(store.places, place(name));
  if (!view) throw new Error(`no map of ${name}`);
  return view;
}
const pointOf = (view: LocatorMapView, name: string) => {
  const point = view.points.find((p) => p.name === name);
  if (!point) throw new Error(`${name} is not on the map`);
  return point;
};

describe("the locator map's PNG", () => {
  it("is a PNG of the map's size, small enough for any Discord upload", () => {
    const map = drawLocatorMap(store.places, place("Homs"));
    expect(map?.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(map && pngSize(map.png)).toEqual({ width: MAP_SIZE.width, height: MAP_SIZE.height });
    expect(map?.png.length).toBeLessThan(200_000);
    expect(map?.fileName).toBe("map-homs.png");
  });

  it("differs when another place is highlighted (and is the same each time it is drawn)", () => {
    const homs = svgToPng(locatorMapSvg(viewOf("Homs")));
    expect(svgToPng(locatorMapSvg(viewOf("Homs")))).toEqual(homs);
    expect(homs.equals(svgToPng(locatorMapSvg(viewOf("Hama"))))).toBe(false);
  });

  it("draws the names in the font it was given (a map without its text would be the same as one without names)", () => {
    const svg = locatorMapSvg(viewOf("Homs"));
    const withoutText = svg.replace(/<text [^>]*>[^<]*<\/text>/g, "");
    expect(withoutText).not.toBe(svg);
    expect(svgToPng(svg).equals(svgToPng(withoutText))).toBe(false);
  });

  it("refuses to draw without its font, naming the missing file", () => {
    const svg = locatorMapSvg(viewOf("Homs"));
    expect(() => svgToPng(svg, ["/nonexistent/DejaVuSans.ttf"])).toThrow(
      /font \/nonexistent\/DejaVuSans\.ttf is missing.*dejavu-fonts-ttf/,
    );
  });

  it("escapes a name that is not plain text for SVG", () => {
    const odd: Place = { ...place("Homs"), name: 'Tell <"A"> & B' };
    const view = locatorMapView([...store.places, odd], odd);
    expect(view).not.toBeNull();
    if (view) expect(svgToPng(locatorMapSvg(view)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});

describe("no map without coordinates", () => {
  it("a store whose places were read from uncurated reports gets no map of any of them", () => {
    const harbour = loadKnowledge(path.join(PROJECT_DIR, "tests/fixtures/stores/harbour"));
    expect(harbour.places.length).toBeGreaterThan(0);
    for (const p of harbour.places) {
      expect(p.coordinates).toBeNull();
      expect(drawLocatorMap(harbour.places, p)).toBeNull();
    }
  });

  it("a place without coordinates gets none, even among places that have them", () => {
    const unplaced: Place = { ...place("Homs"), name: "Nowhere", coordinates: null };
    expect(locatorMapView([...store.places, unplaced], unplaced)).toBeNull();
    expect(drawLocatorMap([...store.places, unplaced], unplaced)).toBeNull();
  });

  it("the places without coordinates are left off the others' maps", () => {
    const unplaced: Place = { ...place("Homs"), name: "Nowhere", coordinates: null };
    const view = locatorMapView([...store.places, unplaced], place("Hama"));
    expect(view?.points.map((p) => p.name).sort()).toEqual(["Aleppo", "Damascus", "Hama", "Homs", "Latakia"]);
  });
});

describe("where the places fall", () => {
  const view = viewOf("Homs");

  it("shows every place with coordinates, the asked one highlighted and drawn last", () => {
    expect(view.points.map((p) => p.name).sort()).toEqual(["Aleppo", "Damascus", "Hama", "Homs", "Latakia"]);
    expect(view.points.filter((p) => p.highlighted).map((p) => p.name)).toEqual(["Homs"]);
    expect(view.points.at(-1)?.name).toBe("Homs");
  });

  it("puts north up and east right, every dot and name inside the map", () => {
    const [hama, homs, aleppo, damascus, latakia] = ["Hama", "Homs", "Aleppo", "Damascus", "Latakia"].map(
      (n) => pointOf(view, n),
    );
    expect(homs && hama && homs.y > hama.y).toBe(true);
    expect(aleppo && hama && aleppo.y < hama.y).toBe(true);
    expect(damascus && view.points.every((p) => p.y <= damascus.y)).toBe(true);
    expect(latakia && view.points.every((p) => p.x >= latakia.x)).toBe(true);
    for (const p of view.points) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(view.width);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(view.height - 30);
      expect(p.label.x).toBeGreaterThan(0);
      expect(p.label.x).toBeLessThan(view.width);
    }
  });

  it("keeps a kilometre about as long east–west as north–south (longitude scaled by the cosine of the mean latitude)", () => {
    // Pixels per kilometre along three differently oriented pairs agree within a few per cent.
    const pairs: Array<[string, string]> = [
      ["Hama", "Homs"], // north–south
      ["Hama", "Latakia"], // mostly east–west
      ["Aleppo", "Damascus"], // long, north–south
    ];
    for (const [a, b] of pairs) {
      const p = pointOf(view, a);
      const q = pointOf(view, b);
      const pixels = Math.hypot(p.x - q.x, p.y - q.y);
      const km = distanceKm(
        place(a).coordinates ?? { lat: 0, lon: 0 },
        place(b).coordinates ?? { lat: 0, lon: 0 },
      );
      expect(Math.abs((pixels * view.kmPerPixel) / km - 1)).toBeLessThan(0.03);
    }
  });

  it("fits the places to the map: the farthest apart span most of its height", () => {
    const ys = view.points.map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan((view.height - 30) * 0.6);
  });

  it("has a scale bar of a round number of kilometres, as long as that many kilometres are", () => {
    const { km, pixels } = view.scaleBar;
    expect(String(km)).toMatch(/^[125]0*$/);
    expect(pixels * view.kmPerPixel).toBeCloseTo(km, 6);
    expect(pixels).toBeLessThanOrEqual(view.width / 4);
    expect(pixels).toBeGreaterThan(view.width / 10);
  });

  it("says which way the nearest place is in the alt text, and no distance in words (the reports give their own)", () => {
    expect(view.nearest).toMatchObject({ name: "Hama", direction: "south" });
    expect(view.nearest?.km).toBeCloseTo(44.6, 0);
    expect(view.caption).toBe("Homs — placed by the store's coordinates, not the reports' words");
    expect(view.altText).toBe(
      "Map: Homs, south of Hama. Also shown: Hama, Aleppo, Damascus, Latakia. North is up; the scale bar is 100 km.",
    );
    expect(viewOf("Latakia").altText).toMatch(/^Map: Latakia, north-west of Hama\./);
  });

  it("a place alone on its map is shown all the same, with no distance", () => {
    const alone = locatorMapView([place("Homs")], place("Homs"));
    expect(alone?.points).toHaveLength(1);
    expect(alone?.nearest).toBeNull();
    expect(alone?.caption).toBe("Homs — placed by the store's coordinates, not the reports' words");
    expect(alone?.altText).toMatch(/^Map: Homs\. North is up; the scale bar is \d+ km\.$/);
  });
});

describe("distances, bearings and file names", () => {
  it("measures great-circle distances and bearings", () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.19, 1);
    expect(distanceKm({ lat: 60, lon: 0 }, { lat: 60, lon: 1 })).toBeCloseTo(55.6, 0);
    expect(bearingDegrees({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(0, 6);
    expect(bearingDegrees({ lat: 0, lon: 0 }, { lat: 0, lon: -1 })).toBeCloseTo(270, 6);
    expect([0, 44, 46, 180, 200, 315, 359].map(compassDirection)).toEqual([
      "north",
      "north-east",
      "north-east",
      "south",
      "south",
      "north-west",
      "north",
    ]);
  });

  it("names the file with the place's ASCII letters, as Discord keeps attachment names", () => {
    expect(mapFileName("Homs")).toBe("map-homs.png");
    expect(mapFileName("Al-Lādhiqīyah")).toBe("map-al-ladhiqiyah.png");
    expect(mapFileName("Deir ez-Zor")).toBe("map-deir-ez-zor.png");
    expect(mapFileName("حمص")).toBe("map-place.png");
  });
});
