import { useRouteLoaderData } from "@remix-run/react";

/**
 * The reader's time zone, for components that format a date themselves
 * (with app/utils/zoned-dates.ts): what the root loader read with the
 * session (the member's own zone; UTC for visitors), and UTC when the root's
 * data is missing (error pages). Server render and hydration agree: neither
 * uses the browser's own zone.
 */
export function useTimeZone(): string {
  return useRouteLoaderData<{ timeZone?: string }>("root")?.timeZone ?? "UTC";
}
