import { internalError } from "../errors";

/**
 * The badge's picture: an SVG drawn from the certificate's own words (qualification, partnership,
 * level), so it needs no network and no image files. The achievement carries it as a data: URI
 * (Open Badges 3.0 `Image`); the mentor's download is the same picture with the signed credential
 * baked in (OB 3.0 section 5.3.2, SVG).
 */

const OB3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";

const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Words wrapped into at most `lines` lines of about `width` characters; the last ends in "…" if cut. */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) line = next;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  return out.length > lines ? [...out.slice(0, lines - 1), `${out[lines - 1]}…`] : out;
}

export interface BadgeImageFacts {
  qualificationTitle: string;
  qualificationCode: string;
  partnership: string;
  credits?: number | null;
  fheqLevel?: number | null;
}

/** The badge as an SVG document (512 × 512), with a title for screen readers. */
export function badgeImageSvg(facts: BadgeImageFacts): string {
  const title = wrap(facts.qualificationTitle, 16, 3);
  const partnership = wrap(facts.partnership, 26, 2);
  const credit = facts.credits ? `${facts.credits} credits · FHEQ level ${facts.fheqLevel ?? 7}` : "Mentor Pathways";
  const titleY = 236 - (title.length - 1) * 21;
  const text = (lines: string[], y: number, step: number, size: number, weight: number) =>
    lines
      .map(
        (l, i) =>
          `<text x="256" y="${y + i * step}" font-size="${size}" font-weight="${weight}" text-anchor="middle">${xml(l)}</text>`,
      )
      .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-labelledby="t">`,
    `<title id="t">${xml(`${facts.qualificationTitle}, awarded by ${facts.partnership}`)}</title>`,
    `<circle cx="256" cy="256" r="248" fill="#1d3557"/>`,
    `<circle cx="256" cy="256" r="222" fill="#ffffff"/>`,
    `<circle cx="256" cy="256" r="210" fill="none" stroke="#e9a03b" stroke-width="8"/>`,
    `<g font-family="Arial, Helvetica, sans-serif" fill="#1d3557">`,
    `<text x="256" y="128" font-size="22" font-weight="700" text-anchor="middle" letter-spacing="3">${xml(facts.qualificationCode.toUpperCase())}</text>`,
    text(title, titleY, 42, 36, 700),
    text(partnership, 352, 26, 20, 400),
    `<text x="256" y="${352 + partnership.length * 26 + 14}" font-size="18" font-weight="400" text-anchor="middle">${xml(credit)}</text>`,
    `</g>`,
    `</svg>`,
  ].join("");
}

/** The badge picture as a data: URI, for the achievement's `image`. */
export function badgeImageDataUri(facts: BadgeImageFacts): string {
  return `data:image/svg+xml;base64,${Buffer.from(badgeImageSvg(facts), "utf8").toString("base64")}`;
}

/**
 * The picture with the signed credential baked in: the Open Badges namespace on <svg> and, first
 * inside it, <openbadges:credential verify="<compact JWS>">, as OB 3.0 bakes a VC-JWT into an SVG.
 */
export function bakedBadgeSvg(facts: BadgeImageFacts, compactJws: string): string {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(compactJws))
    throw internalError("The signed badge is not a compact JWS");
  const svg = badgeImageSvg(facts);
  const open = svg.indexOf(">") + 1;
  const tag = svg.slice(0, open - 1);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n${tag} xmlns:openbadges="${OB3_NAMESPACE}">` +
    `<openbadges:credential verify="${compactJws}"></openbadges:credential>` +
    svg.slice(open)
  );
}
