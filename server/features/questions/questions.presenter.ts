import type { QuestionView } from '../../contracts/questions';
import type { QuestionWithSection } from './questions.repository';

/** Questions in order, numbered from 1 (the number is the place in the list, so it follows reordering). */
export function numberQuestions(rows: QuestionWithSection[]): QuestionView[] {
  return rows.map((row, index) => ({ id: row.id, number: index + 1, text: row.text, section: { slug: row.section_slug, title: row.section_title } }));
}
