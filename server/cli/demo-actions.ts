import type { AnchorInput, CommentKind, CommentView } from '../contracts/comments';
import type { ProposalSummary } from '../contracts/proposals';
import type { Db } from '../db/database';
import { createComment, setEndorsement } from '../features/comments/comments.service';
import { getSection } from '../commands/read-pages';
import { closeThread } from '../features/moderation/moderation.service';
import { mergeProposal } from '../commands/merge-proposal';
import { addProposalComment, submitProposal } from '../features/proposals/proposals.service';
import { HttpError } from '../platform/errors';
import type { App } from '../platform/fastify';
import type { DemoName, DemoPeople } from './demo-accounts';

/** The consultation the sample discussion happens in (content/ideal-government-it). */
export const DEMO_CONSULTATION = 'ideal-government-it';

export interface CommentInput {
  kind: CommentKind;
  body: string;
  /** Words of the section's current text to anchor on (their first occurrence). */
  quote?: string;
  parentId?: number;
}

/** What people do in the sample discussion, each through the service the HTTP route calls. */
export class DemoActions {
  constructor(
    readonly trx: Db,
    readonly config: App['config'],
    readonly people: DemoPeople,
  ) {}

  /** An anchor on the first occurrence of `quote` in the section as it is now. */
  async passage(section: string, quote: string): Promise<AnchorInput> {
    const { revision } = await getSection(this.trx, DEMO_CONSULTATION, section);
    for (const block of revision.blocks) {
      const start = block.text.indexOf(quote);
      if (start >= 0) return { blockId: block.id, exact: quote, start, end: start + quote.length };
    }
    // The content changed under the demo script: say where to fix it.
    throw new Error(`Demo seed: "${quote}" is no longer in ${DEMO_CONSULTATION}/${section}; update server/cli/demo-discussion.ts.`);
  }

  async comment(who: DemoName, section: string, input: CommentInput): Promise<CommentView> {
    const { quote, ...rest } = input;
    const anchor = quote === undefined ? undefined : await this.passage(section, quote);
    return createComment(this.trx, this.people[who], DEMO_CONSULTATION, section, { ...rest, ...(anchor ? { anchor } : {}) }, this.config);
  }

  /** Tries a comment the service should refuse; returns the refusal ("409 duplicate: …"). */
  async refusedComment(who: DemoName, section: string, input: CommentInput): Promise<HttpError> {
    try {
      await this.comment(who, section, input);
    } catch (error) {
      if (error instanceof HttpError) return error;
      throw error;
    }
    throw new Error('Demo seed: a comment that should have been refused was accepted.');
  }

  async endorse(comment: CommentView, ...who: DemoName[]): Promise<void> {
    for (const name of who) await setEndorsement(this.trx, this.people[name], comment.id, true);
  }

  /** Proposes the section's current text with `find` replaced by `replace` (both must be there). */
  async propose(who: DemoName, section: string, find: string, replace: string, summary: string): Promise<ProposalSummary> {
    const { revision } = await getSection(this.trx, DEMO_CONSULTATION, section);
    if (!revision.markdown.includes(find)) throw new Error(`Demo seed: "${find}" is no longer in ${DEMO_CONSULTATION}/${section}; update server/cli/demo-discussion.ts.`);
    const markdown = revision.markdown.replace(find, replace);
    return submitProposal(this.trx, this.people[who], DEMO_CONSULTATION, section, { baseRevision: revision.number, markdown, summary }, this.config);
  }

  /** An editor merges the proposal into the section as it is now; returns the new version's number. */
  async merge(editor: DemoName, proposal: ProposalSummary, section: string): Promise<number> {
    const { revision } = await getSection(this.trx, DEMO_CONSULTATION, section);
    return (await mergeProposal(this.trx, this.people[editor], proposal.id, { currentRevision: revision.number })).revision;
  }

  async discuss(who: DemoName, proposal: ProposalSummary, body: string): Promise<void> {
    await addProposalComment(this.trx, this.people[who], proposal.id, body, this.config);
  }

  async closeThread(moderator: DemoName, comment: CommentView, note: string): Promise<void> {
    await closeThread(this.trx, this.people[moderator], comment.id, note);
  }
}
