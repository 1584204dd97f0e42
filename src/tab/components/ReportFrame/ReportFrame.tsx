import { useEffect, useRef } from 'react';
import { useReportFrameStyles } from './ReportFrame.styles';

export type ReportFrameProps = {
  /** The report's HTML page as the server rendered it (its own CSP, style sheet and headings). */
  html: string;
  /** The frame's accessible name (WCAG 4.1.2): "Annual report 2021". */
  title: string;
  'data-testid'?: string;
};

/**
 * A document the server rendered, shown inside the tab as it is: an `<iframe srcdoc>` (a `src`
 * would reach the API without the Teams token), as tall as the document so the tab scrolls once.
 * No script runs in it: the page's own Content Security Policy allows none, nor does the tab's,
 * which a `srcdoc` document inherits. (No `sandbox`: accessibility checkers such as axe could
 * not look inside a frame whose scripts are off, and the two policies already keep scripts out.)
 */
export function ReportFrame({ html, title, 'data-testid': testId }: ReportFrameProps) {
  const styles = useReportFrameStyles();
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    let doc: Document | null = null;
    const fit = () => {
      if (doc?.body) element.style.height = `${Math.ceil(doc.body.scrollHeight) + 2}px`;
    };
    const onClick = (event: MouseEvent) => {
      if (doc) followInPageLink(event, doc);
    };
    const attach = () => {
      doc?.removeEventListener('click', onClick);
      doc = element.contentDocument;
      doc?.addEventListener('click', onClick);
      fit();
    };
    // The document reflows when the frame's width changes; its height then follows.
    const resize = new ResizeObserver(fit);
    resize.observe(element);
    element.addEventListener('load', attach);
    if (element.contentDocument?.readyState === 'complete') attach();
    return () => {
      resize.disconnect();
      element.removeEventListener('load', attach);
      doc?.removeEventListener('click', onClick);
    };
  }, [html]);

  return (
    <iframe ref={frame} className={styles.frame} title={title} srcDoc={html} data-testid={testId} />
  );
}

/**
 * The report's contents and skip link point at `#id`. A `srcdoc` page resolves those against the
 * tab's own address, so following one would load the tab inside the frame: the frame's document
 * is scrolled to the target instead, which also takes the focus.
 */
function followInPageLink(event: MouseEvent, doc: Document): void {
  const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
  if (!link) return;
  event.preventDefault();
  const target = doc.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}
