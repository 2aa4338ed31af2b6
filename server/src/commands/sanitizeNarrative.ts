import sanitizeHtml from "sanitize-html";

// Formatting a reflective narrative needs, and nothing that can run or load anything.
const options: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"],
  allowedAttributes: { a: ["href", "rel", "target"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Links open outside the LMS frame and cannot reach back into it.
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }) },
};

/** Rich text as we store it: safe formatting only; scripts, styles, handlers and iframes are dropped. */
export function sanitizeNarrative(html: string): string {
  return sanitizeHtml(html, options).trim();
}
