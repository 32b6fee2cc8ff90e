import { css } from 'lit';

/** GOV.UK-style form parts shared by the comment elements: fields, hints, errors, radios. */
export const commentFormStyles = css`
  form { max-width: var(--agora-measure); }
  fieldset { border: 0; padding: 0; margin: 0 0 var(--agora-space-4); }
  legend { font-weight: 700; margin-bottom: var(--agora-space-2); }
  label { display: block; font-weight: 700; }
  .hint { display: block; color: var(--agora-text-muted); margin-bottom: var(--agora-space-2); }
  .radio { display: grid; grid-template-columns: 2.5rem 1fr; align-items: start; margin-bottom: var(--agora-space-2); }
  .radio input { width: 1.75rem; height: 1.75rem; margin: 0; accent-color: var(--agora-text); }
  .radio label { font-weight: 400; padding-top: 0.1rem; }
  .radio .hint { grid-column: 2; margin: 0; }
  .field { margin-bottom: var(--agora-space-3); }
  textarea { display: block; width: 100%; font: inherit; padding: var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; }
  textarea[aria-readonly='true'] { background: var(--agora-surface); resize: vertical; }
  .invalid { border-left: 5px solid var(--agora-error); padding-left: var(--agora-space-3); }
  .invalid textarea { border-color: var(--agora-error); }
  .field-error { color: var(--agora-error); font-weight: 700; margin: 0 0 var(--agora-space-2); }
  .duplicate, .quote { border-left: 5px solid var(--agora-border); padding: var(--agora-space-2) var(--agora-space-3); margin: 0 0 var(--agora-space-3); background: var(--agora-surface); }
  .duplicate h2 { font-size: 1.2rem; margin-top: 0; }
  .quote figcaption { font-weight: 700; }
  .quote blockquote { margin: var(--agora-space-2) 0; font-style: italic; }
  .confirmation { border-left: 5px solid var(--agora-success); padding-left: var(--agora-space-3); font-weight: 700; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; }
`;
