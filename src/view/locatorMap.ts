/**
 * The locator map of /city: every place of the store that has coordinates, as a dot with its
 * name, the asked place highlighted, a scale bar in kilometres and a north arrow — drawn as SVG
 * and rendered to PNG by resvg, with no map tiles and nothing fetched. The projection is
 * equirectangular, its east–west axis scaled by the cosine of the places' mean latitude (so a
 * kilometre is about as long either way), fitted to the places' bounds with a margin.
 *
 * The text is drawn in DejaVu Sans, passed to resvg by file (system fonts are never searched):
 * a missing font file is an error naming it, not a map without names.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import type { Coordinates, Place } from "../knowledge/loadKnowledge.ts";

/** The map's size in pixels: small, a few tens of kilobytes as PNG. */
export const MAP_SIZE = { width: 480, height: 360 } as const;

/**
 * The fonts the map is drawn with: DejaVu Sans from the npm package of the DejaVu fonts, so the
 * map looks the same on every machine and needs nothing installed beside `npm ci`.
 */
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);
export const MAP_FONT_FILES: readonly string[] = [
  fontFile("DejaVuSans.ttf"),
  fontFile("DejaVuSans-Bold.ttf"),
];
const FONT_FAMILY = "DejaVu Sans";

const EARTH_RADIUS_KM = 6371;
/** Kilometres in one degree of latitude (and of the projection's scaled longitude). */
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** The smallest span the map shows, in degrees of latitude: one place alone is not a point. */
const MIN_SPAN_DEGREES = 0.5;
/** Room kept around the places, in pixels: for their names (sides), the arrow (top), the scale bar (bottom). */
const MARGIN = { top: 34, right: 70, bottom: 48, left: 70 } as const;
/** The caption strip along the bottom edge. */
const CAPTION_HEIGHT = 30;
const FONT = { label: 13, asked: 15, caption: 13, small: 10 } as const;
/** DejaVu Sans's average advance, in ems, to estimate how wide a name is drawn. */
const ADVANCE = { regular: 0.62, bold: 0.7 } as const;
/** How many other places the alt text names before "and N more". */
const MAX_NAMED = 20;

const COLOUR = {
  paper: "#f3efe6",
  grid: "#d9d2c3",
  gridText: "#8a8170",
  ink: "#1a202c",
  dot: "#2d3748",
  asked: "#c53030",
  strip: "#2d3748",
  stripText: "#ffffff",
} as const;

export interface MapPoint {
  name: string;
  x: number;
  y: number;
  /** The asked place. */
  highlighted: boolean;
  label: { x: number; y: number; anchor: "start" | "middle" | "end" };
}

/** The place nearest the asked one, and where the asked one is from it. */
export interface NearestPlace {
  name: string;
  km: number;
  /** "south", "north-east"…: the bearing from that place to the asked one. */
  direction: string;
}

/** What the map shows, before it is drawn: every position in pixels. */
export interface LocatorMapView {
  width: number;
  height: number;
  /** The asked place's name. */
  name: string;
  /** `map-<place>.png`: ASCII letters, digits and hyphens, as Discord keeps attachment names. */
  fileName: string;
  /** Every place with coordinates; the asked one last, so it is drawn on top. */
  points: MapPoint[];
  kmPerPixel: number;
  scaleBar: { km: number; pixels: number; x: number; y: number };
  northArrow: { x: number; y: number };
  graticule: {
    lat: Array<{ label: string; y: number }>;
    lon: Array<{ label: string; x: number }>;
  };
  nearest: NearestPlace | null;
  /** The line under the map: "Homs — placed by the store's coordinates, not the reports' words". */
  caption: string;
  /** The image's description for those who cannot see it: the asked place and every place shown. */
  altText: string;
}

/** The map as a file to attach. */
export interface LocatorMap {
  fileName: string;
  altText: string;
  png: Buffer;
  width: number;
  height: number;
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The initial bearing from `from` to `to`, in degrees clockwise from north (0–360). */
export function bearingDegrees(from: Coordinates, to: Coordinates): number {
  const rad = Math.PI / 180;
  const dLon = (to.lon - from.lon) * rad;
  const y = Math.sin(dLon) * Math.cos(to.lat * rad);
  const x =
    Math.cos(from.lat * rad) * Math.sin(to.lat * rad) -
    Math.sin(from.lat * rad) * Math.cos(to.lat * rad) * Math.cos(dLon);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

const COMPASS = ["north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"];

/** One of the eight compass directions for a bearing. */
export function compassDirection(bearing: number): string {
  return COMPASS[Math.round(bearing / 45) % 8] ?? "north";
}

const formatKm = (km: number): string =>
  km < 10 ? km.toFixed(1).replace(/\.0$/, "") : Math.round(km).toLocaleString("en-GB");

/** A 1, 2 or 5 times a power of ten, at most `max` (and at least a hundred metres). */
function niceBelow(max: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(max, 0.1)));
  return [5, 2, 1].map((m) => m * power).find((v) => v <= max) ?? power;
}

