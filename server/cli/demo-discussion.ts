import { reportComment } from '../features/moderation/reports.service';
import type { DemoActions } from './demo-actions';

// The sample discussion, modelled on the threads of the 2009 wiki this replaces: a question about
// skills with replies, an objection that two recommendations contradict each other, a copy of it,
// a thread a moderator closed, proposed edits, and support and evidence in other sections.

/** The two recommendations the objection says pull against each other (content/…/governance.md). */
export const CENTRAL_APPROVAL = 'Put a single central body in charge of approving all large technology spending.';
export const LOCAL_DECISIONS = 'Stop routing local decisions through central approval; let local bodies decide within common standards.';
export const SKILLS_PASSAGE = 'fund practical digital skills training for staff at every level';
export const MINISTER_PASSAGE = 'Give one Cabinet minister clear responsibility for technology policy across the whole public sector.';
export const CLOSING_NOTE =
  'Comments on this thread are now closed. Both views are on the record, and the exchange had started to repeat itself. You can still answer question 2 at the end of this section, on who should be accountable when a project fails.';

const OBJECTION = `These two recommendations contradict each other. Under *Things to do* the draft wants one central body to approve all large technology spending. Under *Stop, challenge or review* it says: "${LOCAL_DECISIONS}"

A council's large project cannot be both approved by the centre and decided locally. If the intention is central approval above some limit and local freedom below it, the draft should say so, and say where the limit is.`;

