import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

/**
 * Routes come from the files in app/routes, one folder per feature. Each folder
 * follows Remix's flat-routes convention on its own (`flatRoutes` does not
 * recurse into folders), so a layout and the routes nested in it share a folder.
 * Route ids read `routes/<feature>/<file>`. Tests are in tests/routes.
 */
export const FEATURE_FOLDERS = [
  "site",
  "accounts",
  "members",
  "associations",
  "competencies",
  "pathways",
  "goals",
  "discussions",
  "statements",
  "credentials",
  "mentoring",
  "admin",
] as const;

export default Promise.all(FEATURE_FOLDERS.map((folder) => flatRoutes({ rootDirectory: `routes/${folder}` }))).then((folders) =>
  folders.flat(),
) satisfies RouteConfig;
