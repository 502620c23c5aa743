import nodemailer from 'nodemailer';
import type { Senders } from './outbox.ts';

/**
 * The real senders: SMTP through nodemailer (ICT's mail server, given as a URL such as
 * smtps://user:pass@mail.council.gov.uk), or, in development, each message written to the
 * log; the webhook is a JSON POST with a deadline. A failure throws, and the outbox retries.
 */
export type MailSetup = { smtpUrl: string | null; from: string };

const WEBHOOK_DEADLINE_MS = 10_000;

export function makeSenders(mail: MailSetup, log: (message: string) => void): Senders {
  const transport = mail.smtpUrl
    ? nodemailer.createTransport(mail.smtpUrl, { from: mail.from })
    : null;
  return {
    async mail(message) {
      if (!transport) {
        log(`mail (not sent: no --smtp given) to ${message.to}\n  Subject: ${message.subject}\n  ${message.text.replaceAll('\n', '\n  ')}`);
        return;
      }
      await transport.sendMail({ from: mail.from, to: message.to, subject: message.subject, text: message.text });
    },
    async webhook(url, body) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(WEBHOOK_DEADLINE_MS),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`webhook answered ${response.status}`);
    },
  };
}
