import { describe, expect, it } from "vitest";
import { videoEmbedUrl, videoHost } from "./moduleContent";

describe("videoEmbedUrl", () => {
  it("plays YouTube from its no-cookie player, whichever address the programme gives", () => {
    for (const url of [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com/embed/dQw4w9WgXcQ",
      "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ]) {
      expect(videoEmbedUrl(url), url).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    }
  });

  it("plays Vimeo from its player", () => {
    expect(videoEmbedUrl("https://vimeo.com/76979871")).toBe("https://player.vimeo.com/video/76979871");
    expect(videoEmbedUrl("https://player.vimeo.com/video/76979871")).toBe("https://player.vimeo.com/video/76979871");
  });

  it("frames nothing else: other sites, channel pages and ids of the wrong shape stay links", () => {
    for (const url of [
      "https://www.bbc.co.uk/teach/video",
      "https://www.youtube.com/@someChannel",
      "https://www.youtube.com/watch?v=%22%3E%3Cscript%3E",
      "https://vimeo.com/channels/staffpicks",
      "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    ]) {
      expect(videoEmbedUrl(url), url).toBeNull();
    }
    expect(videoHost("https://youtube.com.evil.example/watch?v=x")).toBe("youtube.com.evil.example");
  });
});
