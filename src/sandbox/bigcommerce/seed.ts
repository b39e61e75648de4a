/** The demo customers every fresh (or reset) sandbox starts with. Passwords meet the default store rules. */
export interface SeedCustomer {
  id: number;
  /** null: a global customer (may sign in wherever the channel allows global logins). */
  channelIds: number[] | null;
  originChannelId: number;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  forcePasswordReset: boolean;
}

export const SEED_CUSTOMERS: readonly SeedCustomer[] = [
  {
    id: 1,
    channelIds: null,
    originChannelId: 1,
    email: 'jane@example.com',
    password: 'Password123',
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Example Co',
    phone: '555-0101',
    forcePasswordReset: false,
  },
  {
    id: 2,
    channelIds: [1],
    originChannelId: 1,
    email: 'john@example.com',
    password: 'Password123',
    firstName: 'John',
    lastName: 'Smith',
    company: '',
    phone: '555-0102',
    forcePasswordReset: false,
  },
  {
    id: 3,
    channelIds: [1],
    originChannelId: 1,
    email: 'reset-required@example.com',
    password: 'Password123',
    firstName: 'Riley',
    lastName: 'Reset',
    company: '',
    phone: '',
    forcePasswordReset: true,
  },
  {
    id: 4,
    channelIds: [2],
    originChannelId: 2,
    email: 'olive@example.com',
    password: 'Password123',
    firstName: 'Olive',
    lastName: 'Outlet',
    company: '',
    phone: '',
    forcePasswordReset: false,
  },
];

/** Fixed creation date so seeded records look the same on every start. */
export const SEED_DATE = '2024-01-15T09:30:00Z';
