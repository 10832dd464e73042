/** An area's evidence from an assessment: the sanitized notes and the links. */
export function Evidence({
  evidenceHtml,
  links,
  className = "",
}: {
  evidenceHtml: string;
  links: string[];
  className?: string;
}) {
  return (
    <>
      {evidenceHtml ? (
        <div
          className={`prose-content break-words text-stone-800 ${className}`}
          dangerouslySetInnerHTML={{ __html: evidenceHtml }}
        />
      ) : null}
      {links.length ? (
        <ul className="mt-1 space-y-1 text-sm">
          {links.map((link) => (
            <li key={link} className="break-all">
              <a href={link} rel="noopener noreferrer nofollow">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
