/** The customer and session shapes every flow returns (and the schema exposes). */
export interface Customer {
  entityId: number;
  email: string;
  firstName: string;
  lastName: string;
}

/** A BigCommerce customer access token and its expiry. */
export interface CustomerSession {
  customerAccessToken: string;
  expiresAt: Date;
}
