/** Small inline SVG icons (inline SVG needs no asset request and no style tag, so it suits the CSP). */
import type { ReactElement } from 'react';

const PATHS = {
  list: 'M4 6h16M4 12h16M4 18h10',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  shield: 'M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6l7-3zM8.5 12l2.5 2.5 4.5-5',
  package: 'M12 3l8 4.5v9L12 21l-8-4.5v-9L12 3zM4 7.5l8 4.5 8-4.5M12 12v9',
  lock: 'M7 11V8a5 5 0 0110 0v3M6 11h12v9H6v-9zM12 14.5v2.5',
  info: 'M12 21a9 9 0 100-18 9 9 0 000 18zM12 11v6M12 7.5v.5',
  error: 'M12 21a9 9 0 100-18 9 9 0 000 18zM9 9l6 6M15 9l-6 6',
  warning: 'M12 4L2.5 20h19L12 4zM12 10v4.5M12 17.5v.5',
  plus: 'M12 5v14M5 12h14',
  trash: 'M5 7h14M10 7V5h4v2M7 7l1 13h8l1-13M10 11v6M14 11v6',
  copy: 'M9 9h11v11H9V9zM5 15H4V4h11v1',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  key: 'M14.5 9.5a4.5 4.5 0 11-9 0 4.5 4.5 0 019 0zM13.5 12.5L21 20M17.5 16.5l2-2M15.5 14.5l1.5-1.5',
  pending: 'M12 7.5a4.5 4.5 0 100 9 4.5 4.5 0 000-9z',
  arrowLeft: 'M19 12H5M11 6l-6 6 6 6',
  arrowRight: 'M5 12h14M13 6l6 6-6 6',
} as const;

/** The name of an icon. */
export type IconName = keyof typeof PATHS;

/** A decorative icon; meaning is always carried by adjacent text, so it is hidden from assistive tech. */
export function Icon({ name, size = 20, className }: { name: IconName; size?: number; className?: string }): ReactElement {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
