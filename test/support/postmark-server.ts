/**
 * A local Postmark-compatible server for tests: `POST /email` and `POST /email/withTemplate`, the
 * `X-Postmark-Server-Token` check, and Postmark's JSON answers and error bodies (ErrorCode/Message), so the real
 * `postmark` client talks to it over a real socket. Failures can be scripted per request.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  path: '/email' | '/email/withTemplate';
  from: string;
  to: string;
  subject?: string;
  textBody?: string;
  htmlBody?: string;
  templateAlias?: string;
  templateModel?: Record<string, string>;
  messageStream?: string;
  tag?: string;
  trackLinks?: string;
  trackOpens?: boolean;
}

export type ScriptedFailure = 'server-error' | 'unavailable' | 'rate-limited' | 'inactive-recipient' | 'hang';

const FAILURES: Record<Exclude<ScriptedFailure, 'hang'>, { status: number; body: { ErrorCode: number; Message: string } | ((to: string) => { ErrorCode: number; Message: string }) }> = {
  'server-error': { status: 500, body: { ErrorCode: 0, Message: 'Internal server error.' } },
  unavailable: { status: 503, body: { ErrorCode: 0, Message: 'Service unavailable.' } },
  'rate-limited': { status: 429, body: { ErrorCode: 0, Message: 'Rate limit exceeded.' } },
  'inactive-recipient': {
    status: 422,
    body: (to) => ({
      ErrorCode: 406,
      Message: `You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ${to}. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.`,
    }),
  },
};

export interface PostmarkServer {
  url: string;
  /** Mail Postmark accepted, oldest first. */
  delivered: ReceivedMail[];
  /** Every request that reached a send endpoint, accepted or not. */
  attempts: number;
  /** The next requests fail like this, one entry each. */
  failNext(...failures: ScriptedFailure[]): void;
  /** Recipients Postmark treats as inactive (hard bounce): always 422/406. */
  inactive: Set<string>;
  close(): Promise<void>;
}

export async function startPostmarkServer(serverToken: string): Promise<PostmarkServer> {
  const scripted: ScriptedFailure[] = [];
  const hanging = new Set<ServerResponse>();
  const state: PostmarkServer = {
    url: '',
    delivered: [],
    attempts: 0,
    failNext: (...failures) => scripted.push(...failures),
    inactive: new Set(),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  const reply = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = req.url?.split('?')[0];
    if (req.method !== 'POST' || (path !== '/email' && path !== '/email/withTemplate')) {
      return reply(res, 404, { ErrorCode: 0, Message: 'Not found.' });
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    state.attempts++;
    const token = req.headers['x-postmark-server-token'];
    if (!token) {
      return reply(res, 401, {
        ErrorCode: 10,
        Message: 'No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.',
      });
    }
    if (token !== serverToken) return reply(res, 401, { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return reply(res, 422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
    }
    const to = String(body.To ?? '');
    if (!body.From || !to) return reply(res, 422, { ErrorCode: 300, Message: 'Invalid email request' });

    const failure = scripted.shift();
    if (failure === 'hang') {
      hanging.add(res);
      return;
    }
    if (failure) {
      const { status, body: errorBody } = FAILURES[failure];
      return reply(res, status, typeof errorBody === 'function' ? errorBody(to) : errorBody);
    }
    if (state.inactive.has(to)) {
      const inactive = FAILURES['inactive-recipient'];
      return reply(res, inactive.status, typeof inactive.body === 'function' ? inactive.body(to) : inactive.body);
    }
    state.delivered.push({
      path,
      from: String(body.From),
      to,
      ...(typeof body.Subject === 'string' ? { subject: body.Subject } : {}),
      ...(typeof body.TextBody === 'string' ? { textBody: body.TextBody } : {}),
      ...(typeof body.HtmlBody === 'string' ? { htmlBody: body.HtmlBody } : {}),
      ...(typeof body.TemplateAlias === 'string' ? { templateAlias: body.TemplateAlias } : {}),
      ...(body.TemplateModel ? { templateModel: body.TemplateModel as Record<string, string> } : {}),
      ...(typeof body.MessageStream === 'string' ? { messageStream: body.MessageStream } : {}),
      ...(typeof body.Tag === 'string' ? { tag: body.Tag } : {}),
      ...(typeof body.TrackLinks === 'string' ? { trackLinks: body.TrackLinks } : {}),
      ...(typeof body.TrackOpens === 'boolean' ? { trackOpens: body.TrackOpens } : {}),
    });
    reply(res, 200, { To: to, SubmittedAt: new Date().toISOString(), MessageID: randomUUID(), ErrorCode: 0, Message: 'OK' });
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
