/**
 * Single sign-on rules, pure (client-safe).
 */

/** A member's ways in: their password (if any) and their linked providers. */
export type SignInMethods = { hasPassword: boolean; providers: number };

/** Whether removing one linked provider leaves the member a way to sign in. */
export function canRemoveProvider(methods: SignInMethods): boolean {
  return methods.providers > 0 && (methods.hasPassword || methods.providers > 1);
}
