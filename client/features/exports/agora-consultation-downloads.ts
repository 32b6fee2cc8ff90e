import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/api-client';
import { sharedStyles } from '../../ui/shared-styles';

interface ExportLink {
  file: string;
  scope: 'public' | 'staff';
  url: string;
  title: string;
}

/** The consultation's downloads the viewer may take, as the server lists them. */
@customElement('agora-consultation-downloads')
export class AgoraConsultationDownloads extends LitElement {
  static override styles = [sharedStyles, css`ul { padding-left: 1.25rem; } li { margin-bottom: var(--agora-space-2); }`];

  @property() slug = '';

  private readonly links = new Task(this, {
    task: async ([slug], { signal }) => (await api<{ exports: ExportLink[] }>(`/api/consultations/${slug}/exports`, { signal })).exports,
    args: () => [this.slug],
  });

  override render() {
    const links = this.links.value ?? [];
    if (links.length === 0) return null;
    const list = (scope: ExportLink['scope']) => links.filter((l) => l.scope === scope).map((l) => html`<li><a href=${l.url} download>${l.title}</a></li>`);
    const staff = list('staff');
    return html`
      <h2>Download the responses</h2>
      <p>Open data: every published comment and every version of the text. Names are shown as their authors chose them; nothing else about anyone is included.</p>
      <ul>${list('public')}</ul>
      ${staff.length ? html`<h3>For editors and moderators</h3><ul>${staff}</ul>` : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agora-consultation-downloads': AgoraConsultationDownloads;
  }
}
