import type { Locator, Page } from 'playwright-core';

// Real input for browser tests: the mouse, the touch screen and the keyboard, as a person uses
// them. page.evaluate here only READS the page (where words are drawn, what has focus).

export interface Point {
  x: number;
  y: number;
}

/**
 * Where `text` is drawn inside `scope` (it may cross bold, links and code): a point just inside
 * its first character and one just inside its last, on the middle of their lines.
 */
export async function textPoints(scope: Locator, text: string): Promise<{ start: Point; end: Point }> {
  return scope.evaluate((root, wanted) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const whole = nodes.map((n) => n.data).join('');
    const at = whole.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not drawn in ${root.nodeName}`);
    const charBox = (index: number) => {
      let offset = index;
      for (const node of nodes) {
        if (offset < node.data.length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + 1);
          return range.getBoundingClientRect();
        }
        offset -= node.data.length;
      }
      throw new Error('past the end');
    };
    const first = charBox(at);
    const last = charBox(at + wanted.length - 1);
    return {
      start: { x: first.left + 1, y: first.top + first.height / 2 },
      end: { x: last.right - 1, y: last.top + last.height / 2 },
    };
  }, text);
}

/** Selects `text` with a mouse drag, from its first character to its last. */
export async function dragOver(page: Page, scope: Locator, text: string): Promise<void> {
  await scope.scrollIntoViewIfNeeded();
  const { start, end } = await textPoints(scope, text);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

/** The middle of a word as drawn inside `scope`. */
export async function wordPoint(scope: Locator, word: string): Promise<Point> {
  const { start, end } = await textPoints(scope, word);
  return { x: (start.x + end.x) / 2, y: start.y };
}

/** Describes the element that has focus, looking inside shadow roots: its tag, id and accessible label or text. */
export async function focused(page: Page): Promise<{ tag: string; id: string; label: string }> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.localName ?? '', id: active?.id ?? '', label: active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '' };
  });
}

/** True when the page is wider than the window (sideways scrolling). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
}

/** A phone: 360 px wide, touch, mobile viewport. */
export const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 900 } } as const;
