import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from '../../ui/shared-styles';
import { SessionController } from '../auth/session-store';
import { listProposals } from './proposals-api';
import { proposingNotice } from './proposing-notice';

/**
 * On a section page: "Suggest an edit" (or why the reader cannot: signed out, locked, closed) and a
 * link to the section's proposed edits with how many are open.
 */
@customElement('agora-section-proposals-link')
export class AgoraSectionProposalsLink extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .links { display: flex; flex-wrap: wrap; gap: var(--agora-space-2) var(--agora-space-4); align-items: baseline; margin: 0 0 var(--agora-space-3); }
      .links p { margin: 0; }
    `,
  ];

  @property() consultation = '';
  @property() section = '';
  private readonly session = new SessionController(this);

  private readonly list = new Task(this, {
    // Only the counts and the caller's permission are needed: one short page of open proposals.
    task: ([consultation, section], { signal }) => listProposals(consultation, section, { status: 'open' }, signal),
    args: () => [this.consultation, this.section, this.session.user?.id] as const,
  });

  /** Counts again (a proposal was opened or decided while the page was open). */
  reload(): void {
    void this.list.run();
  }

  override render() {
    const { consultation, section } = this;
    const base = `/c/${consultation}/${section}`;
    return this.list.render({
      complete: ({ counts, proposing }) => html`<div class="links">
        ${proposingNotice(proposing, base)}
        <p><a href="${base}/proposals">Proposed edits</a> <span class="muted">(${counts.open} open)</span></p>
      </div>`,
      error: () => nothing,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-section-proposals-link': AgoraSectionProposalsLink;
  }
}
