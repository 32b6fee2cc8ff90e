import type { ConsultationDetail, SectionDetail } from './consultations';

// Runs in the browser as well as on the server, so it imports nothing at run time (see
// .dependency-cruiser.cjs, "runtime-contracts-stand-alone").

/** The server-rendered reading view inside `<agora-app>`, shown until the app takes over. */
export const FIRST_PAINT_ID = 'agora-first-paint';
/** The `<script type="application/json">` holding the data the section page would fetch. */
export const PAGE_DATA_ID = 'agora-page-data';

/**
 * What a section page's shell carries for a signed-out first visit: exactly the two API reads the
 * page would make (`GET /api/consultations/:c/sections/:s` and `GET /api/consultations/:c`).
 */
export interface SectionPageData {
  section: SectionDetail;
  consultation: ConsultationDetail;
}
