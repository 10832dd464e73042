/** The site administrator every e2e server starts with (tests/e2e/admin-account.ts). */
export const E2E_ADMIN = { email: "site-admin@e2e.example.org", password: "lantern harbour quietly", name: "Ada Administrator" } as const;
