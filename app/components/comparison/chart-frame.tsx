import { useId, type ReactNode } from "react";

/** An SVG chart with its text alternative: role img, a title and a description naming what it shows. */
export function ChartFrame({
  title,
  desc,
  width,
  height,
  testId,
  children,
}: {
  title: string;
  desc: string;
  width: number;
  height: number;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
      className="chart"
      data-testid={testId}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

/**
 * A chart's figures as a table for screen readers. The wrapper is what is visually hidden: a table cannot be
 * made 1px wide, so hiding the table itself left it (and the page) as wide as its columns.
 */
export function ChartDataTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** Distinct in greyscale too: the charts also label every mark, so colour is never the only cue. */
export const PALETTE = ["#0b5cab", "#d97706", "#15803d", "#9333ea", "#b42318", "#0e7490", "#4d5566", "#a16207", "#be185d", "#1e3a8a"];
