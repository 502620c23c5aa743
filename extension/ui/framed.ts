/**
 * Whether this page is shown inside a frame of another page. A warn page in a frame offers no
 * Continue (a site could make the frame invisible and trick a click: click-jacking); it offers
 * to open the site in its own tab, where the full warn page asks. A cross-origin parent that
 * cannot be compared counts as framed.
 */
export function isFramed(): boolean {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
}
