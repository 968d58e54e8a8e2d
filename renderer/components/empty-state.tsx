/** The placeholder a destination shows when it has nothing (yet) to show: icon, heading, one sentence, one action. */
import type { ReactElement, ReactNode } from 'react';
import { Icon, type IconName } from './icons';

/** An empty state with a primary action. */
export function EmptyState({ icon, heading, children, action }: { icon: IconName; heading: string; children: ReactNode; action?: ReactNode }): ReactElement {
  return (
    <section className="empty-state" aria-label={heading}>
      <div className="empty-state-icon">
        <Icon name={icon} size={40} />
      </div>
      <h2>{heading}</h2>
      <p>{children}</p>
      {action !== undefined && <div className="empty-state-action">{action}</div>}
    </section>
  );
}
