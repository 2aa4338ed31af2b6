/**
 * Inside an LMS iframe, tells the LMS how tall the tool is, so the page scrolls as one instead of
 * a frame scrolling inside the LMS page. Canvas and Moodle honour
 * `{ subject: "lti.frameResize", height }` posted to the parent; others ignore it. Sent once at
 * start, on load, and whenever the layout's height changes (ResizeObserver). Outside a frame it
 * does nothing.
 */
export function startFrameResize(root: HTMLElement, target: Window = window.parent): () => void {
  if (target === window) return () => {};
  // The app fills at least the viewport outside a frame; in one it must shrink to its content,
  // or the frame could only ever grow.
  document.documentElement.classList.add("in-frame");
  let lastHeight = -1;
  const send = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === lastHeight || height === 0) return;
    lastHeight = height;
    // The height is not a secret and the LMS's origin is not known to the client: any origin.
    target.postMessage({ subject: "lti.frameResize", height }, "*");
  };
  const observer = new ResizeObserver(send);
  observer.observe(root);
  window.addEventListener("load", send);
  send();
  return () => {
    observer.disconnect();
    window.removeEventListener("load", send);
  };
}
