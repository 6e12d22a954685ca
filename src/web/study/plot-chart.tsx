// Renders an Observable Plot chart into a div. Plot (with d3) is loaded only when a chart is shown.
// Plot puts <style> elements in its output; the app's Content-Security-Policy (style-src 'self')
// refuses inline styles, so they are removed and the same rules live in study.css under the fixed
// class name below. Every chart has a text alternative: its caller passes a table or a summary.
import { useEffect, useRef, useState } from 'react';
import type * as PlotModule from '@observablehq/plot';
import { useT } from '../i18n/i18n.tsx';

export const PLOT_CLASS = 'eligo-plot';

type Plot = typeof PlotModule;

export function PlotChart({ build, label, deps }: { build(plot: Plot): PlotModule.PlotOptions; label: string; deps: readonly unknown[] }) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let rendered: Element | null = null;
    void import('@observablehq/plot').then(
      (plot) => {
        if (cancelled || !container.current) return;
        const width = Math.max(320, Math.min(container.current.clientWidth || 640, 1100));
        rendered = plot.plot({ width, className: PLOT_CLASS, ...build(plot) });
        for (const style of rendered.querySelectorAll('style')) style.remove();
        rendered.setAttribute('aria-label', label);
        container.current.replaceChildren(rendered);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
      rendered?.remove();
    };
    // `build` is a fresh closure each render; `deps` say when the chart really changes.
  }, [...deps, t.language]);

  return (
    <div className="plot-chart" ref={container} role="img" aria-label={label}>
      {failed ? <p className="muted">{t('conduct.chart.failed')}</p> : null}
    </div>
  );
}
