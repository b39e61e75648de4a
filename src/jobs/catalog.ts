/**
 * The gateway's background jobs by name, with their data: all the work done after a client has its answer. Data is
 * the least each handler needs: no password ever, no token (links and codes are made inside the job that mails
 * them), and in Redis it is sealed. Handlers are registered by name in app.ts.
 */
import type { SendSignInCodeJob } from '../login/passwordless/service.js';
import type { PasswordChangedNotice } from '../mail/notifications.js';
import type { JobQueue } from './queue.js';

export type GatewayJobs = {
  /** requestPasswordReset's upstream half, for every strategy (deduplicated per email while pending). */
  'reset.sendLink': { email: string; channelId: number };
  /** "Your password was changed". */
  'mail.passwordChanged': PasswordChangedNotice;
  /** requestSignInCode's background half (deduplicated per email while pending). */
  'signIn.sendCode': SendSignInCodeJob;
};

export type GatewayQueue = JobQueue<GatewayJobs>;
