import { describe, expect } from 'vitest';
import { chromiumPath, useBrowserSuite } from './helpers/browserSuite.js';

const { test } = useBrowserSuite();

interface ManifestIcon {
  readonly src: string;
  readonly sizes: string;
  readonly type: string;
  readonly purpose?: string;
}

/** The width and height a PNG states in its IHDR chunk (bytes 16–23, after the signature and the chunk's length and type). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!chromiumPath)('the web app manifest (installable app), in headless Chromium', () => {
  test('is linked from the page, parses without errors, opens at the list in its own window, in the colours of the page', async ({
    tabs,
  }) => {
    const { page } = await tabs.open();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifestUrl = new URL(href!, page.url());

    // Chromium's own reading of the manifest the page links.
    const cdp = await page.context().newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest', {});
    expect({ url: parsed.url, errors: parsed.errors }).toEqual({ url: manifestUrl.href, errors: [] });

    const manifest = JSON.parse(parsed.data!) as Record<string, unknown>;
    const appPath = new URL(page.url()).pathname;
    // The page's own colours (styles.css :root), read in the page; source text: this file is type-checked without the DOM.
    const colours = await page.evaluate<{ accent: string; wash: string }>(`(() => {
      const style = getComputedStyle(document.documentElement);
      return { accent: style.getPropertyValue('--accent').trim(), wash: style.getPropertyValue('--wash').trim() };
    })()`);
    expect(manifest).toMatchObject({
      name: await page.title(),
      short_name: expect.any(String),
      start_url: appPath,
      scope: appPath,
      display: 'standalone',
      theme_color: colours.accent,
      background_color: colours.wash,
    });
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(colours.accent);
  });

  test('names icons of 192 and 512 pixels, one maskable, each served as a PNG of the size it states', async ({ tabs }) => {
    const { page } = await tabs.open();
    const manifestUrl = new URL((await page.locator('link[rel="manifest"]').getAttribute('href'))!, page.url());
    const served = await page.request.get(manifestUrl.href);
    expect(served.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await served.json()) as { icons: ManifestIcon[] };
    expect(manifest.icons.map(({ sizes }) => sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some(({ purpose }) => purpose?.split(' ').includes('maskable'))).toBe(true);
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, manifestUrl).href);
      expect({ src: icon.src, status: response.status(), type: response.headers()['content-type'] }).toEqual({
        src: icon.src,
        status: 200,
        type: icon.type,
      });
      const { width, height } = pngSize(await response.body());
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
  });
});
