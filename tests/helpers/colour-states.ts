import type { Page } from 'playwright-core';

/** An interactive element whose text cannot be read against its background in some state. */
export interface UnreadableState {
  state: 'as shown' | 'hover' | 'focus';
  element: string;
  text: string;
  colour: string;
  background: string;
  contrast: number;
}

/**
 * Reads, in the page, the element's text colour and the background it is drawn on (its own, or
 * the first ancestor's across shadow boundaries, composited over white), and the contrast
 * between them. Undefined for elements that show no text (radios, checkboxes, hidden ones).
 */
function measure(element: Element) {
  const style = getComputedStyle(element);
  const rect = element.getBoundingClientRect();
  const input = element instanceof HTMLInputElement;
  const text = input ? element.value || element.placeholder : (element as HTMLElement).innerText?.trim() ?? '';
  if (!text || rect.width < 2 || rect.height < 2 || style.visibility === 'hidden' || (input && ['radio', 'checkbox', 'hidden'].includes(element.type))) return undefined;
  const parse = (value: string): [number, number, number, number] => {
    const [r = 0, g = 0, b = 0, a = 1] = (value.match(/[\d.]+/g) ?? []).map(Number);
    return [r, g, b, value.startsWith('rgba') ? a : 1];
  };
  const layers: [number, number, number, number][] = [];
  for (let node: Element | null = element; node; ) {
    const background = parse(getComputedStyle(node).backgroundColor);
    if (background[3] > 0) layers.push(background);
    if (background[3] >= 1) break;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  let composite: [number, number, number] = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) composite = [r * a + composite[0] * (1 - a), g * a + composite[1] * (1 - a), b * a + composite[2] * (1 - a)];
  const [tr, tg, tb, ta] = parse(style.color);
  const colour: [number, number, number] = [tr * ta + composite[0] * (1 - ta), tg * ta + composite[1] * (1 - ta), tb * ta + composite[2] * (1 - ta)];
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(colour), luminance(composite)].sort((a, b) => b - a) as [number, number];
  const size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  const describe = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.getAttribute('aria-pressed') === 'true' ? '[aria-pressed=true]' : ''}`;
  return {
    element: describe,
    text: text.slice(0, 40),
    colour: style.color,
    background: `rgb(${composite.map(Math.round).join(', ')})`,
    contrast: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
    needed: large ? 3 : 4.5,
  };
}

const MEASURE = '__agoraMeasure';

/**
 * Checks that every interactive element's text stays readable against its background (WCAG AA
 * contrast, so equal colours always fail) as shown — selected, pressed, current, checked — while
 * the mouse is over it (page.mouse.move) and while it has keyboard focus (reached with Tab).
 * Returns what failed; an empty list means every state is readable. Leaves the mouse and focus
 * where the checks ended.
 */
export async function unreadableStates(page: Page): Promise<UnreadableState[]> {
  await page.evaluate(`window.${MEASURE} = ${measure.toString()}`);
  const found: UnreadableState[] = [];
  const record = (state: UnreadableState['state'], result: ReturnType<typeof measure>) => {
    if (result && result.contrast < result.needed) found.push({ state, element: result.element, text: result.text, colour: result.colour, background: result.background, contrast: result.contrast });
  };
  // Every interactive element (shadow roots included), kept in the page while the mouse visits them.
  const elements = await page.evaluateHandle(() => {
    const found: Element[] = [];
    const selector = 'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [role="tab"], [tabindex]';
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches(selector)) found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
  const count = await elements.evaluate((list) => list.length);
  for (let i = 0; i < count; i++) {
    // Brought into view (reading and scrolling only); off-page elements such as a skip link are checked on focus.
    const point = await elements.evaluate((list, index) => {
      const element = list[index]!;
      const before = element.getBoundingClientRect();
      if (before.right <= 0 || before.bottom + scrollY <= 0 || before.width < 2 || before.height < 2) return null;
      element.scrollIntoView({ block: 'center' });
      const rect = element.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }, i);
    if (!point) continue;
    record('as shown', await elements.evaluate((list, [index, name]) => (window as never as Record<string, (e: Element) => ReturnType<typeof measure>>)[name]!(list[index]!), [i, MEASURE] as const));
    await page.mouse.move(point.x, point.y);
    record('hover', await elements.evaluate((list, [index, name]) => (window as never as Record<string, (e: Element) => ReturnType<typeof measure>>)[name]!(list[index]!), [i, MEASURE] as const));
  }
  await elements.dispose();
  await page.mouse.move(0, 0);

  // Focus: Tab through the page from the top until focus comes round again.
  const seen = new Set<string>();
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((name) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      if (!active || active === document.body) return null;
      const path: string[] = [];
      for (let node: Node | null = active; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
        path.push(`${node.nodeName}${node.parentNode ? Array.prototype.indexOf.call(node.parentNode.childNodes, node) : ''}`);
      }
      return { key: path.join('<'), result: (window as never as Record<string, (e: Element) => ReturnType<typeof measure>>)[name]!(active) };
    }, MEASURE);
    if (!focused || seen.has(focused.key)) break;
    seen.add(focused.key);
    record('focus', focused.result);
  }
  return found;
}
