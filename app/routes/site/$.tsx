// Any URL no other route claims: the 404 page, with status 404.
import { ErrorPage } from "~/components/error-page";
import { notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFound() {
  return <ErrorPage />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
