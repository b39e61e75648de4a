/** The gateway's own routes. The handoff cookie is scoped to the GraphQL endpoint, where resetPassword runs. */
export const GRAPHQL_PATH = '/graphql';
export const HANDOFF_PATH = '/password-reset';
export const RESET_PAGE_PATH = '/reset-password';
/** `__Host-` cookies must have Path=/ (see reset/handoff.ts). */
export const HANDOFF_COOKIE_PATH = '/';
/** Liveness (the process) and readiness (Redis, BigCommerce, the OTT attribute). */
export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';
/** Passwordless: the gateway's sign-in page, and the magic link's target (a page that consumes nothing on GET). */
export const SIGN_IN_PAGE_PATH = '/sign-in';
export const SIGN_IN_LINK_PATH = '/sign-in-link';
/** Prometheus metrics (behind `METRICS_TOKEN`, or on `METRICS_PORT` instead). */
export const METRICS_PATH = '/metrics';
