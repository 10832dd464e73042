// /dev/outbox: the newest emails in the outbox, for development and end-to-end
// tests (reset links). Off (404) unless devOutboxEnabled().
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { devOutboxEnabled, headerRecord, listOutbox } from "~/utils/email.server";
import { notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";

const SHOWN = 50;

export async function loader() {
  if (!devOutboxEnabled()) throw notFound();
  const emails = await listOutbox(SHOWN);
  return {
    emails: emails.map((email) => ({
      ...email,
      headers: Object.entries(headerRecord(email.headers)),
      createdAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
    })),
  };
}

export default function DevOutbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">Outbox (development)</h1>
      <p className="mt-2 text-stone-700">
        The newest {SHOWN} emails the app wrote, newest first. Without SMTP_URL nothing leaves this server: this page
        is where reset links arrive while developing.
      </p>
      {emails.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-5 text-stone-700">
          No emails yet. Ask for a password reset and it will appear here.
        </p>
      ) : (
        <ol className="mt-6 space-y-4">
          {emails.map((email) => (
            <li key={email.id}>
              <article aria-labelledby={`email-${email.id}`} className="rounded-lg border border-stone-200 bg-white p-4">
                <h2 id={`email-${email.id}`} className="text-lg font-semibold break-words">
                  {email.subject}
                </h2>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-stone-700">
                  <dt className="font-medium">To</dt>
                  <dd className="break-all">{email.to}</dd>
                  <dt className="font-medium">Kind</dt>
                  <dd>{email.kind}</dd>
                  <dt className="font-medium">Written</dt>
                  <dd>
                    <time dateTime={email.createdAt}>{formatTime(email.createdAt)}</time>
                    {email.sentAt ? " · sent by SMTP" : " · not sent (outbox only)"}
                  </dd>
                </dl>
                {email.headers.length > 0 ? (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer font-medium">Headers ({email.headers.length})</summary>
                    <dl className="mt-1 space-y-1">
                      {email.headers.map(([name, value]) => (
                        <div key={name}>
                          <dt className="font-mono font-semibold">{name}</dt>
                          <dd className="break-all font-mono text-stone-700">
                            <Linkified text={value} />
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                ) : null}
                <pre className="mt-3 overflow-x-auto rounded bg-stone-100 p-3 text-sm whitespace-pre-wrap break-words">
                  <Linkified text={email.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** "2026-11-23 20:46:05 UTC": the same on server and client, so hydration matches. */
function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * Plain text with its http(s) URLs as links. Built from React elements, so
 * the text is escaped and only http(s) URLs can become an href.
 */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    // Sentence punctuation right after a URL is not part of it.
    const url = match[0].replace(/[.,;:!?)\]]+$/, "");
    const start = match.index;
    if (!isHttpUrl(url)) continue;
    parts.push(text.slice(last, start), <a key={start} href={url}>{url}</a>);
    last = start + url.length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

export const meta: MetaFunction = () => [{ title: "Outbox (development) · CME Commons" }, { name: "robots", content: "noindex" }];
