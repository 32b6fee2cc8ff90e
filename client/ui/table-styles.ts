import { css } from 'lit';

/**
 * A data table: wrap it in `.table-wrap` so a wide one scrolls sideways rather than the page.
 * The wrapper is positioned so that absolutely placed content (visually hidden labels) stays
 * inside it too, instead of widening the page.
 */
export const tableStyles = css`
  .table-wrap { overflow-x: auto; position: relative; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: var(--agora-space-2); border-bottom: 1px solid var(--agora-border); }
`;
