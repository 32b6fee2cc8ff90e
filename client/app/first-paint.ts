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

/** The server-rendered view leaves once the app has rendered in its place (the same frame). */
export function removeFirstPaint(): void {
  document.getElementById(FIRST_PAINT_ID)?.remove();
}
