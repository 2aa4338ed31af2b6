/**
 * Plain text as it was typed: a blank line starts a new paragraph, a single line break stays a
 * line break. Text is rendered as text, never as HTML.
 */
export function TextParagraphs({ text, empty }: { text: string; empty?: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return empty ? <p>{empty}</p> : null;
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split("\n").map((line, j) => (
            <span key={j}>
              {j > 0 && <br />}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  );
}