/** Seeds everything but the accounts; returns notes for the terminal. */
export async function seedDiscussion(demo: DemoActions): Promise<string[]> {
  const notes: string[] = [];
  const s = 'governance';

  // A question about skills and training, and a reply asking what would be different this time.
  const question = await demo.comment('amira', s, {
    kind: 'question',
    quote: SKILLS_PASSAGE,
    body: 'What would this training actually cover, and who would provide it? A short course for senior staff will not change much on its own. The people who write specifications and manage supplier contracts need it just as much as board members. Is there a plan, and a budget, for them?',
  });
  const challenge = await demo.comment('tom', s, {
    kind: 'general',
    parentId: question.id,
    body: 'There have been schemes like this before, such as the government IT profession programme. What would be done differently this time? It would help if the draft said what those schemes achieved, where they fell short, and how we would know whether new training had worked.',
  });
  await demo.comment('amira', s, {
    kind: 'general',
    parentId: challenge.id,
    body: 'Fair challenge. I would measure it by whether public bodies can manage their suppliers without hiring consultants to do it for them. I have proposed adding a question on training, so that others can say what they need.',
  });
  await demo.endorse(question, 'ruth', 'sam');

  // The objection, anchored to one recommendation and quoting the other.
  const objection = await demo.comment('ruth', s, { kind: 'object', quote: CENTRAL_APPROVAL, body: OBJECTION });
  await demo.endorse(objection, 'amira', 'tom', 'sam');

  // Sam pastes the same objection: refused as a duplicate. He then posts a lightly changed copy,
  // which gets through, and Ruth reports it for a moderator to deal with.
  const refused = await demo.refusedComment('sam', s, { kind: 'object', quote: LOCAL_DECISIONS, body: OBJECTION });
  notes.push(`Sam's copy of Ruth's objection was refused: ${refused.statusCode} ${refused.code} — "${refused.message}"`);
  const copy = await demo.comment('sam', s, { kind: 'object', quote: LOCAL_DECISIONS, body: `Posting this again because it matters.\n\n${OBJECTION}` });
  await reportComment(demo.trx, demo.people.ruth, copy.id, { reason: 'duplicate', note: 'This repeats my comment on the other recommendation, word for word.' }, demo.config);
  notes.push(`Sam's second, lightly changed copy got through; Ruth reported it as a duplicate (comment ${copy.id}, in the moderation queue).`);

  // A thread that went round in circles, closed by a moderator; an editor answers it officially.
  const minister = await demo.comment('tom', s, {
    kind: 'object',
    quote: MINISTER_PASSAGE,
    body: 'A minister with technology in their title will not fix much by themselves. Ministers change every year or two, and each new one brings new priorities. A standing cross-party committee would give this work the continuity it needs.',
  });
  const named = await demo.comment('amira', s, {
    kind: 'general',
    parentId: minister.id,
    body: 'A named minister at least gives Parliament one person to question when a programme fails. A committee spreads responsibility so thinly that nobody answers for anything.',
  });
  const movedOn = await demo.comment('sam', s, {
    kind: 'general',
    parentId: named.id,
    body: 'Parliament can already question ministers. The trouble is that by the time a big project fails, the minister who started it has moved on.',
  });
  await demo.comment('tom', s, { kind: 'general', parentId: movedOn.id, body: 'Which is exactly my point: one more minister is not the answer.' });
  await demo.closeThread('marcus', minister, CLOSING_NOTE);
  await demo.comment('eleanor', s, {
    kind: 'general',
    parentId: minister.id,
    body: 'Thank you for this exchange. In the next version we will set out how the role would carry over when ministers change, and how it would work with the select committees that already examine technology spending.',
  });

  // An open proposal that would settle the objection, written on version 1 ...
  const rewording = await demo.propose(
    'tom',
    s,
    `- ${CENTRAL_APPROVAL}`,
    '- Put a single central body in charge of reviewing large technology spending against common standards, with published limits above which its approval is needed.',
    'Make central spending review fit with local decision-making',
  );
  await demo.discuss('ruth', rewording, 'This would settle my objection, as long as the limits are published and looked at again every year.');

  // ... and one an editor merged, so the section is now at version 2 (Tom's still merges cleanly).
  const newQuestion = await demo.propose(
    'amira',
    s,
    '4. Would the three-tier model of strategy, delivery and audit work for your organisation?',
    '4. Would the three-tier model of strategy, delivery and audit work for your organisation?\n5. What training or support would help the people who commission and run technology in your organisation?',
    'Ask respondents what training they need',
  );
  await demo.merge('eleanor', newQuestion, s);
  await demo.comment('eleanor', s, {
    kind: 'general',
    parentId: question.id,
    body: 'Thank you both. Version 2 of this section adds a question on training, and the *Skills and professionalism* section sets out career paths and the "intelligent customer" idea in more detail. Comments there are very welcome too.',
  });

  // Support and evidence elsewhere, so the overview's counts are not all zero.
  const keepSkills = await demo.comment('ruth', 'skills-and-professionalism', {
    kind: 'support',
    quote: 'Keep core skills in-house',
    body: 'Strongly agree. Our council lost the only people who understood its housing system when the support contract moved to a new supplier, and it took two years to rebuild that knowledge.',
  });
  await demo.endorse(keepSkills, 'amira', 'tom');
  const contractors = await demo.comment('tom', 'skills-and-professionalism', {
    kind: 'evidence',
    quote: 'Challenge the use of long-term contractors to fill roles that are really permanent.',
    body: 'In the two departments I have worked in, some "interim" technology posts were held by the same contractors for five years or more, at day rates well above the cost of a permanent post. A published baseline for every department would show how common this is.',
  });
  await demo.endorse(contractors, 'ruth');
  const smes = await demo.comment('sam', 'procurement', {
    kind: 'support',
    quote: 'Make bidding simpler for SMEs',
    body: 'I run a twelve-person software firm, so: yes please. We stopped bidding for public work after spending three weeks on a tender questionnaire for a contract worth less than the time it took to fill in.',
  });
  await demo.endorse(smes, 'amira', 'ruth', 'tom');
  const threshold = await demo.comment('amira', 'procurement', {
    kind: 'suggestion',
    quote: 'above a modest threshold',
    body: 'Please name the threshold. A figure in the draft would make it much easier to check later whether the promise has been kept.',
  });
  await demo.endorse(threshold, 'sam');
  return notes;
}
