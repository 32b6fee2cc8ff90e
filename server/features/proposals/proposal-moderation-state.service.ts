/**
 * The moderation state of proposals and their discussion comments (pending, hidden, reported),
 * which proposals own: the moderation feature reads and changes it only through here, in its own
 * transaction, and keeps the reports themselves.
 */
export {
  clearReportCount,
  findModerated,
  incrementReportCount,
  listProposalQueue,
  type ModeratedRow,
  proposalContentToHide,
  setModeration,
} from './proposal-moderation.repository';
