import { css } from 'lit';

/** Typography, links, focus and buttons shared by every element (tokens live in styles/global.css). */
export const sharedStyles = css`
  :host { display: block; }
  * { box-sizing: border-box; }
  h1, h2, h3 { line-height: 1.2; margin: 0 0 var(--agora-space-3); }
  h1 { font-size: 2rem; }
  h2 { font-size: 1.5rem; margin-top: var(--agora-space-5); }
  h3 { font-size: 1.2rem; margin-top: var(--agora-space-4); }
  p, ul, ol { max-width: var(--agora-measure); }
  a { color: var(--agora-link); text-underline-offset: 0.15em; }
  a:visited { color: var(--agora-link-visited); }
  a:hover { text-decoration-thickness: 3px; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--agora-focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--agora-text); text-decoration: none;
  }
  .muted { color: var(--agora-text-muted); }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  button, .button {
    font: inherit; font-size: 1rem; padding: var(--agora-space-2) var(--agora-space-3); border-radius: var(--agora-radius);
    border: 2px solid transparent; background: var(--agora-brand); color: #fff; cursor: pointer; box-shadow: 0 2px 0 var(--agora-brand-dark);
  }
  button.secondary { background: var(--agora-surface); color: var(--agora-text); box-shadow: 0 2px 0 var(--agora-border); }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  .tag { display: inline-block; padding: 0 var(--agora-space-2); font-size: 0.875rem; font-weight: 700; border-radius: var(--agora-radius); background: var(--agora-surface); }
  .tag.open { background: #cce2d8; color: #005a30; }
  .tag.upcoming { background: #bbd4ea; color: #0c2d4a; }
  .tag.closed { background: #f6d7d2; color: #2a0b06; }
  .tag.outcome { background: #e6e3f2; color: #2b1d59; }
  .error { color: var(--agora-error); font-weight: 700; }
`;
