// Argon2 on a worker thread of low priority (see passwords.ts); plain JavaScript, so it starts fast.
import { hashSync, verifySync } from '@node-rs/argon2';
import { lowerThisThreadPriority } from '../../platform/thread-priority.mjs';

lowerThisThreadPriority();

export function hash({ password, options }) {
  return hashSync(password, options);
}

export function verify({ passwordHash, password }) {
  try {
    return verifySync(passwordHash, password);
  } catch {
    return false;
  }
}
