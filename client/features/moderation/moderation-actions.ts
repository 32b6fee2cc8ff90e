import { css, type LitElement } from 'lit';

/** The row of a moderator's buttons under a comment or a proposal. */
export const moderationActionStyles = css`
  .actions { display: flex; flex-wrap: wrap; gap: var(--agora-space-2); align-items: center; margin-top: var(--agora-space-2); }
  .actions button { font-size: 0.95rem; padding: var(--agora-space-1) var(--agora-space-2); }
  .label { font-weight: 700; font-size: 0.95rem; }
`;

/** Once `host` has rendered the form it just opened (`selector`), moves focus into it. */
export async function focusOpenedForm(host: LitElement, selector: string): Promise<void> {
  await host.updateComplete;
  const form = host.renderRoot.querySelector<LitElement>(selector);
  await form?.updateComplete;
  form?.focus();
}
