/** Lets resolvers set cookies: `cookieJar.set(request, header)` in the context, applied when the response goes out. */
import type { Plugin } from 'graphql-yoga';

export class ResponseCookies {
  private readonly pending = new WeakMap<Request, string[]>();

  set(request: Request, header: string): void {
    const list = this.pending.get(request) ?? [];
    list.push(header);
    this.pending.set(request, list);
  }

  plugin(): Plugin {
    return {
      onResponse: ({ request, response }) => {
        for (const header of this.pending.get(request) ?? []) response.headers.append('set-cookie', header);
      },
    };
  }
}
