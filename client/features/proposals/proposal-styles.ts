import { css } from 'lit';

/** Parts shared by the proposal pages: fields, status tags, notices and diff marks. */
export const proposalStyles = css`
  .field { margin-bottom: var(--agora-space-4); max-width: var(--agora-measure); }
  .field.invalid { border-left: 5px solid var(--agora-error); padding-left: var(--agora-space-3); }
  .field label { display: block; font-weight: 700; margin-bottom: var(--agora-space-1); }
  .field .hint { color: var(--agora-text-muted); margin: 0 0 var(--agora-space-2); }
  .field .message { color: var(--agora-error); font-weight: 700; margin: 0 0 var(--agora-space-2); }
  textarea { display: block; width: 100%; font: inherit; padding: var(--agora-space-2); border: 2px solid var(--agora-text); border-radius: 0; }
  .invalid textarea { border-color: var(--agora-error); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--agora-space-3); align-items: center; margin: var(--agora-space-3) 0; }
  .notice { border-left: 5px solid var(--agora-brand); background: var(--agora-surface); padding: var(--agora-space-2) var(--agora-space-3); margin: 0 0 var(--agora-space-4); max-width: var(--agora-measure); }
  .notice.success { border-left-color: var(--agora-success); }
  .notice.warning { border-left-color: var(--agora-warning); }
  .tag.status-open { background: #bbd4ea; color: #0c2d4a; }
  .tag.status-merged { background: #cce2d8; color: #005a30; }
  .tag.status-rejected { background: #f6d7d2; color: #2a0b06; }
  .tag.status-withdrawn, .tag.status-draft { background: var(--agora-surface); color: var(--agora-text); }
  /* Changes are marked by underline and strike-through as well as colour, and announced in words. */
  ins { background: #cce2d8; color: #002d18; text-decoration: underline; text-decoration-thickness: 2px; }
  del { background: #f6d7d2; color: #2a0b06; text-decoration: line-through; }
  .source-text { white-space: pre-wrap; font-family: var(--agora-font-mono); font-size: 0.95rem; overflow-wrap: anywhere; }
`;
