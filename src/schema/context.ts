/** What every resolver gets: the services (logic lives there, resolvers stay thin) and the request's cookies. */
import type { SignInMode, StorefrontId } from '../backends/backend.js';
import type { ClientInfo } from '../limits.js';
import type { PasswordlessSignIn } from '../login/passwordless/service.js';
import type { JwtLoginService } from '../login/service.js';
import type { PasswordPolicy } from '../reset/policy.js';
import type { PasswordResetService } from '../reset/service.js';
import type { ResetCredential } from '../reset/strategy.js';
import type { ObservedContext } from './observe-plugin.js';

export interface Services {
  resets: PasswordResetService;
  policy: PasswordPolicy;
  login: JwtLoginService;
  passwordless: PasswordlessSignIn;
  /** The storefronts served (BigCommerce channels): inputs may name one of `ids`; `defaultId` otherwise. */
  storefronts: { defaultId: StorefrontId; ids: readonly StorefrontId[] };
  /** What the configured backend offers (`Query.capabilities`). */
  capabilities: Capabilities;
}

export interface Capabilities {
  backend: string;
  signInModes: readonly SignInMode[];
  resetStrategy: string;
  /** Whether `passwordResetTokenStatus` can tell a usable link from the rest (native: UNKNOWN). */
  tokenStatus: boolean;
  ssoLogin: boolean;
  code: { madeBy: 'gateway' | 'upstream'; length: number; alphabet: string };
}

export interface GraphQLContext extends ObservedContext {
  services: Services;
  client: ClientInfo;
  /** The credential from the handoff cookie, if the request carries one. */
  handoffCredential: ResetCredential | null;
  /** The passwordless flow id from the sign-in flow cookie, if the request carries one. */
  signInFlow: string | undefined;
  /** Queue a `Set-Cookie` header for this request's response. */
  setCookie(header: string): void;
}
