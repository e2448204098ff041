/**
 * Draws the Vouch mark (an envelope with a green "vouched" check badge) from vector shapes and
 * writes every PNG the manifests need into assets/. Run: node bin/run-ts.mjs scripts/icons.ts
 *
 * Each pixel is the average of SUPERSAMPLE x SUPERSAMPLE point samples of the shapes, painted in
 * order, so edges are anti-aliased at every size instead of being a scaled-down bitmap.
 */
import { PNG } from "pngjs";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The design grid: shapes are drawn in a 48 x 48 unit box and scaled to each size. */
const GRID = 48;
const SUPERSAMPLE = 8;

type Rgba = readonly [number, number, number, number];
type Point = readonly [number, number];
type Fill = Rgba | ((x: number, y: number) => Rgba);

interface Layer {
  /** Whether the design-space point lies inside the shape. */
  contains(x: number, y: number): boolean;
  /** A colour, or "erase" to cut a transparent gap into what is below (the badge's knockout). */
  paint: Fill | "erase";
}

function hex(value: string, alpha = 1): Rgba {
  const n = Number.parseInt(value.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number) {
  return (x: number, y: number): boolean => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function circle(cx: number, cy: number, r: number) {
  return (x: number, y: number): boolean => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function ring(cx: number, cy: number, outer: number, inner: number) {
  return (x: number, y: number): boolean => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= outer * outer && d >= inner * inner;
  };
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A polyline stroked with round caps and joins. */
function stroke(points: readonly Point[], width: number) {
  return (x: number, y: number): boolean => {
    for (let i = 1; i < points.length; i++) {
      if (distanceToSegment(x, y, points[i - 1]!, points[i]!) <= width / 2) return true;
    }
    return false;
  };
}

function both(...tests: ((x: number, y: number) => boolean)[]) {
  return (x: number, y: number): boolean => tests.every((test) => test(x, y));
}

function not(test: (x: number, y: number) => boolean) {
  return (x: number, y: number): boolean => !test(x, y);
}

/** Fluent brand blue, lighter at the top: readable on white and on Outlook's dark grey. */
function envelopeGradient(_x: number, y: number): Rgba {
  const top = hex("#2886DE");
  const bottom = hex("#0F6CBD");
  const t = Math.max(0, Math.min(1, (y - 9) / 27));
  return [0, 1, 2, 3].map((i) => top[i]! + (bottom[i]! - top[i]!) * t) as unknown as Rgba;
}

const WHITE = hex("#FFFFFF");
const FLAP = hex("#E3F1FF");
const GREEN = hex("#13A10E");

/**
 * Moves a design coordinate to the nearest pixel edge at this size, so the envelope's straight
 * edges land on whole pixels instead of smearing over two at 20, 24 or 25 px.
 */
function snapper(size: number | undefined) {
  if (!size) return (v: number) => v;
  return (v: number) => (Math.round((v * size) / GRID) * GRID) / size;
}

/** The colour mark: envelope, flap, knocked-out badge with a check. */
export function colorMark(size?: number): Layer[] {
  const snap = snapper(size);
  const badge: Point = [35.5, 35.5];
  return [
    { contains: roundedRect(snap(3), snap(9), snap(39), snap(36), 3.5), paint: envelopeGradient },
    {
      contains: stroke(
        [
          [6.5, 12.5],
          [21, 23.5],
          [35.5, 12.5],
        ],
        3,
      ),
      paint: FLAP,
    },
    { contains: circle(badge[0], badge[1], 12), paint: "erase" },
    { contains: circle(badge[0], badge[1], 9.5), paint: GREEN },
    {
      contains: stroke(
        [
          [30.5, 35.8],
          [34, 39.2],
          [40.5, 32],
        ],
        3.2,
      ),
      paint: WHITE,
    },
  ];
}

/** The monochrome outline the unified manifest wants: white on transparent, same silhouette. */
export function outlineMark(size?: number): Layer[] {
  const snap = snapper(size);
  const badge: Point = [35.5, 35.5];
  const outsideBadge = not(circle(badge[0], badge[1], 12.5));
  const body = roundedRect(snap(3), snap(9), snap(39), snap(36), 4);
  const inner = roundedRect(6.5, 12.5, 35.5, 32.5, 1.5);
  return [
    { contains: both(body, not(inner), outsideBadge), paint: WHITE },
    {
      contains: both(
        stroke(
          [
            [7, 13],
            [21, 24],
            [35, 13],
          ],
          3.2,
        ),
        outsideBadge,
      ),
      paint: WHITE,
    },
    { contains: ring(badge[0], badge[1], 10, 6.8), paint: WHITE },
    {
      contains: stroke(
        [
          [31.8, 35.8],
          [34.4, 38.4],
          [39.4, 33],
        ],
        2.6,
      ),
      paint: WHITE,
    },
  ];
}

function colourAt(layers: Layer[], x: number, y: number): Rgba {
  let colour: Rgba = [0, 0, 0, 0];
  for (const layer of layers) {
    if (!layer.contains(x, y)) continue;
    if (layer.paint === "erase") colour = [0, 0, 0, 0];
    else colour = typeof layer.paint === "function" ? layer.paint(x, y) : layer.paint;
  }
  return colour;
}

/** Rasterises the layers at size x size pixels. */
export function render(layers: Layer[], size: number): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const scale = GRID / size;
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Average in premultiplied alpha so transparent samples do not darken the edges.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) * scale;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) * scale;
          const [cr, cg, cb, ca] = colourAt(layers, x, y);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const offset = (py * size + px) * 4;
      png.data[offset] = a === 0 ? 0 : Math.round(r / a);
      png.data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[offset + 3] = Math.round((a / samples) * 255);
    }
  }
  return png;
}

/**
 * Every file the manifests reference. Ribbon 16/20/24/32/40/48/64/80; IconUrl 64;
 * HighResolutionIconUrl 128; mobile 25/32/48 at scales 1, 2, 3 (25, 50, 75, 32, 64, 96, 48, 96,
 * 144); unified manifest: color 192 and outline 32.
 */
export const COLOR_SIZES = [16, 20, 24, 25, 32, 40, 48, 50, 64, 75, 80, 96, 128, 144] as const;
export const UNIFIED_COLOR_FILE = "icon-color-192.png";
export const UNIFIED_OUTLINE_FILE = "icon-outline-32.png";

export function writeIcons(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const save = (name: string, png: PNG): void => {
    writeFileSync(join(dir, name), PNG.sync.write(png, { colorType: 6 }));
    written.push(name);
  };
  for (const size of COLOR_SIZES) save(`icon-${size}.png`, render(colorMark(size), size));
  save(UNIFIED_COLOR_FILE, render(colorMark(192), 192));
  save(UNIFIED_OUTLINE_FILE, render(outlineMark(32), 32));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(import.meta.dirname, "../assets");
  const written = writeIcons(dir);
  console.log(`wrote ${written.length} icons to ${dir}: ${written.join(", ")}`);
}
