import { css } from 'lit';

/** A data table: wrap it in `.table-wrap` so a wide one scrolls sideways rather than the page. */
export const tableStyles = css`
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: var(--agora-space-2); border-bottom: 1px solid var(--agora-border); }
`;
