import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** One icon of the web app manifest: drawn at build time, so no image file is kept in the repository. */
export interface AppIcon {
  /** Relative to the app's base (`/app/`), as the manifest names it. */
  readonly src: string;
  readonly size: number;
  readonly purpose: 'any' | 'maskable';
}

/** 192 and 512 pixels, what Chrome asks of an installable app; the drawing keeps to the maskable safe zone (a circle of 80%). */
export const APP_ICONS: readonly AppIcon[] = [
  { src: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { src: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { src: 'icons/icon-512.png', size: 512, purpose: 'maskable' },
];

/** The app's own colours, read from web/src/styles.css (`:root`), so the manifest and the icons follow the page. */
export function appColours(): { readonly accent: string; readonly wash: string; readonly paper: string } {
  const css = readFileSync(new URL('./src/styles.css', import.meta.url), 'utf8');
  const colour = (name: string) => {
    const value = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})\\s*;`, 'i').exec(css)?.[1];
    if (!value) throw new Error(`web/src/styles.css sets no --${name} as #rrggbb`);
    return value.toLowerCase();
  };
  return { accent: colour('accent'), wash: colour('wash'), paper: colour('paper') };
}

/**
 * Writes the icons into the build (and serves them from the dev server), and sets the page's
 * theme colour: the manifest itself is vite-plugin-pwa's (web/vite.config.ts).
 */
export function appIcons(base: string): Plugin {
  const drawn = new Map<number, Buffer>();
  const iconOf = (size: number) => drawn.get(size) ?? drawn.set(size, drawIcon(size, appColours())).get(size)!;
  return {
    name: 'memo-app-icons',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'theme-color', content: appColours().accent }, injectTo: 'head' }],
    generateBundle() {
      for (const { src, size } of new Map(APP_ICONS.map((icon) => [icon.src, icon])).values())
        this.emitFile({ type: 'asset', fileName: src, source: iconOf(size) });
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const icon = APP_ICONS.find(({ src }) => request.url === `${base}${src}`);
        if (!icon) return next();
        response.setHeader('content-type', 'image/png');
        response.end(iconOf(icon.size));
      });
    },
  };
}

/** A memo sheet (paper) with three lines (accent) on the accent colour, filling the square (maskable). */
export function drawIcon(size: number, colours: { readonly accent: string; readonly paper: string }): Buffer {
  const accent = rgbOf(colours.accent);
  const paper = rgbOf(colours.paper);
  const within = (value: number, from: number, to: number) => value >= from * size && value < to * size;
  const lines: [number, number][] = [
    [0.37, 0.64],
    [0.47, 0.64],
    [0.57, 0.54],
  ];
  return encodePng(size, size, (x, y) => {
    if (!within(x, 0.3, 0.7) || !within(y, 0.25, 0.75)) return accent;
    const onLine = lines.some(([top, right]) => within(y, top, top + 0.04) && within(x, 0.36, right));
    return onLine ? accent : paper;
  });
}

/** An 8-bit RGB PNG (signature, IHDR, one IDAT, IEND), each row unfiltered. */
function encodePng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const start = y * (width * 3 + 1); // rows[start] = 0: filter "none"
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), start + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}