const GRID_STEPS = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 90];

function degreeLabel(value: number, positive: string, negative: string): string {
  const rounded = Math.round(value * 100) / 100;
  if (rounded === 0) return "0°";
  return `${Math.abs(rounded)}°${rounded > 0 ? positive : negative}`;
}

/** A file name Discord keeps as it is: `map-` and the name's ASCII letters and digits. */
export function mapFileName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `map-${slug || "place"}.png`;
}

const labelWidth = (name: string, highlighted: boolean) =>
  Array.from(name).length * (highlighted ? FONT.asked * ADVANCE.bold : FONT.label * ADVANCE.regular);

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * What the map of `asked` shows, among `places` (the store's): null when the asked place has no
 * coordinates.
 */
export function locatorMapView(
  places: readonly Place[],
  asked: Place,
  size: { width: number; height: number } = MAP_SIZE,
): LocatorMapView | null {
  const askedAt = asked.coordinates;
  if (askedAt === null) return null;
  const { width, height } = size;
  const located = [
    ...places.flatMap((place) =>
      place !== asked && place.name !== asked.name && place.coordinates !== null
        ? [{ place, at: place.coordinates }]
        : [],
    ),
    { place: asked, at: askedAt },
  ];

  // Equirectangular: x is longitude scaled by the cosine of the mean latitude, y is latitude.
  const meanLat = located.reduce((sum, p) => sum + p.at.lat, 0) / located.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = located.map((p) => p.at.lon * k);
  const ys = located.map((p) => p.at.lat);
  const span = (values: number[]) => Math.max(...values) - Math.min(...values);
  const spanX = Math.max(span(xs), MIN_SPAN_DEGREES);
  const spanY = Math.max(span(ys), MIN_SPAN_DEGREES);
  const midX = (Math.max(...xs) + Math.min(...xs)) / 2;
  const midY = (Math.max(...ys) + Math.min(...ys)) / 2;
  const area = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: height - CAPTION_HEIGHT - MARGIN.top - MARGIN.bottom,
  };
  const scale = Math.min(area.width / spanX, area.height / spanY); // pixels per degree
  const centreX = area.left + area.width / 2;
  const centreY = area.top + area.height / 2;
  const project = (at: Coordinates) => ({
    x: centreX + (at.lon * k - midX) * scale,
    y: centreY - (at.lat - midY) * scale,
  });
  const kmPerPixel = KM_PER_DEGREE / scale;

  // Names beside their dots, the asked place first: right, left, above or below, where one
  // fits inside the map and clear of the names and dots already placed.
  const projected = located.map((p) => ({ ...p, ...project(p.at), highlighted: p.place === asked }));
  const taken: Box[] = projected.map((p) => ({
    left: p.x - 6,
    top: p.y - 6,
    right: p.x + 6,
    bottom: p.y + 6,
  }));
  const labels = new Map<(typeof projected)[number], MapPoint["label"]>();
  for (const p of [...projected].reverse()) {
    const w = labelWidth(p.place.name, p.highlighted);
    const h = p.highlighted ? FONT.asked : FONT.label;
    const gap = p.highlighted ? 12 : 8;
    const candidates: Array<{ label: MapPoint["label"]; box: Box }> = [
      {
        label: { x: p.x + gap, y: p.y + h * 0.35, anchor: "start" },
        box: { left: p.x + gap, right: p.x + gap + w, top: p.y - h / 2, bottom: p.y + h / 2 },
      },
      {
        label: { x: p.x - gap, y: p.y + h * 0.35, anchor: "end" },
        box: { left: p.x - gap - w, right: p.x - gap, top: p.y - h / 2, bottom: p.y + h / 2 },
      },
      {
        label: { x: p.x, y: p.y - gap, anchor: "middle" },
        box: { left: p.x - w / 2, right: p.x + w / 2, top: p.y - gap - h, bottom: p.y - gap },
      },
      {
        label: { x: p.x, y: p.y + gap + h * 0.8, anchor: "middle" },
        box: { left: p.x - w / 2, right: p.x + w / 2, top: p.y + gap, bottom: p.y + gap + h },
      },
    ];
    const inside = (b: Box) =>
      b.left >= 4 && b.right <= width - 4 && b.top >= 4 && b.bottom <= height - CAPTION_HEIGHT - 4;
    const chosen =
      candidates.find((c) => inside(c.box) && !taken.some((b) => overlaps(b, c.box))) ??
      candidates.find((c) => inside(c.box)) ??
      candidates[0];
    if (chosen) {
      labels.set(p, chosen.label);
      taken.push(chosen.box);
    }
  }
  const points: MapPoint[] = projected.map((p) => ({
    name: p.place.name,
    x: p.x,
    y: p.y,
    highlighted: p.highlighted,
    label: labels.get(p) ?? { x: p.x + 8, y: p.y + 4, anchor: "start" },
  }));

  // A scale bar of a round length, at most a quarter of the map's width.
  const barKm = niceBelow((width / 4) * kmPerPixel);
  const scaleBar = { km: barKm, pixels: barKm / kmPerPixel, x: 16, y: height - CAPTION_HEIGHT - 14 };

  // Whole-degree lines (or finer, or coarser) across the visible extent, about three to six of them.
  const visible = {
    north: midY + (centreY - 0) / scale,
    south: midY - (height - CAPTION_HEIGHT - centreY) / scale,
    west: (midX - centreX / scale) / k,
    east: (midX + (width - centreX) / scale) / k,
  };
  const step = GRID_STEPS.find((s) => (visible.north - visible.south) / s <= 5) ?? 90;
  const lines = (from: number, to: number) => {
    const out: number[] = [];
    for (let v = Math.ceil(from / step) * step; v <= to; v += step) out.push(Math.round(v * 1e6) / 1e6);
    return out;
  };
  const graticule = {
    lat: lines(visible.south, visible.north)
      .filter((lat) => lat >= -90 && lat <= 90)
      .map((lat) => ({ label: degreeLabel(lat, "N", "S"), y: centreY - (lat - midY) * scale })),
    lon: lines(visible.west, visible.east).map((lon) => ({
      label: degreeLabel(lon, "E", "W"),
      x: centreX + (lon * k - midX) * scale,
    })),
  };

  // The nearest other place, and where the asked one lies from it.
  let nearest: NearestPlace | null = null;
  for (const { place, at } of located) {
    if (place === asked) continue;
    const km = distanceKm(at, askedAt);
    if (nearest === null || km < nearest.km)
      nearest = { name: place.name, km, direction: compassDirection(bearingDegrees(at, askedAt)) };
  }
  // Which way the nearest place is, as the picture shows it; no distance in words: the reports
  // give their own ("about 40 kilometres"), and the bot states nothing they do not.
  const where =
    nearest === null
      ? null
      : nearest.km < 0.5
        ? `at ${nearest.name}`
        : `${nearest.direction} of ${nearest.name}`;
  const others = located.filter((p) => p.place !== asked).map((p) => p.place.name);
  const named =
    others.length > MAX_NAMED
      ? `${others.slice(0, MAX_NAMED).join(", ")} and ${others.length - MAX_NAMED} more`
      : others.join(", ");
  return {
    width,
    height,
    name: asked.name,
    fileName: mapFileName(asked.name),
    points,
    kmPerPixel,
    scaleBar,
    northArrow: { x: width - 26, y: 10 },
    graticule,
    nearest,
    caption: `${asked.name} — placed by the store's coordinates, not the reports' words`,
    altText: [
      `Map: ${asked.name}${where === null ? "" : `, ${where}`}.`,
      ...(others.length > 0 ? [`Also shown: ${named}.`] : []),
      `North is up; the scale bar is ${formatKm(barKm)} km.`,
    ].join(" "),
  };
}

