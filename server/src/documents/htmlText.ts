const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/**
 * Sanitised narrative HTML as plain paragraphs for a PDF: block ends become line breaks, list
 * items get a bullet, every other tag is dropped. Good enough for the formatting the editor allows.
 */
export function htmlToParagraphs(html: string): string[] {
  const text = html
    .replace(/<li[^>]*>/gi, "\n• ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|blockquote)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(
      /&(#?\w+);/g,
      (m, name: string) => entities[name] ?? (name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : m),
    );
  return text
    .split(/\n+/)
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter((line) => line.length > 0);
}
