import type { SectionRow } from '../../db/schema';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision } from '../../platform/decisions';
import { mayActAs } from '../auth/users.policy';

/**
 * Editors change a section's text directly, revert it and lock it. A lock stops new proposals
 * only: editors still edit a locked section (that is usually why they locked it), and they may do
 * so in any phase, since publishing the final text after the consultation closes is their job.
 */
export function mayEditSection(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'edit sections');
}

export function mayLockSection(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'lock sections');
}

export function mayMarkAddressed(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'mark comments as addressed');
}

/** Editors check where re-anchoring placed comments it was unsure of: confirm, re-point or orphan them. */
export function mayReviewAnchors(user: CurrentUser | null): Decision {
  return mayActAs(user, ['editor'], 'check where comments point');
}

/** Whether a section takes new proposals: no, while an editor has locked it. */
export function sectionTakesProposals(section: Pick<SectionRow, 'locked_at' | 'locked_reason'>): Decision {
  if (!section.locked_at) return allow;
  const why = section.locked_reason ? ` The reason given: ${section.locked_reason}` : '';
  return deny(409, 'section_locked', `An editor has locked this section, so it is not taking suggested edits at the moment.${why}`);
}
