// The preview renders text the user typed: Markdown by marked, then
// DOMPurify keeps only harmless HTML (no scripts, handlers, iframes, forms).
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const md = new Marked({ gfm: true, breaks: false, async: false });

// Links open outside the app (the webview blocks navigation to other
// origins anyway); mark them so the page can hand them to the system.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('rel', 'noopener noreferrer');
    node.setAttribute('target', '_blank');
  }
});

export function renderMarkdown(src: string): string {
  const html = md.parse(src) as string;
  // GFM task lists come as <input type="checkbox" disabled>: kept (inert).
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select'],
  });
}
