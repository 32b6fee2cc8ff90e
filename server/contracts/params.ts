import { Type } from 'typebox';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$', description: 'lowercase slug' });

export const ConsultationParams = Type.Object({ c: Slug });
export const SectionParams = Type.Object({ c: Slug, s: Slug });
export const RevisionParams = Type.Object({ c: Slug, s: Slug, n: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });
