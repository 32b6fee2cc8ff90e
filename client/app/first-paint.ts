import { FIRST_PAINT_ID, PAGE_DATA_ID, type SectionPageData } from '../../server/contracts/first-paint';

/**
 * A signed-out first visit to a section page arrives with the section's text already in the HTML
 * and the data the page would fetch inline (server/platform/section-first-paint.ts).
 */

/** The inline data, taken once: it is only as fresh as the first page load, so later reads fetch. */
export function takeSectionPageData(consultation: string, section: string): SectionPageData | undefined {
  const element = document.getElementById(PAGE_DATA_ID);
  if (!element) return undefined;
  element.remove();
  const data = JSON.parse(element.textContent ?? '') as SectionPageData;
  return data.consultation.slug === consultation && data.section.slug === section ? data : undefined;
}

/** Longest the app waits for the browser to report the server's view painted (a tab opened in the background paints nothing). */
const PAINT_WAIT_MS = 3000;

/**
 * Resolves once the server-rendered view has been painted, at once when there is none. The app
 * replaces it in one frame; replacing it sooner (the script is usually ready before the browser
 * reports its first paint) would throw away a paint the reader already had for no gain.
 */
export function firstPaintShown(): Promise<void> {
  const canObserve = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint');
  if (!document.getElementById(FIRST_PAINT_ID) || !canObserve || document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) done();
    });
    const timer = setTimeout(done, PAINT_WAIT_MS);
    observer.observe({ type: 'paint', buffered: true });
  });
}

/** The server-rendered view leaves once the app has rendered in its place (the same frame). */
export function removeFirstPaint(): void {
  document.getElementById(FIRST_PAINT_ID)?.remove();
}
