import { describe, expect, it } from "vitest";
import { badgeImageDataUri, badgeImageSvg, bakedBadgeSvg } from "./badgeImage";

const facts = {
  qualificationTitle: "Qualified Mentor Status <QMS> & more",
  qualificationCode: "QMS",
  partnership: `St Mary's & "Hillside" ITE Partnership`,
  credits: 30,
  fheqLevel: 7,
};

describe("the badge picture", () => {
  it("writes the certificate's words as escaped text, so no name can break the SVG", () => {
    const svg = badgeImageSvg(facts);
    expect(svg).toContain("&lt;QMS&gt; &amp; more");
    expect(svg).toContain("St Mary&apos;s &amp; &quot;Hillside&quot;");
    expect(svg).not.toMatch(/<QMS>|& more/);
    expect(svg).toContain("30 credits · FHEQ level 7");
    expect((svg.match(/<svg\b/g) ?? []).length).toBe(1);
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("is carried as a data: URI and baked with the signed badge as OB 3.0 says", () => {
    expect(
      Buffer.from(badgeImageDataUri(facts).replace(/^data:image\/svg\+xml;base64,/, ""), "base64").toString("utf8"),
    ).toBe(badgeImageSvg(facts));
    const baked = bakedBadgeSvg(facts, "aGVhZGVy.cGF5bG9hZA.c2ln");
    expect(baked).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]* xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"><openbadges:credential verify="aGVhZGVy\.cGF5bG9hZA\.c2ln"><\/openbadges:credential>/,
    );
    expect(() => bakedBadgeSvg(facts, 'a.b.c" onload="x')).toThrow();
  });
});
