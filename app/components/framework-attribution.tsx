export function FrameworkAttribution({
  framework,
}: {
  framework: { attribution: string; sourceUrl: string | null; version: string; framework: { name: string; publisher: string } };
}) {
  return (
    <aside aria-label="About this framework" className="mt-10 rounded-lg border border-stone-200 bg-white p-4 text-sm text-stone-700">
      <p>
        <strong>{framework.framework.name}</strong>, version {framework.version}, published by{" "}
        {framework.framework.publisher}.
      </p>
      <p className="mt-2">{framework.attribution}</p>
      {framework.sourceUrl ? (
        <p className="mt-2">
          <a href={framework.sourceUrl} rel="noopener noreferrer">
            The Alliance's professional competencies page
          </a>
        </p>
      ) : null}
    </aside>
  );
}
