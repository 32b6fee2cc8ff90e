import type { OutgoingMail } from '../mail/mail.service';

// The words of the emails about an account. Links carry a single-use token; nothing else secret.

export function passwordResetMail(to: string, username: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Reset your Agora password',
    text: [
      `Someone asked to reset the password of the Agora account "${username}".`,
      '',
      'To choose a new password, open this link within one hour:',
      link,
      '',
      'The link works once. If you did not ask for this, ignore this email: your password has not changed.',
    ].join('\n'),
  };
}

export function verifyEmailMail(to: string, username: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your email address for Agora',
    text: [
      `To confirm that ${to} is the email address of the Agora account "${username}", open this link within 7 days:`,
      link,
      '',
      'If you did not ask for this, ignore this email.',
    ].join('\n'),
  };
}