const xml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n = (value: number) => String(Math.round(value * 10) / 10);

/** The map as an SVG document. */
export function locatorMapSvg(view: LocatorMapView): string {
  const { width, height } = view;
  const mapBottom = height - CAPTION_HEIGHT;
  const text = (x: number, y: number, body: string, attrs: string) =>
    `<text x="${n(x)}" y="${n(y)}" ${attrs}>${xml(body)}</text>`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="${COLOUR.paper}"/>`,
  ];
  // The graticule, with its degrees at the left and top edges.
  for (const { label, y } of view.graticule.lat) {
    if (y < 0 || y > mapBottom) continue;
    parts.push(
      `<line x1="0" y1="${n(y)}" x2="${width}" y2="${n(y)}" stroke="${COLOUR.grid}" stroke-width="1"/>`,
    );
    parts.push(text(4, y - 3, label, `font-size="${FONT.small}" fill="${COLOUR.gridText}"`));
  }
  for (const { label, x } of view.graticule.lon) {
    if (x < 0 || x > width) continue;
    parts.push(
      `<line x1="${n(x)}" y1="0" x2="${n(x)}" y2="${mapBottom}" stroke="${COLOUR.grid}" stroke-width="1"/>`,
    );
    if (x < width - 60)
      parts.push(text(x + 3, 12, label, `font-size="${FONT.small}" fill="${COLOUR.gridText}"`));
  }
  // The places: the others small and dark, the asked one large and red, ringed.
  for (const p of view.points) {
    if (p.highlighted) {
      parts.push(
        `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="11" fill="none" stroke="${COLOUR.asked}" stroke-width="2"/>`,
      );
      parts.push(
        `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="6" fill="${COLOUR.asked}" stroke="#ffffff" stroke-width="1.5"/>`,
      );
    } else {
      parts.push(
        `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="4" fill="${COLOUR.dot}" stroke="#ffffff" stroke-width="1"/>`,
      );
    }
    parts.push(
      text(
        p.label.x,
        p.label.y,
        p.name,
        `text-anchor="${p.label.anchor}" font-size="${p.highlighted ? FONT.asked : FONT.label}" font-weight="${p.highlighted ? "bold" : "normal"}" fill="${p.highlighted ? COLOUR.asked : COLOUR.ink}" stroke="${COLOUR.paper}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`,
      ),
    );
  }
  // The scale bar: a bar of round length with end ticks, its length above it.
  const { x: bx, y: by, pixels, km } = view.scaleBar;
  parts.push(
    `<path d="M${n(bx)} ${n(by - 5)}V${n(by)}H${n(bx + pixels)}V${n(by - 5)}" fill="none" stroke="${COLOUR.ink}" stroke-width="2"/>`,
    text(
      bx + pixels / 2,
      by - 8,
      `${formatKm(km)} km`,
      `text-anchor="middle" font-size="${FONT.small + 1}" fill="${COLOUR.ink}"`,
    ),
  );
  // The north arrow, top right.
  const { x: ax, y: ay } = view.northArrow;
  parts.push(
    text(ax, ay + 12, "N", `text-anchor="middle" font-size="12" font-weight="bold" fill="${COLOUR.ink}"`),
    `<path d="M${n(ax)} ${n(ay + 16)}L${n(ax + 7)} ${n(ay + 38)}L${n(ax)} ${n(ay + 32)}L${n(ax - 7)} ${n(ay + 38)}Z" fill="${COLOUR.ink}"/>`,
  );
  // The caption strip.
  parts.push(
    `<rect x="0" y="${mapBottom}" width="${width}" height="${CAPTION_HEIGHT}" fill="${COLOUR.strip}"/>`,
    text(
      10,
      mapBottom + CAPTION_HEIGHT / 2 + FONT.caption * 0.35,
      view.caption,
      `font-size="${FONT.caption}" fill="${COLOUR.stripText}"`,
    ),
    "</svg>",
  );
  return parts.join("\n");
}

