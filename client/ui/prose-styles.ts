import { css } from 'lit';

/** Typography for server-rendered Markdown (section text, comment bodies, outcomes). */
export const proseStyles = css`
  .prose { max-width: var(--agora-measure); overflow-wrap: anywhere; }
  .prose h1, .prose h2, .prose h3, .prose h4 { scroll-margin-top: var(--agora-space-3); }
  .prose blockquote { margin: var(--agora-space-3) 0; padding: var(--agora-space-2) var(--agora-space-3); border-left: 6px solid var(--agora-border); }
  .prose table { border-collapse: collapse; margin: var(--agora-space-3) 0; display: block; overflow-x: auto; }
  .prose th, .prose td { border-bottom: 1px solid var(--agora-border); padding: var(--agora-space-2); text-align: left; vertical-align: top; }
  .prose code { font-family: var(--agora-font-mono); background: var(--agora-surface); padding: 0 0.2em; }
  .prose pre { background: var(--agora-surface); padding: var(--agora-space-3); overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
  .prose li { margin-bottom: var(--agora-space-2); }
  .prose [data-block-id]:focus { outline: 3px solid var(--agora-focus); }
`;
