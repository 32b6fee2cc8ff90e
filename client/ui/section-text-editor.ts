import { html } from 'lit';
import './agora-markdown-editor';
import type { MarkdownInputEvent } from './agora-markdown-editor';

/** The editor for a section's whole text, as editors meet it when adding a section and when editing one. */
export function sectionTextEditor(markdown: string, error: string, onInput: (markdown: string) => void) {
  return html`<agora-markdown-editor
    id="markdown"
    label="Text of the section"
    hint="Markdown: a blank line between paragraphs, ## for a heading, - for a list item."
    .value=${markdown}
    .error=${error}
    @markdown-input=${(e: MarkdownInputEvent) => onInput(e.detail.markdown)}
  ></agora-markdown-editor>`;
}
