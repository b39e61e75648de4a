/** The gateway's own routes. The handoff cookie is scoped to the GraphQL endpoint, where resetPassword runs. */
export const GRAPHQL_PATH = '/graphql';
export const HANDOFF_PATH = '/password-reset';
export const RESET_PAGE_PATH = '/reset-password';
export const HANDOFF_COOKIE_PATH = GRAPHQL_PATH;
/** Liveness (the process) and readiness (Redis, BigCommerce, the OTT attribute). */
export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';
