import { css } from 'lit';

/** Layout of a page whose main content is one form (sign in, register, and the like). */
export const formStyles = css`
  form { max-width: var(--agora-measure); margin-bottom: var(--agora-space-4); }
  form button { margin-top: var(--agora-space-2); }
`;
