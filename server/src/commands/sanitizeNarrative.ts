import sanitizeHtml from "sanitize-html";

// Formatting a reflective narrative needs, and nothing that can run or load anything.
const options: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"],
  allowedAttributes: { a: ["href", "rel", "target"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // Links open outside the LMS frame and cannot reach back into it.
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }),
    // Browsers' editable boxes start each new paragraph with a <div> (Chrome, Safari, Edge);
    // dropping the tag would run the paragraphs together, so each becomes a <p>.
    div: "p",
  },
};

const BLOCK_START = /<(p|ul|ol|li|h3|h4|blockquote)[\s>]/i;

/**
 * Rich text as we store it: safe formatting only; scripts, styles, handlers and iframes are
 * dropped; every paragraph is a block, so the text keeps its paragraphs wherever it is shown.
 */
export function sanitizeNarrative(html: string): string {
  const clean = sanitizeHtml(html, options).trim();
  // An editable box holds its first line as bare text before the first <div>: make it a paragraph
  // too. Text with no block at all is left as it is (it shows as one paragraph anyway).
  const firstBlock = clean.search(BLOCK_START);
  if (firstBlock <= 0) return clean;
  const leading = clean.slice(0, firstBlock).replace(/(\s*<br\s*\/?>\s*)+$/i, "");
  return leading.replace(/<br\s*\/?>/gi, "").trim()
    ? `<p>${leading}</p>${clean.slice(firstBlock)}`
    : clean.slice(firstBlock);
}
