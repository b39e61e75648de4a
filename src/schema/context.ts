/** What every resolver gets: the services (logic lives there, resolvers stay thin) and the request's cookies. */
import type { ClientInfo } from '../limits.js';
import type { JwtLoginService } from '../login/service.js';
import type { PasswordPolicy } from '../reset/policy.js';
import type { PasswordResetService } from '../reset/service.js';
import type { ResetCredential } from '../reset/strategy.js';

export interface Services {
  resets: PasswordResetService;
  policy: PasswordPolicy;
  login: JwtLoginService;
}

export interface GraphQLContext {
  services: Services;
  client: ClientInfo;
  /** The credential from the handoff cookie, if the request carries one. */
  handoffCredential: ResetCredential | null;
  /** Queue a `Set-Cookie` header for this request's response. */
  setCookie(header: string): void;
}
