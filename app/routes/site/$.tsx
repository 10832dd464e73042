// Any URL no other route claims: the 404 page, with status 404.
import { ErrorPage } from "~/components/error-page";

export { headers } from "~/utils/headers";

export function loader() {
  throw new Response("Not found", { status: 404 });
}

export function action() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