/** Renders SVG to PNG with the given font files only; a missing one is an error naming it. */
export function svgToPng(svg: string, fontFiles: readonly string[] = MAP_FONT_FILES): Buffer {
  const missing = fontFiles.find((file) => !existsSync(file));
  if (missing !== undefined)
    throw new Error(
      `the locator map's font ${missing} is missing (it comes with the dejavu-fonts-ttf package: run npm ci)`,
    );
  return new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [...fontFiles],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: "original" },
    // resvg would write its own warnings to stderr, outside the bot's JSON log lines.
    logLevel: "off",
  })
    .render()
    .asPng();
}

/** The maps drawn so far, by store (its frozen list of places) and place: a map never changes. */
const drawn = new WeakMap<readonly Place[], Map<Place, LocatorMap | null>>();

/**
 * The locator map of `asked` among the store's `places`, as a PNG: null when the asked place has
 * no coordinates. Drawn once per place and store; throws when the font is missing.
 */
export function drawLocatorMap(places: readonly Place[], asked: Place): LocatorMap | null {
  let maps = drawn.get(places);
  if (!maps) {
    maps = new Map();
    drawn.set(places, maps);
  }
  const known = maps.get(asked);
  if (known !== undefined) return known;
  const view = locatorMapView(places, asked);
  const map =
    view === null
      ? null
      : {
          fileName: view.fileName,
          altText: view.altText,
          png: svgToPng(locatorMapSvg(view)),
          width: view.width,
          height: view.height,
        };
  maps.set(asked, map);
  return map;
}
