import type { SessionUser } from '../contracts/auth';
import { mayAnalyse } from '../features/analysis/analysis.policy';
import type { CurrentUser } from '../features/auth/current-user';
import { presentUser } from '../features/auth/users.service';
import { mayAct, mayManageUsers } from '../features/auth/users.policy';
import { mayAnswerOfficially } from '../features/comments/comments.policy';
import { mayCreateConsultation, mayManageConsultation } from '../features/consultations/consultations.policy';
import { mayModerate } from '../features/moderation/moderation.policy';
import { mayEditSection } from '../features/revisions/revisions.policy';

/** The signed-in person with what each feature's policy says they may do, for the client to show or hide controls. */
export function presentSession(user: CurrentUser): SessionUser {
  return {
    ...presentUser(user),
    can: {
      participate: mayAct(user).allowed,
      moderate: mayModerate(user).allowed,
      manageAccounts: mayManageUsers(user).allowed,
      manageConsultations: mayManageConsultation(user).allowed,
      createConsultations: mayCreateConsultation(user).allowed,
      analyseResponses: mayAnalyse(user).allowed,
      editSections: mayEditSection(user).allowed,
      answerOfficially: mayAnswerOfficially(user),
    },
  };
}
