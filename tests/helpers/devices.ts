import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** The two ways people arrive: a desktop with a mouse at 1280 px, and a phone with touch at 360 px. */
export const DEVICES = [
  { name: 'desktop', touch: false, options: { viewport: { width: 1280, height: 900 } } },
  { name: 'phone', touch: true, options: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } },
] as const;
export type Device = (typeof DEVICES)[number];

export function newDeviceContext(browser: Browser, device: Device): Promise<BrowserContext> {
  return browser.newContext(device.options);
}

/** A real press: a finger tap at the element's centre on touch devices, a mouse click otherwise. */
export async function press(page: Page, device: Device, target: Locator): Promise<void> {
  if (!device.touch) return target.click();
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('cannot tap an element that is not displayed');
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/** Whether the page scrolls sideways (it must not, at any width). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
